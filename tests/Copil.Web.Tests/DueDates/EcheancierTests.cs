using System.Diagnostics;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.DueDates;

[Collection(SqliteCollection.Name)]
public sealed class EcheancierTests(SqliteFactory factory)
{
    [Fact]
    public async Task The_seed_agreement_shows_what_is_overdue_and_exports_every_date_each_with_its_article()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var reader = await factory.SignedInAsync(Scenario.Reader);

        var page = await reader.GetPageAsync($"/conventions/{seed}/echeancier");
        var csv = await reader.GetStringAsync($"/conventions/{seed}/echeancier?handler=Csv");

        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("vendredi 29 avril 2022", StringComparison.Ordinal) && r.Contains("Fiche de réalisation", StringComparison.Ordinal) && r.Contains("art. 15", StringComparison.Ordinal));
        Assert.All(page.QuerySelectorAll("tbody td.source-cell"), cell => Assert.Matches(@"art\. \d+|délai", cell.TextContent));
        var lines = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Contains(lines, l => l.StartsWith("30/11/2023;", StringComparison.Ordinal) && l.Contains("art. 17", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Comité de pilotage de printemps 2021", StringComparison.Ordinal) && l.Contains("art. 14", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Matches(@"art\. \d+|délai", l));
        Assert.Contains(lines, l => l.StartsWith("29/04/2022;Bilan annuel 2021", StringComparison.Ordinal) && l.Contains("art. 15", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("29/04/2022;Fiche de réalisation", StringComparison.Ordinal) && l.Contains(";non respecté;", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_ics_file_is_read_by_another_calendar_library()
    {
        var demo = await factory.DemoAgreementIdAsync();
        using var reader = await factory.SignedInAsync(Scenario.Reader);
        var csv = await reader.GetStringAsync($"/conventions/{demo}/echeancier?handler=Csv");
        var expected = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length - 1;

        var ics = await reader.GetByteArrayAsync($"/conventions/{demo}/echeancier?handler=Ics");

        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, ics);
        var script = "import icalendar, sys; cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read()); events = cal.walk('VEVENT'); print(len(events)); print(events[0].get('summary')); print(events[0].get('dtstart').dt.isoformat())";
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", script, file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = (await python.StandardOutput.ReadToEndAsync()).Split('\n');
        await python.WaitForExitAsync();
        File.Delete(file);

        Assert.Equal(0, python.ExitCode);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), output[0]);
        Assert.Equal("Comité de pilotage de printemps 2025", output[1]);
        Assert.Equal("2025-06-13", output[2]);
    }

    [Fact]
    public async Task Overdue_opinions_are_one_line_per_sheet_and_the_page_sends_the_same_queries_for_one_sheet_or_many()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        try
        {
            var s = await ActionScenario.CreateAsync(factory);
            using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
            var current = await Http.OkAsync<Copil.Web.Api.AgreementDto>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}"));
            await Http.OkAsync<Copil.Web.Api.AgreementDto>(await secretariat.PutJsonAsync($"/api/v1/agreements/{s.Id}", new Copil.Web.Api.AgreementInput(s.Agreement.Reference, "Convention d'essai", null, new DateOnly(2025, 6, 2), "Paris",
                36, "art. 17", Copil.Domain.Agreements.RenewalPolicy.None, Copil.Domain.Agreements.EndOfTermRule.DayBeforeAnniversary, "art. 13", null, current.Terms with { OpinionDelayDays = 21 }, current.Version)));
            async Task SubmitAsync(string title)
            {
                var sheet = await Http.OkAsync<Copil.Web.Api.ActionSheetDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new Copil.Web.Api.ActionSheetInput(ActionScenario.CarrierOrganisation, s.Content() with { Title = title })));
                await Http.OkAsync<Copil.Web.Api.ActionSheetDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}/submit", new Copil.Web.Api.VersionInput(null)));
            }

            await SubmitAsync("Forum des métiers");
            factory.Clock.Advance(TimeSpan.FromDays(30));
            // Signed in after each move of the clock: a session does not outlive a month.
            using var before = await factory.SignedInAsync(ActionScenario.Dgesco);
            // Counted the second time: the header's « À traiter » count is computed once a minute per person.
            await before.GetAsync($"/conventions/{s.Id}/echeancier");
            var one = await before.GetAsync($"/conventions/{s.Id}/echeancier");
            factory.Clock.SetUtcNow(CopilFactory.Now);
            foreach (var n in Enumerable.Range(1, 5))
            {
                await SubmitAsync($"Salon {n}");
            }

            factory.Clock.Advance(TimeSpan.FromDays(30));
            using var dgesco = await factory.SignedInAsync(ActionScenario.Dgesco);
            await dgesco.GetAsync($"/conventions/{s.Id}/echeancier");
            var many = await dgesco.GetAsync($"/conventions/{s.Id}/echeancier");
            var page = await Http.ParseAsync(many);

            var overdue = page.QuerySelectorAll("#retard ~ table tbody tr").Select(r => r.TextContent).ToList();
            Assert.Equal(6, overdue.Count);
            Assert.All(overdue, r => Assert.Contains(": 2 avis attendus", r, StringComparison.Ordinal));
            Assert.Contains(overdue, r => r.Contains("« Forum des métiers »", StringComparison.Ordinal) && r.Contains("(vous)", StringComparison.Ordinal) && r.Contains("en retard de 9 jours", StringComparison.Ordinal));
            Assert.Contains("12 échéances en retard (sur 6 sujets)", page.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(Http.QueryCount(one), Http.QueryCount(many));
            var csv = await dgesco.GetStringAsync($"/conventions/{s.Id}/echeancier?handler=Csv");
            Assert.Equal(12, csv.Split("\r\n").Count(l => l.Contains("Avis du ", StringComparison.Ordinal) && l.Contains(";en retard de 9 jours;9;", StringComparison.Ordinal)));
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task The_api_lists_the_due_dates_and_the_carrier_s_own_overdue_report()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        var content = s.Content() with { StartsOn = new DateOnly(2025, 9, 1), EndsOn = new DateOnly(2025, 12, 15) };
        var sheet = await (await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new Copil.Web.Api.ActionSheetInput(ActionScenario.CarrierOrganisation, content))).ReadAsync<Copil.Web.Api.ActionSheetDto>();
        var url = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}";
        await secretariat.PostJsonAsync($"{url}/submit", new Copil.Web.Api.VersionInput(null));
        await dgesco.PostJsonAsync($"{url}/opinions", new Copil.Web.Api.OpinionInput(s.Agreement.MinistryId, Copil.Domain.Actions.OpinionVerdict.Favorable, null, null, null));
        await dgesip.PostJsonAsync($"{url}/opinions", new Copil.Web.Api.OpinionInput(s.Agreement.OtherMinistryId, Copil.Domain.Actions.OpinionVerdict.Favorable, null, null, null));
        await secretariat.PostJsonAsync($"{url}/committee-decisions", new Copil.Web.Api.CommitteeDecisionInput(Copil.Domain.Actions.CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "copil", null));
        await secretariat.PostJsonAsync($"{url}/board-decisions", new Copil.Web.Api.BoardDecisionInput(Copil.Domain.Actions.BoardOutcome.Approved, new DateOnly(2026, 3, 10), "CA", null));
        await secretariat.PostJsonAsync($"{url}/start", new Copil.Web.Api.DateInput(new DateOnly(2026, 3, 10), null));

        var mine = await (await carrier.GetAsync($"/api/v1/agreements/{s.Id}/due-dates?mine=true")).ReadAsync<List<Copil.Web.Api.DueItemDto>>();
        var all = await (await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/due-dates")).ReadAsync<List<Copil.Web.Api.DueItemDto>>();

        var report = Assert.Single(mine);
        Assert.Equal(new DateOnly(2026, 4, 29), report.DueOn);
        Assert.StartsWith("art. 15", report.Source, StringComparison.Ordinal);
        Assert.True(all.Count > 1);
        Assert.DoesNotContain(all, d => d.Mine && d.OwnerRole == Copil.Domain.Access.AgreementRole.ActionCarrier);
    }

    [Fact]
    public async Task A_stranger_gets_a_404_on_the_echeancier()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var stranger = await factory.SignedInAsync(Scenario.Stranger);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await stranger.GetAsync($"/conventions/{seed}/echeancier")).StatusCode);
    }
}
