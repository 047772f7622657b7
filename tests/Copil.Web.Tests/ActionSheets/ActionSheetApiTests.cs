using System.Net;
using System.Text.Json;
using Copil.Domain.Actions;
using Copil.Web.Api;
using Copil.Web.Features.ActionSheets;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.ActionSheets;

public abstract class ActionSheetApiTests(CopilFactory factory)
{
    private static string Sheets(ActionScenario s) => $"/api/v1/agreements/{s.Id}/action-sheets";

    private static async Task<ActionSheetDto> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<ActionSheetDto>();
    }

    [Fact]
    public async Task An_action_goes_its_whole_life_through_the_api()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var board = await factory.ApiAsync(ActionScenario.Board);

        var sheet = await OkAsync(await carrier.PostJsonAsync(Sheets(s), new ActionSheetInput(null, s.Content())));
        var url = $"{Sheets(s)}/{sheet.Id}";
        sheet = await OkAsync(await carrier.PostJsonAsync($"{url}/submit", new VersionInput(sheet.Version)));
        sheet = await OkAsync(await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Reserved, "Associer les CIO.", null, sheet.Version)));
        Assert.Equal(["MESR"], sheet.AwaitedOpinions);
        sheet = await OkAsync(await dgesip.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.OtherMinistryId, OpinionVerdict.Favorable, null, null, sheet.Version)));
        Assert.Equal(ActionStatus.ReadyForCommittee, sheet.Status);
        sheet = await OkAsync(await secretariat.PostJsonAsync($"{url}/revision-requests", new ReasonInput("Suivre les recommandations du MEN.", sheet.Version)));
        sheet = await OkAsync(await carrier.PutJsonAsync($"{url}/draft", new ContentInput(s.Content() with { Partners = "DRAFPIC, CIO" }, sheet.Version)));
        sheet = await OkAsync(await carrier.PostJsonAsync($"{url}/submit", new VersionInput(sheet.Version)));
        sheet = await OkAsync(await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Favorable, null, null, sheet.Version)));
        sheet = await OkAsync(await dgesip.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.OtherMinistryId, OpinionVerdict.Favorable, null, null, sheet.Version)));
        sheet = await OkAsync(await secretariat.PostJsonAsync($"{url}/committee-decisions", new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "copil du 10 mars 2026", sheet.Version)));
        sheet = await OkAsync(await board.PostJsonAsync($"{url}/board-decisions", new BoardDecisionInput(BoardOutcome.Approved, new DateOnly(2026, 3, 10), "CA du 10 mars 2026", sheet.Version)));
        sheet = await OkAsync(await secretariat.PostJsonAsync($"{url}/start", new DateInput(new DateOnly(2026, 3, 10), sheet.Version)));
        sheet = await OkAsync(await carrier.PostJsonAsync($"{url}/report", new VersionInput(sheet.Version)));
        var report = sheet.Report! with
        {
            Indicators = [sheet.Report!.Indicators[0] with { Achieved = 1100 }],
            Beneficiaries = [new(TargetPublic.HighSchoolPupils, 850, 400, 450, 10)],
            Costs = [.. sheet.Report!.Costs.Select(c => c with { RealCents = c.PlannedCents, Evidence = "facture" })],
            Assessment = "Bonne fréquentation.",
        };
        sheet = await OkAsync(await carrier.PutJsonAsync($"{url}/report", new ReportInput(report, sheet.Version)));
        sheet = await OkAsync(await carrier.PostJsonAsync($"{url}/report/submit", new VersionInput(sheet.Version)));
        sheet = await OkAsync(await secretariat.PostJsonAsync($"{url}/report/accept", new VersionInput(sheet.Version)));

        Assert.Equal(ActionStatus.ReportAccepted, sheet.Status);
        Assert.Equal(21_000_00, sheet.AmountDueCents);
        Assert.Equal(2, sheet.ApprovedVersionNumber);
        Assert.Equal(4, sheet.Opinions.Count);
        var diff = await (await secretariat.GetAsync($"{url}/diff?from=1&to=2")).ReadAsync<List<ContentChange>>();
        Assert.Equal(new ContentChange("Partenaires", "DRAFPIC", "DRAFPIC, CIO"), Assert.Single(diff));
    }

    [Fact]
    public async Task A_ministry_gives_only_its_own_opinion_and_only_once()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        var sheet = await OkAsync(await carrier.PostJsonAsync(Sheets(s), new ActionSheetInput(null, s.Content())));
        var url = $"{Sheets(s)}/{sheet.Id}";
        await OkAsync(await carrier.PostJsonAsync($"{url}/submit", new VersionInput(null)));

        var forOther = await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.OtherMinistryId, OpinionVerdict.Favorable, null, null, null));
        var reservedBare = await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Reserved, null, null, null));
        var first = await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Favorable, null, null, null));
        var twice = await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Unfavorable, null, null, null));

        Assert.Equal(HttpStatusCode.Forbidden, forOther.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, reservedBare.StatusCode);
        Assert.Contains("(art. 14)", await reservedBare.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);
    }

    [Fact]
    public async Task Submitting_an_incomplete_sheet_lists_every_missing_item_and_saves_nothing()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await OkAsync(await carrier.PostJsonAsync(Sheets(s), new ActionSheetInput(null, new ActionSheetContent { Title = "Idée" })));

        var response = await carrier.PostJsonAsync($"{Sheets(s)}/{sheet.Id}/submit", new VersionInput(sheet.Version));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("codes").GetArrayLength() >= 12);
        var after = await OkAsync(await carrier.GetAsync($"{Sheets(s)}/{sheet.Id}"));
        Assert.Equal(ActionStatus.Draft, after.Status);
    }

    [Fact]
    public async Task Bad_amounts_are_refused_in_french_even_in_a_draft()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var content = s.Content() with
        {
            Annex = new([new(ExpenseCategory.StaffCosts, "Salaires", -5, true)], [], 900),
            EndsOn = new DateOnly(2026, 4, 1),
        };

        var response = await carrier.PostJsonAsync(Sheets(s), new ActionSheetInput(null, content));

        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("ne peut pas être négatif", body, StringComparison.Ordinal);
        Assert.Contains("n'est pas éligible", body, StringComparison.Ordinal);
        Assert.Contains("dépasse le plafond de 5,65 %", body, StringComparison.Ordinal);
        Assert.Contains("La date de fin précède la date de début.", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_campus_is_refused()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);

        var response = await carrier.PostJsonAsync(Sheets(s), new ActionSheetInput(null, s.Content() with { CampusIds = [Guid.NewGuid()] }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Un campus des métiers choisi n'existe pas", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_saves_of_the_same_version_the_second_is_a_conflict()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await OkAsync(await carrier.PostJsonAsync(Sheets(s), new ActionSheetInput(null, s.Content())));

        var first = await carrier.PutJsonAsync($"{Sheets(s)}/{sheet.Id}/draft", new ContentInput(s.Content() with { Title = "Premier" }, sheet.Version));
        var second = await carrier.PutJsonAsync($"{Sheets(s)}/{sheet.Id}/draft", new ContentInput(s.Content() with { Title = "Second" }, sheet.Version));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task Who_sees_which_sheet()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var reader = await factory.ApiAsync(Scenario.Reader);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var draft = await OkAsync(await carrier.PostJsonAsync(Sheets(s), new ActionSheetInput(null, s.Content())));
        var other = await OkAsync(await secretariat.PostJsonAsync(Sheets(s), new ActionSheetInput("Autre organisme", s.Content())));
        await OkAsync(await secretariat.PostJsonAsync($"{Sheets(s)}/{other.Id}/submit", new VersionInput(null)));

        var readerList = await (await reader.GetAsync(Sheets(s))).ReadAsync<ActionSheetPage>();
        var carrierList = await (await carrier.GetAsync(Sheets(s))).ReadAsync<ActionSheetPage>();
        var waiting = await (await dgesco.GetAsync($"{Sheets(s)}?awaitingMyOpinion=true")).ReadAsync<ActionSheetPage>();

        Assert.Equal([other.Id], readerList.Rows.Select(r => r.Id));
        Assert.Equal([draft.Id], carrierList.Rows.Select(r => r.Id));
        Assert.Equal([other.Id], waiting.Rows.Select(r => r.Id));
        Assert.Equal((0, 2), (waiting.Rows[0].OpinionsReceived, waiting.Rows[0].OpinionsExpected));
        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"{Sheets(s)}/{draft.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carrier.GetAsync($"{Sheets(s)}/{other.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync(Sheets(s), new ActionSheetInput(null, s.Content()))).StatusCode);
    }

    [Fact]
    public async Task No_new_sheet_after_the_termination_takes_effect()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/termination", new TerminationInput(s.Agreement.OpcoId, new DateOnly(2025, 12, 1), null, null, null));

        var response = await secretariat.PostJsonAsync(Sheets(s), new ActionSheetInput("Campus", s.Content()));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("La résiliation a pris effet le 1er février 2026", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_counts_no_further_than_its_limit_or_the_page_asked_and_still_serves_every_page()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        for (var i = 0; i < 5; i++)
        {
            await OkAsync(await carrier.PostJsonAsync(Sheets(s), new ActionSheetInput(null, s.Content() with { Title = $"Action {i}" })));
        }

        var grant = new Copil.Web.Features.Access.AgreementGrant(s.Id, true, []);
        var (capped, exact, deep, beyond) = await factory.WithDbAsync(async db =>
        {
            var queries = new ActionSheetQueries(db) { CountLimit = 3, PageSize = 2 };
            return (await queries.ListAsync(s.Id, grant, new ActionSheetFilter(Sort: "-number")),
                await queries.ListAsync(s.Id, grant, new ActionSheetFilter(Carrier: "nobody")),
                await queries.ListAsync(s.Id, grant, new ActionSheetFilter(Page: 2)),
                await queries.ListAsync(s.Id, grant, new ActionSheetFilter(Page: int.MaxValue)));
        });

        // Three counted, more exist: the page is served in the order asked, and a next page offered.
        Assert.Equal((3, true, 2, 2), (capped.Total, capped.MoreThanTotal, capped.Rows.Count, capped.PageCount));
        Assert.Equal(capped.Rows.Select(r => r.Number).OrderDescending(), capped.Rows.Select(r => r.Number));
        Assert.Equal((0, false, 1), (exact.Total, exact.MoreThanTotal, exact.PageCount));
        // Page 2 needs three rows counted: more exist, so page 2 is served as asked.
        Assert.Equal((3, true, 2, 2), (deep.Total, deep.MoreThanTotal, deep.Page, deep.Rows.Count));
        // Far beyond the end, the count reaches the end: exact, and the last page (5 rows in pages of 2) is served.
        Assert.Equal((5, false, 3, 1), (beyond.Total, beyond.MoreThanTotal, beyond.Page, beyond.Rows.Count));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class ActionSheetApiOnSqliteTests(SqliteFactory factory) : ActionSheetApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class ActionSheetApiOnPostgresTests(PostgresFactory factory) : ActionSheetApiTests(factory);
