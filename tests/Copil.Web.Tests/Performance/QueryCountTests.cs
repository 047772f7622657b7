using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.Performance;

/// <summary>
/// The key read pages send a fixed number of database commands, whatever the number of sheets and agreements: a page
/// that starts reading per row (an N+1) fails here long before it is slow in production. Counted by the app itself
/// (the <c>Server-Timing</c> header), on both databases.
/// </summary>
public abstract class QueryCountTests(CopilFactory factory)
{
    private static async Task<Dictionary<string, int>> CountsAsync(HttpClient page, HttpClient api, ActionScenario s)
    {
        var counts = new Dictionary<string, int>();
        foreach (var (name, client, url) in new[]
                 {
                     ("accueil", page, "/"),
                     ("convention", page, $"/conventions/{s.Id}"),
                     ("fiches", page, $"/conventions/{s.Id}/fiches"),
                     ("échéancier", page, $"/conventions/{s.Id}/echeancier"),
                     ("tableau de bord", page, $"/conventions/{s.Id}/tableau-de-bord?annee=2026"),
                     ("API fiches", api, $"/api/v1/agreements/{s.Id}/action-sheets"),
                     ("API échéances", api, $"/api/v1/agreements/{s.Id}/due-dates"),
                 })
        {
            // Counted the second time: the first use of a token or a session may write once (its last use).
            await client.GetAsync(url);
            var response = await client.GetAsync(url);

            // A page the person may not open (a carrier and the dashboard) counts as such.
            counts[name] = response.StatusCode == System.Net.HttpStatusCode.Forbidden ? -1 : Http.QueryCount(response);
        }

        return counts;
    }

    [Theory]
    [InlineData(Scenario.Secretariat)]
    [InlineData(ActionScenario.Dgesco)]
    [InlineData(ActionScenario.Carrier)]
    public async Task Key_pages_send_the_same_queries_for_one_sheet_as_for_many_and_for_one_agreement_as_for_several(string person)
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        try
        {
            var s = await ActionScenario.CreateAsync(factory);
            await s.SetOpinionDelayAsync(factory, 21);
            await s.ReadySheetAsync(factory, "Forum des métiers");
            Dictionary<string, int> few;
            using (var page = await factory.SignedInAsync(person))
            using (var api = await factory.ApiAsync(person))
            {
                few = await CountsAsync(page, api, s);
            }

            // More sheets at every stage, and a second agreement where the same people hold the same roles.
            foreach (var n in Enumerable.Range(1, 4))
            {
                await s.ReadySheetAsync(factory, $"Salon {n}");
            }

            await s.SubmittedSheetAsync(factory, "Visite d'entreprise");
            await s.SubmittedSheetAsync(factory, "Journée portes ouvertes");
            await s.StartedSheetAsync(factory, "Rallye des métiers");
            factory.Clock.Advance(TimeSpan.FromDays(60));
            var other = await ActionScenario.CreateAsync(factory);
            await other.ReadySheetAsync(factory, "Découverte des métiers");
            await other.SubmittedSheetAsync(factory, "Stage de troisième");
            // Two months on, the first agreement's opinions are overdue (signed in again: a session does not last a month).
            using var later = await factory.SignedInAsync(person);
            using var laterApi = await factory.ApiAsync(person);
            var many = await CountsAsync(later, laterApi, s);

            static string Show(Dictionary<string, int> counts) => string.Join(", ", counts.Select(c => $"{c.Key} {c.Value}"));
            Assert.Equal(Show(few), Show(many));
            Assert.All(many, c => Assert.True(c.Value <= 25, $"{c.Key} : {c.Value} requêtes"));
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteQueryCountTests(SqliteFactory factory) : QueryCountTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresQueryCountTests(PostgresFactory factory) : QueryCountTests(factory);
