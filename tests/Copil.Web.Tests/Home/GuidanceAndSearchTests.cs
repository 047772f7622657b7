using System.Net;
using Copil.Web.Api;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.Home;

/// <summary>The carrier's guidance on a sheet, and the header's search with the pages' need-to-know, on both databases.</summary>
public abstract class GuidanceAndSearchTests(CopilFactory factory)
{
    [Fact]
    public async Task A_carrier_sees_what_is_missing_the_annex_balance_every_error_in_one_pass_and_after_submitting_whom_the_sheet_waits_for()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var api = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await (await api.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content() with { Title = "Forum", Objectives = null, FairReach = null })))
            .ReadAsync<ActionSheetDto>();
        using var carrier = await factory.SignedInAsync(ActionScenario.Carrier);
        var url = $"/conventions/{s.Id}/fiches/{sheet.Id}";

        var draft = await carrier.GetPageAsync(url);
        var checklist = draft.QuerySelector("ul.checklist")!;
        Assert.Contains("Indiquez les objectifs.", checklist.TextContent, StringComparison.Ordinal);
        Assert.NotNull(checklist.QuerySelector($"a[href='{url}/modifier#Input_Objectives']"));
        Assert.Contains("Annexe financière : dépenses", draft.Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Rédaction", draft.QuerySelector("ol.steps li[aria-current=step]")!.FirstChild!.TextContent);

        // A malformed amount and a rule broken elsewhere (a title over 300 characters) are both told at once.
        var edit = await carrier.GetPageAsync($"{url}/modifier");
        var fields = new Dictionary<string, string>
        {
            ["Input.Version"] = sheet.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Title"] = new string('x', 301),
            ["Input.Expenses[0].Label"] = "Location de salle",
            ["Input.Expenses[0].Amount"] = "12,5,3",
        };
        var refused = await Http.ParseAsync(await carrier.SubmitFormAsync($"{url}/modifier", fields));
        var summary = refused.QuerySelector(".error-summary")!.TextContent;
        Assert.True(summary.Contains("Dépense 1 : saisissez un montant", StringComparison.Ordinal), summary);
        Assert.True(summary.Contains("L'intitulé ne dépasse pas 300 caractères.", StringComparison.Ordinal), summary);

        // The territory is picked with check boxes: a région and one académie of another.
        Assert.NotNull(edit.QuerySelector("input[type=checkbox][name='Input.RegionCodes'][value='28']"));
        Assert.Empty(edit.QuerySelectorAll("select[multiple][name='Input.RegionCodes'], select[multiple][name='Input.AcademyCodes']"));

        var ready = await s.SubmittedSheetAsync(factory, "Salon des métiers");
        var submitted = await carrier.GetPageAsync($"/conventions/{s.Id}/fiches/{ready}");
        Assert.Equal("Avis des ministères", submitted.QuerySelector("ol.steps li[aria-current=step]")!.FirstChild!.TextContent);
        Assert.Contains("Avis attendus du ", submitted.QuerySelector("#prochaine-etape + ol + p")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_search_finds_sheets_by_number_title_or_carrier_accents_ignored_and_only_what_the_person_may_see()
    {
        var s = await ActionScenario.CreateAsync(factory);
        var submitted = await s.SubmittedSheetAsync(factory, "Journée des métiers de la logistique");
        using var secretariatApi = await factory.ApiAsync(Scenario.Secretariat);
        // A draft of another organisation: the carrier never finds it; the secretariat does.
        var draft = await (await secretariatApi.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput("Autre organisme", s.Content() with { Title = "Brouillon des métiers" })))
            .ReadAsync<ActionSheetDto>();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        using var carrier = await factory.SignedInAsync(ActionScenario.Carrier);
        using var stranger = await factory.SignedInAsync(Scenario.Stranger);

        // Kept to this agreement (the filter stays in the address): other tests' agreements hold sheets of the same names.
        var within = $"&convention={s.Id}";
        var found = await secretariat.GetPageAsync($"/recherche?q=METIERS{within}");
        Assert.NotNull(found.QuerySelector($"a[href='/conventions/{s.Id}/fiches/{submitted}']"));
        Assert.NotNull(found.QuerySelector($"a[href='/conventions/{s.Id}/fiches/{draft.Id}']"));
        Assert.Equal("METIERS", found.QuerySelector("#recherche-q")!.GetAttribute("value"));

        var byNumber = await secretariat.GetPageAsync($"/recherche?q={draft.Number}{within}");
        Assert.NotNull(byNumber.QuerySelector($"a[href='/conventions/{s.Id}/fiches/{draft.Id}']"));
        var byCarrier = await secretariat.GetPageAsync($"/recherche?q=autre organisme{within}");
        Assert.NotNull(byCarrier.QuerySelector($"a[href='/conventions/{s.Id}/fiches/{draft.Id}']"));

        var carriers = await carrier.GetPageAsync($"/recherche?q=métiers{within}");
        Assert.NotNull(carriers.QuerySelector($"a[href='/conventions/{s.Id}/fiches/{submitted}']"));
        Assert.Null(carriers.QuerySelector($"a[href='/conventions/{s.Id}/fiches/{draft.Id}']"));

        var strangers = await stranger.GetPageAsync($"/recherche?q=métiers{within}");
        Assert.Null(strangers.QuerySelector($"a[href^='/conventions/{s.Id}']"));
        Assert.Contains("Aucun résultat", strangers.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);

        // Bulk export of a selection: only the ticked sheets, and never one the person may not see.
        var csv = await secretariat.GetStringAsync($"/conventions/{s.Id}/fiches?handler=Csv&selection=true&fiche={draft.Id}");
        Assert.Contains("Brouillon des métiers", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Journée des métiers", csv, StringComparison.Ordinal);
        var carriersCsv = await carrier.GetStringAsync($"/conventions/{s.Id}/fiches?handler=Csv&selection=true&fiche={draft.Id}&fiche={submitted}");
        Assert.Contains("Journée des métiers", carriersCsv, StringComparison.Ordinal);
        Assert.DoesNotContain("Brouillon des métiers", carriersCsv, StringComparison.Ordinal);
        var nothingTicked = await secretariat.GetAsync($"/conventions/{s.Id}/fiches?handler=Xlsx&selection=true");
        Assert.Equal(HttpStatusCode.Redirect, nothingTicked.StatusCode);

        // Bad input: a clear French message, never an error page.
        var tooShort = await secretariat.GetAsync("/recherche?q=a");
        Assert.Equal(HttpStatusCode.OK, tooShort.StatusCode);
        Assert.Contains("Saisissez entre 2 et 200 caractères, ou un numéro de fiche.", (await Http.ParseAsync(tooShort)).QuerySelector(".error-message[role=alert]")!.TextContent, StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteGuidanceAndSearchTests(SqliteFactory factory) : GuidanceAndSearchTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresGuidanceAndSearchTests(PostgresFactory factory) : GuidanceAndSearchTests(factory);
