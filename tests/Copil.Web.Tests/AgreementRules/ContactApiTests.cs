using System.Net;
using Copil.Domain.Relays;
using Copil.Web.Api;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.AgreementRules;

/// <summary>Art. 11 through the API: the shared directory (GDPR notice, export, erasure, retention) and the relays of an action.</summary>
public abstract class ContactApiTests(CopilFactory factory)
{
    private static ContactInput Representative(TestAgreement a, string email = "camille.durand@exemple.fr") =>
        new(ContactKind.RegionalRepresentative, a.OpcoId, "Camille Durand", "Déléguée régionale", "Délégation de Normandie", null, email, "02 31 00 00 00", "28");

    [Fact]
    public async Task A_person_added_is_informed_listed_by_territory_exported_and_erased_with_what_the_journal_kept()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var reader = await factory.ApiAsync(Scenario.Reader);
        using var stranger = await factory.ApiAsync(Scenario.Stranger);
        var url = $"/api/v1/agreements/{scenario.Id}/contacts";

        var noTerritory = await secretariat.PostJsonAsync(url, Representative(scenario.Agreement) with { RegionCode = null });
        Assert.Equal(HttpStatusCode.BadRequest, noTerritory.StatusCode);
        Assert.Contains("sans territoire", await noTerritory.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync(url, Representative(scenario.Agreement))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.PostJsonAsync(url, Representative(scenario.Agreement))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);

        var added = await (await secretariat.PostJsonAsync(url, Representative(scenario.Agreement))).ReadAsync<ContactDto>();
        Assert.Equal(HttpStatusCode.Created, (await dgesco.PostJsonAsync(url, new ContactInput(ContactKind.HigherEducation, null, "Alex Martin", "Chargé d'insertion", "Service d'orientation et d'insertion", "Université de Lille", null, null, "32"))).StatusCode);
        Assert.Equal(new DateOnly(2026, 3, 10), added.InformedOn);
        var notice = await factory.WithDbAsync(db => db.Set<Copil.Web.Features.Notifications.OutboxMessage>().SingleAsync(m => m.IdempotencyKey == $"contact-notice:{added.Id}"));
        Assert.Equal("camille.durand@exemple.fr", notice.ToAddress);
        Assert.Contains("Vos coordonnées dans l'annuaire de la convention", notice.Subject, StringComparison.Ordinal);

        // The carrier asks « who to tell in Normandy ».
        var normandy = await Http.OkAsync<List<ContactDto>>(await carrier.GetAsync($"{url}?region=28"));
        Assert.Equal(["Camille Durand"], normandy.Select(c => c.Name));
        Assert.Equal(2, (await Http.OkAsync<List<ContactDto>>(await carrier.GetAsync(url))).Count);
        var csv = await (await carrier.GetAsync($"{url}/export?format=csv&region=28")).Content.ReadAsStringAsync();
        Assert.Contains("Camille Durand", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Alex Martin", csv, StringComparison.Ordinal);
        var vcf = await carrier.GetAsync($"{url}/export?format=vcf");
        Assert.Equal("text/vcard", vcf.Content.Headers.ContentType?.MediaType);
        Assert.Contains("FN:Camille Durand", await vcf.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Erased on request; the journal never said who it was.
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.DeleteAsync($"{url}/{added.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await secretariat.DeleteAsync($"{url}/{added.Id}")).StatusCode);
        Assert.DoesNotContain(await Http.OkAsync<List<ContactDto>>(await carrier.GetAsync(url)), c => c.Id == added.Id);
        var journal = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.EntityId == added.Id.ToString()).ToListAsync());
        Assert.NotEmpty(journal);
        Assert.All(journal, e => Assert.DoesNotContain("Durand", (e.Before ?? "") + (e.After ?? ""), StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.DeleteAsync($"{url}/{added.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_directory_is_erased_the_set_time_after_the_agreement_ends()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        using (var secretariat = await factory.ApiAsync(Scenario.Secretariat))
        {
            Assert.Equal(HttpStatusCode.Created, (await secretariat.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/contacts", Representative(scenario.Agreement))).StatusCode);
        }

        int Count() => factory.WithDbAsync(db => db.Set<Contact>().CountAsync(c => c.AgreementId == scenario.Id)).GetAwaiter().GetResult();
        try
        {
            // The test agreement's last day in force is 1 June 2028: kept until 2 June 2029, erased from then.
            factory.Clock.SetUtcNow(new DateTimeOffset(2029, 6, 1, 9, 0, 0, TimeSpan.Zero));
            await factory.WithScopeAsync(sp => sp.GetRequiredService<Copil.Web.Features.Relays.ContactCommands>().EraseExpiredAsync());
            Assert.Equal(1, Count());
            factory.Clock.SetUtcNow(new DateTimeOffset(2029, 6, 2, 9, 0, 0, TimeSpan.Zero));
            await factory.WithScopeAsync(sp => sp.GetRequiredService<Copil.Web.Features.Relays.ContactCommands>().EraseExpiredAsync());
            Assert.Equal(0, Count());
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task A_relay_is_recorded_on_an_action_its_recorder_sees()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        var sheetId = await scenario.SubmittedSheetAsync(factory, "Forum");
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var stranger = await factory.ApiAsync(Scenario.Stranger);
        var url = $"/api/v1/agreements/{scenario.Id}/action-sheets/{sheetId}/relays";

        Assert.Equal(HttpStatusCode.Created, (await dgesco.PostJsonAsync(url, new RelayInput("Réseau des DRAFPIC", new DateOnly(2026, 3, 9), "Lettre d'information"))).StatusCode);
        var future = await carrier.PostJsonAsync(url, new RelayInput("ONISEP", new DateOnly(2026, 3, 11), "Site"));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("\"on\"", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var relays = await Http.OkAsync<List<RelayDto>>(await carrier.GetAsync(url));
        Assert.Equal(["Réseau des DRAFPIC"], relays.Select(r => r.Network));
        Assert.Equal("Denise Relectrice-DGESCO", relays[0].RecordedBy);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carrier.GetAsync($"/api/v1/agreements/{scenario.Id}/action-sheets/{Guid.NewGuid()}/relays")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ContactApiOnSqliteTests(SqliteFactory factory) : ContactApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ContactApiOnPostgresTests(PostgresFactory factory) : ContactApiTests(factory);
