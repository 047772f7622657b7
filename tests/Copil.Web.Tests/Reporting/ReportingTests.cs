using System.Net;
using System.Text;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Reporting;
using Copil.Web.Api;
using Copil.Web.Tests.Support;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Reporting;

/// <summary>Money, dashboards, the annual report, the annual plan and open data, through the pages and the API, on both databases.</summary>
public abstract class ReportingTests(CopilFactory factory)
{
    private static async Task SetCeilingPolicyAsync(HttpClient api, TestAgreement agreement, CeilingPolicy policy)
    {
        var current = await Http.OkAsync<AgreementDto>(await api.GetAsync($"/api/v1/agreements/{agreement.Id}"));
        await Http.OkAsync<AgreementDto>(await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}", new AgreementInput(agreement.Reference, "Convention d'essai", null, new DateOnly(2025, 6, 2), "Paris",
            36, "art. 17", RenewalPolicy.None, EndOfTermRule.DayBeforeAnniversary, "art. 13", null, current.Terms with { CeilingPolicy = policy }, current.Version)));
    }

    [Fact]
    public async Task A_blocking_agreement_refuses_the_validation_that_passes_the_ceiling_and_every_decision_page_shows_it()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        await SetCeilingPolicyAsync(secretariat, s.Agreement, CeilingPolicy.Block);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PutJsonAsync($"/api/v1/agreements/{s.Id}/yearly-ceilings/2026", new YearlyCeilingInput(30_000_00, await secretariat.AgreementVersionAsync(s.Id)))).StatusCode);
        var first = await s.ReadySheetAsync(factory, "Forum des métiers");
        var second = await s.ReadySheetAsync(factory, "Salon virtuel");
        var decision = new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil du 10 mars 2026", null);

        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{first}/committee-decisions", decision));
        using var pages = await factory.SignedInAsync(Scenario.Secretariat);
        var sheetPage = await pages.GetPageAsync($"/conventions/{s.Id}/fiches/{second}");
        var notice = sheetPage.QuerySelector(".ceiling-notice")!.TextContent;
        Assert.Contains("Plafond 2026 dépassé", notice, StringComparison.Ordinal);
        Assert.Contains("une validation sera refusée", notice, StringComparison.Ordinal);
        var refused = await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{second}/committee-decisions", decision);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ceiling.exceeded", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var money = await Http.OkAsync<MoneyDto>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/money/2026"));
        Assert.Equal((30_000_00L, 21_000_00L, 42_000_00L, false), (money.CeilingCents!.Value, money.CommittedCents, money.AskedCents, money.OverCeiling));

        // Rejecting stays possible, and the ceiling cannot be lowered below what is committed.
        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{second}/committee-decisions", decision with { Outcome = CommitteeOutcome.Rejected }));
        var lowered = await secretariat.PutJsonAsync($"/api/v1/agreements/{s.Id}/yearly-ceilings/2026", new YearlyCeilingInput(20_000_00, await secretariat.AgreementVersionAsync(s.Id)));
        Assert.Equal(HttpStatusCode.BadRequest, lowered.StatusCode);
        Assert.Contains("déjà engagés", await lowered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_warning_agreement_shows_the_overrun_on_the_agenda_and_lets_the_vote_validate()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PutJsonAsync($"/api/v1/agreements/{s.Id}/yearly-ceilings/2026", new YearlyCeilingInput(20_000_00, await secretariat.AgreementVersionAsync(s.Id)))).StatusCode);
        var sheet = await s.ReadySheetAsync(factory, "Forum des métiers");
        var meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/meetings",
            new MeetingInput(Copil.Domain.Committee.MeetingKind.Spring, 2026, new DateOnly(2026, 3, 12), null, "Paris", null, null, null, null)));
        await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/meetings/{meeting.Id}/items",
            new AgendaItemInput(Copil.Domain.Committee.AgendaItemKind.ActionSheet, null, sheet, true, null)));

        using var pages = await factory.SignedInAsync(Scenario.Secretariat);
        var agenda = await pages.GetPageAsync($"/conventions/{s.Id}/comite/{meeting.Id}");

        var notice = agenda.QuerySelector(".ceiling-notice")!.TextContent;
        Assert.Contains("Plafond 2026 dépassé", notice, StringComparison.Ordinal);
        Assert.Contains("la validation reste possible", notice, StringComparison.Ordinal);
        var decision = new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil", null);
        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet}/committee-decisions", decision));
        var money = await Http.OkAsync<MoneyDto>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/money/2026"));
        Assert.True(money.OverCeiling);
        Assert.Contains(money.Issues, i => i.Code == "money.over-ceiling");
    }

    [Fact]
    public async Task The_seed_dashboard_draws_each_chart_with_its_table_filters_and_exports()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var reader = await factory.SignedInAsync(Scenario.Reader);

        var page = await reader.GetPageAsync($"/conventions/{seed}/tableau-de-bord?annee=2021");

        var charts = page.QuerySelectorAll("svg.chart");
        Assert.True(charts.Length >= 5, $"{charts.Length} charts");
        foreach (var chart in charts)
        {
            Assert.Equal("img", chart.GetAttribute("role"));
            Assert.NotNull(chart.QuerySelector("title"));
            Assert.NotNull(chart.Closest("section")!.QuerySelector("table"));
        }

        Assert.Contains("400 000,00", page.QuerySelector("dl.totals")!.TextContent.Replace('\u202f', ' ').Replace('\u00a0', ' '), StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("input[name='Ceiling.Amount']"));

        var normandy = await reader.GetPageAsync($"/conventions/{seed}/tableau-de-bord?annee=2021&region=28");
        Assert.Contains("2 actions soumises", normandy.QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);

        var csv = await reader.GetAsync($"/conventions/{seed}/tableau-de-bord?annee=2021&handler=Export&table=publics&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType!.MediaType);
        var text = Encoding.UTF8.GetString(await csv.Content.ReadAsByteArrayAsync());
        Assert.StartsWith("\uFEFFPublic;Visés;Touchés", text, StringComparison.Ordinal);
        Assert.Contains("Lycéens;", text, StringComparison.Ordinal);
        var xlsx = await reader.GetAsync($"/conventions/{seed}/tableau-de-bord?annee=2021&handler=Export&table=budget&format=xlsx");
        using (var workbook = SpreadsheetDocument.Open(await xlsx.Content.ReadAsStreamAsync(), false))
        {
            Assert.Contains("Plafond annuel", workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/conventions/{seed}/tableau-de-bord?annee=2021&handler=Export&table=inconnue&format=csv")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SubmitFormAsync($"/conventions/{seed}/tableau-de-bord?annee=2021&handler=Ceiling", new Dictionary<string, string> { ["Ceiling.Amount"] = "1" },
            tokenFrom: "/compte")).StatusCode);
    }

    [Fact]
    public async Task A_dashboard_seen_before_a_change_shows_it_at_once_and_a_sheet_moved_to_another_year_changes_both_years()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        async Task<DashboardDto> DashboardAsync(int year) => await Http.OkAsync<DashboardDto>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/dashboard/{year}"));
        Assert.Equal(0, (await DashboardAsync(2026)).Actions);

        var first = await s.ReadySheetAsync(factory, "Forum des métiers");
        Assert.Equal((1, 0L), ((await DashboardAsync(2026)).Actions, (await DashboardAsync(2026)).Money.CommittedCents));
        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{first}/committee-decisions",
            new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil du 10 mars 2026", null)));
        Assert.Equal(21_000_00L, (await DashboardAsync(2026)).Money.CommittedCents);

        // A sheet sent back for revision, redated into 2027 and submitted again leaves 2026 and counts in 2027.
        var second = await s.SubmittedSheetAsync(factory, "Salon virtuel");
        Assert.Equal(2, (await DashboardAsync(2026)).Actions);
        Assert.Equal(0, (await DashboardAsync(2027)).Actions);
        var url = $"/api/v1/agreements/{s.Id}/action-sheets/{second}";
        var sheet = await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"{url}/revision-requests", new ReasonInput("Décaler en 2027.", null)));
        sheet = await Http.OkAsync<ActionSheetDto>(await carrier.PutJsonAsync($"{url}/draft", new ContentInput(
            s.Content() with { Title = "Salon virtuel", StartsOn = new DateOnly(2027, 2, 1), EndsOn = new DateOnly(2027, 3, 1) }, sheet.Version)));
        await Http.OkAsync<ActionSheetDto>(await carrier.PostJsonAsync($"{url}/submit", new VersionInput(sheet.Version)));

        Assert.Equal(1, (await DashboardAsync(2026)).Actions);
        Assert.Equal(1, (await DashboardAsync(2027)).Actions);
        var years = await factory.WithDbAsync(db => db.Set<Copil.Web.Features.Reporting.ReportingYear>().Where(r => r.AgreementId == s.Id).Select(r => r.Year).OrderBy(y => y).ToListAsync());
        Assert.Equal([2026, 2027], years);
    }

    [Fact]
    public async Task A_ceiling_typed_wrong_or_below_the_commitments_gets_a_french_message_and_changes_nothing()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        var url = $"/conventions/{seed}/tableau-de-bord?annee=2021";

        var typo = await Http.ParseAsync(await secretariat.SubmitFormAsync(url + "&handler=Ceiling", new Dictionary<string, string> { ["Ceiling.Amount"] = "beaucoup" }, tokenFrom: url));
        var below = await Http.ParseAsync(await secretariat.SubmitFormAsync(url + "&handler=Ceiling", new Dictionary<string, string> { ["Ceiling.Amount"] = "1000" }, tokenFrom: url));

        Assert.Contains("Indiquez le plafond en euros", typo.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("déjà engagés", below.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        var ceiling = await factory.WithDbAsync(db => Task.FromResult(db.Agreements.Where(a => a.Id == seed).SelectMany(a => a.YearlyCeilings).Single(c => c.Year == 2021).AmountCents));
        Assert.Equal(400_000_00, ceiling);
    }

    [Fact]
    public async Task An_annual_report_goes_from_draft_to_validation_by_both_ministries_with_its_versions_and_exports()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var url = $"/api/v1/agreements/{s.Id}/annual-reports";

        var notEnded = await secretariat.PostAsync($"{url}/2026", null);
        Assert.Equal(HttpStatusCode.BadRequest, notEnded.StatusCode);
        Assert.Contains("1er janvier 2027", await notEnded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.PostAsync($"{url}/2025", null)).StatusCode);
        var report = await Http.OkAsync<AnnualReportDto>(await secretariat.PostAsync($"{url}/2025", null));
        Assert.Equal((new DateOnly(2026, 4, 29), AnnualReportStatus.Draft), (report.DueOn, report.Status));
        Assert.Contains("art. 15", report.DueSource, StringComparison.Ordinal);

        report = await Http.OkAsync<AnnualReportDto>(await secretariat.PutJsonAsync($"{url}/2025/text", new ReportTextInput(report.Version, [new(null, "Première année.\n\n- un forum"), new(s.AxisId, "Forum.")])));
        report = await Http.OkAsync<AnnualReportDto>(await secretariat.PutJsonAsync($"{url}/2025/presentation", new PresentationInput(report.Version, new DateOnly(2026, 2, 5), new DateOnly(2026, 3, 1))));
        var stale = await secretariat.PostJsonAsync($"{url}/2025/send", new VersionInput(report.Version - 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        var dueKey = $"agreement:{s.Id}:annual-report:2025";
        Assert.Null((await Http.OkAsync<List<DueItemDto>>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/due-dates"))).Single(i => i.Key == dueKey).Done);
        report = await Http.OkAsync<AnnualReportDto>(await secretariat.PostJsonAsync($"{url}/2025/send", new VersionInput(report.Version)));
        Assert.Equal(AnnualReportStatus.SentForValidation, report.Status);
        // The échéancier's art. 15 date is done once the report is sent, and it links to the report.
        Assert.True((await Http.OkAsync<List<DueItemDto>>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/due-dates"))).Single(i => i.Key == dueKey).Done);
        Assert.Equal(2, report.AwaitedParties.Count);

        // A directorate answers only for its own ministry; a carrier does not answer at all.
        Assert.Equal(HttpStatusCode.BadRequest, (await dgesco.PostJsonAsync($"{url}/2025/responses", new ReportResponseInput(null, s.Agreement.OtherMinistryId, true, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.PostJsonAsync($"{url}/2025/responses", new ReportResponseInput(null, s.Agreement.MinistryId, true, null))).StatusCode);
        report = await Http.OkAsync<AnnualReportDto>(await dgesco.PostJsonAsync($"{url}/2025/responses", new ReportResponseInput(null, s.Agreement.MinistryId, false, "Ajoutez les chiffres par académie.")));
        report = await Http.OkAsync<AnnualReportDto>(await secretariat.PutJsonAsync($"{url}/2025/text", new ReportTextInput(report.Version, [new(null, "Première année, chiffres par académie en annexe.")])));
        Assert.Equal(2, report.Versions.Count);
        Assert.Equal("Première année.\n\n- un forum", report.Versions[0].Sections[0].Text);
        report = await Http.OkAsync<AnnualReportDto>(await secretariat.PostJsonAsync($"{url}/2025/send", new VersionInput(report.Version)));
        report = await Http.OkAsync<AnnualReportDto>(await dgesco.PostJsonAsync($"{url}/2025/responses", new ReportResponseInput(null, s.Agreement.MinistryId, true, null)));
        report = await Http.OkAsync<AnnualReportDto>(await dgesip.PostJsonAsync($"{url}/2025/responses", new ReportResponseInput(null, s.Agreement.OtherMinistryId, true, null)));
        Assert.Equal(AnnualReportStatus.Validated, report.Status);

        var pdf = await secretariat.GetAsync($"{url}/2025/document?format=pdf&version=1");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
        using (var docx = WordprocessingDocument.Open(await (await secretariat.GetAsync($"{url}/2025/document?format=docx")).Content.ReadAsStreamAsync(), false))
        {
            var body = docx.MainDocumentPart!.Document!.Body!.InnerText;
            Assert.Contains("Bilan annuel 2025", body, StringComparison.Ordinal);
            Assert.Contains("chiffres par académie en annexe", body, StringComparison.Ordinal);
            Assert.Contains("validé le", body, StringComparison.Ordinal);
        }

        using (var annex = SpreadsheetDocument.Open(await (await secretariat.GetAsync($"{url}/2025/annex.xlsx")).Content.ReadAsStreamAsync(), false))
        {
            Assert.Contains("Actions", annex.WorkbookPart!.Workbook.Sheets!.Elements<DocumentFormat.OpenXml.Spreadsheet.Sheet>().Select(x => x.Name!.Value));
        }

        // The ministries were told it was sent, the secretariat of each answer.
        var told = await factory.WithDbAsync(db => Task.FromResult(db.Set<Copil.Web.Features.Notifications.Notification>().Count(n => n.AgreementId == s.Id && n.Title.StartsWith("Bilan annuel 2025"))));
        Assert.True(told >= 4 + 3, $"{told} notifications");
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync($"{url}/2024")).StatusCode);
    }

    [Fact]
    public async Task The_report_page_lists_the_missing_data_and_only_the_secretariat_edits()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        using var reader = await factory.SignedInAsync(Scenario.Reader);

        var page = await secretariat.GetPageAsync($"/conventions/{seed}/bilans/2021");

        var missing = page.QuerySelector("ul.missing-data")!.TextContent;
        Assert.Contains("fiche de réalisation non remise", missing, StringComparison.Ordinal);
        Assert.Contains("pas encore acceptée", missing, StringComparison.Ordinal);
        Assert.Contains("en cours au 31 décembre 2021", missing, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("textarea[name='Text.Sections[0].Text']"));
        var readerPage = await reader.GetPageAsync($"/conventions/{seed}/bilans/2021");
        Assert.Null(readerPage.QuerySelector("textarea"));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SubmitFormAsync($"/conventions/{seed}/bilans/2021", new Dictionary<string, string> { ["Text.Sections[0].Text"] = "x" }, "Text", tokenFrom: "/compte")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.SubmitFormAsync($"/conventions/{seed}/programmes/2022", new Dictionary<string, string> { ["Input.Priorities"] = "x" }, tokenFrom: "/compte")).StatusCode);
        Assert.Contains("Bilans et programmes", (await reader.GetPageAsync($"/conventions/{seed}/bilans")).QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_annual_plan_lists_the_validated_actions_with_the_priorities()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var sheet = await s.ReadySheetAsync(factory, "Forum des métiers");
        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet}/committee-decisions",
            new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil", null)));
        var url = $"/api/v1/agreements/{s.Id}/annual-plans/2026";

        var plan = await Http.OkAsync<AnnualPlanDto>(await secretariat.PutJsonAsync(url, new AnnualPlanInput(null, "## Priorités\n- mixité", "copil du 10 mars 2026")));
        var stale = await secretariat.PutJsonAsync(url, new AnnualPlanInput(plan.Version! - 1, "autre", null));
        var tooLong = await secretariat.PutJsonAsync(url, new AnnualPlanInput(plan.Version, new string('x', 20_001), null));

        Assert.Equal([sheet], plan.ValidatedSheetIds);
        Assert.Equal(21_000_00, plan.CommittedCents);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("## Priorités\n- mixité", (await Http.OkAsync<AnnualPlanDto>(await secretariat.GetAsync(url))).Priorities);
        using var pages = await factory.SignedInAsync(Scenario.Reader);
        var page = await pages.GetPageAsync($"/conventions/{s.Id}/programmes/2026");
        Assert.Contains("mixité", page.QuerySelector("main ul")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Forum des métiers", page.QuerySelector("main table")!.TextContent, StringComparison.Ordinal);
        var pdf = await pages.GetAsync($"/conventions/{s.Id}/programmes/2026?handler=Document&format=pdf");
        Assert.StartsWith("%PDF", Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_data_carries_the_public_figures_and_no_personal_data()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var sheet = await s.ReadySheetAsync(factory, "Forum des métiers");
        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet}/committee-decisions",
            new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil", null)));
        await s.ReadySheetAsync(factory, "Salon non décidé");

        var csv = Encoding.UTF8.GetString(await (await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/open-data.csv")).Content.ReadAsByteArrayAsync());
        var json = await (await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/open-data.json")).Content.ReadAsStringAsync();

        foreach (var text in new[] { csv, json })
        {
            Assert.Contains("Forum des métiers", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Salon non décidé", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Claire Martin", text, StringComparison.Ordinal);
            Assert.DoesNotContain("@", text, StringComparison.Ordinal);
            Assert.DoesNotContain(ActionScenario.CarrierOrganisation, text, StringComparison.Ordinal);
        }

        Assert.Equal(3, csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length); // header + one line per public
        Assert.Contains("\"approved_euros\": 21000", json, StringComparison.Ordinal);
        using var pages = await factory.SignedInAsync(Scenario.Reader);
        Assert.Contains("Aucune donnée personnelle", (await pages.GetPageAsync($"/conventions/{s.Id}/donnees-ouvertes")).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_pages_save_the_text_and_the_priorities_and_serve_every_export()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var pages = await factory.SignedInAsync(Scenario.Secretariat);
        var report = $"/conventions/{s.Id}/bilans/2025";

        Assert.Equal(HttpStatusCode.Redirect, (await pages.SubmitFormAsync($"{report}?handler=Open", new Dictionary<string, string>(), tokenFrom: report)).StatusCode);
        var form = await pages.GetPageAsync(report);
        var version = form.QuerySelector("input[name='Text.Version']")!.GetAttribute("value")!;
        var saved = await pages.SubmitFormAsync($"{report}?handler=Text", new Dictionary<string, string>
        {
            ["Text.Version"] = version,
            ["Text.Sections[0].AxisId"] = "",
            ["Text.Sections[0].Text"] = "## Bilan\n- premier point",
            ["Text.Sections[1].AxisId"] = s.AxisId.ToString(),
            ["Text.Sections[1].Text"] = "Texte de l'axe.",
        }, tokenFrom: report);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var stale = await Http.ParseAsync(await pages.SubmitFormAsync($"{report}?handler=Text", new Dictionary<string, string>
        {
            ["Text.Version"] = version,
            ["Text.Sections[0].Text"] = "écrasement",
        }, tokenFrom: report));
        Assert.Contains("modifié par quelqu'un d'autre", stale.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("écrasement", stale.QuerySelector("#section-0")!.TextContent);
        using var api = await factory.ApiAsync(Scenario.Secretariat);
        var stored = await Http.OkAsync<AnnualReportDto>(await api.GetAsync($"/api/v1/agreements/{s.Id}/annual-reports/2025"));
        Assert.Equal("## Bilan\n- premier point", stored.Versions[0].Sections[0].Text);

        var plan = $"/conventions/{s.Id}/programmes/2026";
        Assert.Equal(HttpStatusCode.Redirect, (await pages.SubmitFormAsync(plan, new Dictionary<string, string> { ["Input.Priorities"] = "- mixité", ["Input.DecidedAt"] = "copil" })).StatusCode);
        Assert.Equal("- mixité", (await Http.OkAsync<AnnualPlanDto>(await api.GetAsync($"/api/v1/agreements/{s.Id}/annual-plans/2026"))).Priorities);

        foreach (var (url, type) in new[]
                 {
                     ($"{report}?handler=Annex", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                     ($"{report}?handler=Document&format=docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                     ($"{plan}?handler=Document&format=xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
                     ($"{plan}?handler=Document&format=docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
                     ($"/conventions/{s.Id}/donnees-ouvertes?handler=Csv", "text/csv"),
                     ($"/conventions/{s.Id}/donnees-ouvertes?handler=Json", "application/json"),
                 })
        {
            var response = await pages.GetAsync(url);
            Assert.True(response.IsSuccessStatusCode, url);
            Assert.Equal(type, response.Content.Headers.ContentType!.MediaType);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await pages.GetAsync($"{report}?handler=Document&format=pdf&version=9")).StatusCode);
        var dashboard = await Http.OkAsync<DashboardDto>(await api.GetAsync($"/api/v1/agreements/{s.Id}/dashboard/2026?region=28"));
        Assert.Equal(2026, dashboard.Year);
        Assert.Contains(dashboard.Tables, t => t.Key == "equilibre");
    }

    [Fact]
    public async Task Two_validations_checked_against_the_same_blocking_ceiling_cannot_both_be_saved()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        await SetCeilingPolicyAsync(secretariat, s.Agreement, CeilingPolicy.Block);
        Assert.Equal(HttpStatusCode.OK, (await secretariat.PutJsonAsync($"/api/v1/agreements/{s.Id}/yearly-ceilings/2026", new YearlyCeilingInput(30_000_00, await secretariat.AgreementVersionAsync(s.Id)))).StatusCode);
        var first = await s.ReadySheetAsync(factory, "Forum des métiers");
        var second = await s.ReadySheetAsync(factory, "Salon virtuel");

        // The same steps as the use case, interleaved: A reads the year (21,000 € fit under 30,000 €), then B validates
        // the other sheet and saves, then A validates on its stale reading and saves.
        using var a = factory.Services.CreateScope();
        var dbA = a.ServiceProvider.GetRequiredService<Copil.Web.Data.CopilDbContext>();
        var reportingA = a.ServiceProvider.GetRequiredService<Copil.Web.Features.Reporting.ReportingQueries>();
        var agreementA = (await a.ServiceProvider.GetRequiredService<Copil.Web.Features.Agreements.AgreementReader>().LoadAsync(s.Id))!;
        var checkA = await reportingA.CeilingCheckAsync(agreementA, first, default);
        Assert.False(checkA.Exceeds);

        using (var b = factory.Services.CreateScope())
        {
            var decidedB = await b.ServiceProvider.GetRequiredService<Copil.Web.Features.ActionSheets.ActionSheetCommands>()
                .RecordCommitteeDecisionAsync(s.Id, second, null, CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil");
            Assert.True(decidedB.IsSuccess);
        }

        var sheetA = await dbA.ActionSheets.AsSplitQuery().SingleAsync(x => x.Id == first);
        Assert.True(sheetA.RecordCommitteeDecision(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil", DecisionSource.Recorded, new DateOnly(2026, 3, 10), checkA).IsSuccess);
        a.ServiceProvider.GetRequiredService<Copil.Web.Features.Reporting.YearCommitmentStamp>().Stamp(agreementA, checkA);

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbA.SaveChangesAsync());
        var retried = await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{first}/committee-decisions",
            new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil", null));
        Assert.Contains("ceiling.exceeded", await retried.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_figure_of_the_dashboard_and_of_the_annual_report_of_a_year_agrees_or_is_reconciled_on_both_pages()
    {
        var seed = await factory.SeedAgreementIdAsync();
        var (dashboard, report) = await factory.WithScopeAsync(async sp =>
        {
            var reporting = sp.GetRequiredService<Copil.Web.Features.Reporting.ReportingQueries>();
            var agreement = (await sp.GetRequiredService<Copil.Web.Features.Agreements.AgreementReader>().LoadAsync(seed))!;
            return (await reporting.DashboardAsync(agreement, 2021, new DashboardFilter(), default), await reporting.ReportAsync(agreement, 2021, default));
        });
        var r = report.Reconciliation;

        // What both count the same way is the same number; what they count differently is split into shared parts.
        Assert.Equal(dashboard.ActionCount, r.Asked);
        Assert.Equal(dashboard.CommittedCount, r.Committed);
        Assert.Equal(report.Actions.Count, r.Committed);
        Assert.Equal(dashboard.Money.CommittedCents, r.CommittedCents);
        Assert.Equal(report.Dashboard.Money.CommittedCents, dashboard.Money.CommittedCents);
        Assert.Equal(report.ValidatedDuringYear, r.ValidatedDuringYear);
        Assert.Equal(report.ValidatedDuringYearCents, r.ValidatedDuringYearCents);
        Assert.Equal(r.Asked, r.Committed + r.AskedNotCommitted);
        Assert.Equal(r.Committed, r.CommittedValidatedDuringYear + r.CommittedValidatedAnotherYear);
        Assert.Equal(r.ValidatedDuringYear, r.CommittedValidatedDuringYear + r.ValidatedDuringYearForAnotherYear + r.ValidatedDuringYearNoLongerCommitted);
        Assert.Equal(r.CommittedCents, r.FirstApprovalCentsOfBoth + r.ChangesCentsOfBoth + r.CommittedCentsValidatedAnotherYear);
        Assert.Equal(r.ValidatedDuringYearCents, r.FirstApprovalCentsOfBoth + r.ValidatedDuringYearCentsNotInYear);
        // The seed's 2021 differs on both counts (the issue's « 11 soumises » against « 13 validées »): the test means something.
        Assert.NotEqual(r.Asked, r.ValidatedDuringYear);

        // Both pages say the same figures, the same definitions and the same reconciliation, and link to each other.
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        var dashboardPage = await secretariat.GetPageAsync($"/conventions/{seed}/tableau-de-bord?annee=2021");
        var reportPage = await secretariat.GetPageAsync($"/conventions/{seed}/bilans/2021");
        var lead = dashboardPage.QuerySelector("p.lead")!.TextContent;
        Assert.Contains($"{r.Asked} actions soumises, dont {r.Committed} engagées pour {Copil.Domain.Common.FrenchText.Euros(r.CommittedCents)}", lead, StringComparison.Ordinal);
        Assert.Contains($"{r.Committed} actions engagées en 2021 pour {Copil.Domain.Common.FrenchText.Euros(r.CommittedCents)}", reportPage.Body!.TextContent, StringComparison.Ordinal);
        foreach (var page in new[] { dashboardPage, reportPage })
        {
            var howCounted = page.QuerySelector("details.how-counted")!.TextContent;
            Assert.All(FigureVocabulary.All, d => Assert.Contains(d.HowCounted, howCounted, StringComparison.Ordinal));
            Assert.All(r.Lines, line => Assert.Contains(line, howCounted, StringComparison.Ordinal));
        }

        Assert.NotNull(reportPage.QuerySelector($"a[href='/conventions/{seed}/tableau-de-bord?annee=2021']"));
        Assert.NotNull(dashboardPage.QuerySelector($"a[href='/conventions/{seed}/bilans/2021']"));

        // Without a year, the dashboard opens on the latest year that has actions, not on the last year of the term (2023, empty).
        var latest = await factory.WithDbAsync(db => db.Set<Copil.Web.Features.Reporting.ReportingYear>().Where(y => y.AgreementId == seed).MaxAsync(y => y.Year));
        Assert.True(latest < 2023);
        var opened = await secretariat.GetPageAsync($"/conventions/{seed}/tableau-de-bord");
        Assert.Contains($"Tableau de bord {latest}", opened.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteReportingTests(SqliteFactory factory) : ReportingTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresReportingTests(PostgresFactory factory) : ReportingTests(factory);
