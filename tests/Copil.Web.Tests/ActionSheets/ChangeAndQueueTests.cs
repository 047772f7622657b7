using System.Net;
using Copil.Domain.Actions;
using Copil.Web.Api;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.ActionSheets;

[Collection(SqliteCollection.Name)]
public sealed class ChangeAndQueueTests(SqliteFactory factory)
{
    private static async Task<ActionSheetDto> OkAsync(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<ActionSheetDto>();
    }

    private async Task<(ActionScenario S, string Url)> ApprovedAsync()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        var sheet = await OkAsync(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(ActionScenario.CarrierOrganisation, s.Content())));
        var url = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}";
        await OkAsync(await secretariat.PostJsonAsync($"{url}/submit", new VersionInput(null)));
        await OkAsync(await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Favorable, null, null, null)));
        await OkAsync(await dgesip.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.OtherMinistryId, OpinionVerdict.Favorable, null, null, null)));
        await OkAsync(await secretariat.PostJsonAsync($"{url}/committee-decisions", new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "copil", null)));
        return (s, url);
    }

    [Fact]
    public async Task A_change_request_waits_for_the_committee_and_shows_its_diff()
    {
        var (s, url) = await ApprovedAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);

        var proposed = await OkAsync(await carrier.PostJsonAsync($"{url}/change-requests", new ChangeInput(s.Content() with { EndsOn = new DateOnly(2026, 9, 30) }, "Report à la rentrée.", null)));
        var diff = await (await carrier.GetAsync($"{url}/diff")).ReadAsync<List<Copil.Domain.Actions.ContentChange>>();
        Assert.Equal(1, proposed.ApprovedVersionNumber);
        // What is in force stays the approved content; the proposal is apart until the committee decides.
        Assert.Equal(new DateOnly(2026, 6, 30), proposed.Content.EndsOn);
        Assert.Equal((2, "Report à la rentrée.", (DateOnly?)new DateOnly(2026, 9, 30)), (proposed.PendingChange!.VersionNumber, proposed.PendingChange.Reason, proposed.PendingChange.Content.EndsOn));
        using var pagesBefore = await factory.SignedInAsync(ActionScenario.Carrier);
        var pending = await pagesBefore.GetPageAsync($"/conventions/{s.Id}/fiches/{proposed.Id}");
        Assert.Contains("Contenu en vigueur (version 1, approuvée)", pending.QuerySelector("#contenu")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("30 juin 2026", pending.QuerySelector("#contenu + dl")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Modification proposée (version 2), en attente de la décision du comité", pending.QuerySelector("#modification-proposee")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(new Copil.Domain.Actions.ContentChange("Date de fin", "30 juin 2026", "30 septembre 2026"), Assert.Single(diff));

        var decided = await OkAsync(await secretariat.PostJsonAsync($"{url}/committee-decisions", new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "consultation écrite", null)));

        Assert.Equal(2, decided.ApprovedVersionNumber);
        Assert.Equal(new DateOnly(2026, 9, 30), decided.Content.EndsOn);
        Assert.Null(decided.PendingChange);
        Assert.Equal(ChangeRequestStatus.Accepted, Assert.Single(decided.ChangeRequests).Status);
        using var pages = await factory.SignedInAsync(Scenario.Secretariat);
        var page = await pages.GetPageAsync($"/conventions/{s.Id}/fiches/{decided.Id}?de=1&a=2");
        var table = page.QuerySelectorAll("table").First(t => t.QuerySelector("caption")?.TextContent == "Ce qui change de la version 1 à la version 2");
        Assert.Contains("30 septembre 2026", table.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_home_page_tells_each_person_what_waits_for_them()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariatApi = await factory.ApiAsync(Scenario.Secretariat);
        var sheet = await OkAsync(await secretariatApi.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(ActionScenario.CarrierOrganisation, s.Content())));
        await OkAsync(await secretariatApi.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}/submit", new VersionInput(null)));
        using var dgesco = await factory.SignedInAsync(ActionScenario.Dgesco);

        var home = await dgesco.GetPageAsync("/");

        // Sheet by sheet, with the ministry named as French writes it; the same in the « À traiter » page and counted in the header.
        // (The home page shows the most urgent first; other tests' agreements give this person more: the whole list is « À traiter ».)
        Assert.NotNull(home.QuerySelector("#work-title"));
        Assert.NotNull(home.QuerySelector("a[href='/a-traiter']"));
        var tasks = await dgesco.GetPageAsync("/a-traiter");
        var task = Assert.Single(tasks.QuerySelectorAll($"a.task-title[href='/conventions/{s.Id}/fiches/{sheet.Id}']"));
        Assert.StartsWith($"Avis du MEN sur la fiche n° {sheet.Number}", task.TextContent, StringComparison.Ordinal);
        Assert.Equal(tasks.QuerySelectorAll("a.task-title").Length.ToString(System.Globalization.CultureInfo.InvariantCulture), tasks.QuerySelector("header a[href='/a-traiter'] .counter")!.FirstChild!.TextContent);

        // Once the opinion is given, the task leaves the queue (the header's count is computed again after one's own change).
        using var dgescoApi = await factory.ApiAsync(ActionScenario.Dgesco);
        var party = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstAsync(db.Agreements.Where(a => a.Id == s.Id).SelectMany(a => a.Parties).Where(p => p.ReviewingDirectorate == "DGESCO").Select(p => p.Id)));
        await OkAsync(await dgescoApi.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}/opinions", new { partyId = party, verdict = "Favorable", version = (int?)null }));
        var after = await dgesco.GetPageAsync("/a-traiter");
        Assert.Empty(after.QuerySelectorAll($"a.task-title[href='/conventions/{s.Id}/fiches/{sheet.Id}']"));
    }

    [Fact]
    public async Task Two_people_saving_the_same_sheet_the_second_is_told_and_keeps_their_input()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var api = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await OkAsync(await api.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content())));
        using var first = await factory.SignedInAsync(ActionScenario.Carrier);
        using var second = await factory.SignedInAsync(Scenario.Secretariat);
        var url = $"/conventions/{s.Id}/fiches/{sheet.Id}/modifier";
        var version = sheet.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);

        var saved = await first.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Title"] = "Titre du porteur", ["Input.Version"] = version });
        var refused = await second.SubmitFormAsync(url, new Dictionary<string, string> { ["Input.Title"] = "Titre du secrétariat", ["Input.Version"] = version });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await Http.ParseAsync(refused);
        Assert.Contains("modifiée par quelqu'un d'autre", page.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Titre du secrétariat", page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal("Titre du porteur", (await (await api.GetAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}")).ReadAsync<ActionSheetDto>()).Content.Title);
    }
}
