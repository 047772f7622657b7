using System.Net;
using Copil.Domain.Actions;
using Copil.Web.Api;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.ActionSheets;

[Collection(SqliteCollection.Name)]
public sealed class ActionSheetPagesTests(SqliteFactory factory)
{
    [Fact]
    public async Task A_draft_page_is_a_404_for_a_reader_and_the_list_hides_it()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var api = await factory.ApiAsync(ActionScenario.Carrier);
        var draft = await (await api.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content()))).ReadAsync<ActionSheetDto>();
        using var reader = await factory.SignedInAsync(Scenario.Reader);
        using var carrier = await factory.SignedInAsync(ActionScenario.Carrier);

        Assert.Equal(HttpStatusCode.NotFound, (await reader.GetAsync($"/conventions/{s.Id}/fiches/{draft.Id}")).StatusCode);
        Assert.Contains("0 fiche", (await reader.GetPageAsync($"/conventions/{s.Id}/fiches")).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await carrier.GetAsync($"/conventions/{s.Id}/fiches/{draft.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_wrong_amount_is_shown_next_to_its_field_and_the_input_is_kept()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.SignedInAsync(ActionScenario.Carrier);
        var url = $"/conventions/{s.Id}/fiches/nouvelle";

        var response = await carrier.SubmitFormAsync(url, new Dictionary<string, string>
        {
            ["Input.Title"] = "Forum",
            ["Input.Expenses[0].Category"] = ((int)ExpenseCategory.Purchases).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Expenses[0].Label"] = "Matériel",
            ["Input.Expenses[0].Amount"] = "douze euros",
        });

        var page = await Http.ParseAsync(response);
        Assert.Contains("saisissez un montant en euros", page.QuerySelector("#Input_Expenses_0__Amount-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("douze euros", page.QuerySelector("#Input_Expenses_0__Amount")!.GetAttribute("value"));
        Assert.Equal("Forum", page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        using var api = await factory.ApiAsync(ActionScenario.Carrier);
        Assert.Equal(0, (await (await api.GetAsync($"/api/v1/agreements/{s.Id}/action-sheets")).ReadAsync<Copil.Web.Features.ActionSheets.ActionSheetPage>()).Total);
    }

    [Fact]
    public async Task More_rows_are_added_without_javascript_and_nothing_typed_is_lost()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.SignedInAsync(ActionScenario.Carrier);
        var url = $"/conventions/{s.Id}/fiches/nouvelle";
        var before = (await carrier.GetPageAsync(url)).QuerySelectorAll("input[name$='.Label']").Length;

        var response = await carrier.SubmitFormAsync($"{url}?handler=AddRows", new Dictionary<string, string>
        {
            ["Input.Title"] = "Forum",
            ["Input.Expenses[0].Label"] = "Matériel",
            ["Input.Expenses[1].Label"] = "",
            ["Input.Expenses[2].Label"] = "",
        }, tokenFrom: url);

        var page = await Http.ParseAsync(response);
        Assert.Equal(before + 2, page.QuerySelectorAll("input[name$='.Label']").Length);
        Assert.Equal("Matériel", page.QuerySelector("#Input_Expenses_0__Label")!.GetAttribute("value"));
    }

    [Fact]
    public async Task A_reader_cannot_give_an_opinion_through_the_page()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var api = await factory.ApiAsync(Scenario.Secretariat);
        var sheet = await (await api.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput("Campus", s.Content()))).ReadAsync<ActionSheetDto>();
        await api.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}/submit", new VersionInput(null));
        using var reader = await factory.SignedInAsync(Scenario.Reader);
        var url = $"/conventions/{s.Id}/fiches/{sheet.Id}";

        var response = await reader.SubmitFormAsync($"{url}?handler=Opinion", new Dictionary<string, string>
        {
            ["Step.PartyId"] = s.Agreement.MinistryId.ToString(),
            ["Step.Verdict"] = "0",
        }, tokenFrom: url);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_submission_refused_for_the_content_links_each_message_to_its_field_on_the_edit_page()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var api = await factory.ApiAsync(ActionScenario.Carrier);
        var draft = await Http.OkAsync<ActionSheetDto>(await api.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content() with { Objectives = null })));
        using var carrier = await factory.SignedInAsync(ActionScenario.Carrier);
        var url = $"/conventions/{s.Id}/fiches/{draft.Id}";

        var response = await carrier.SubmitFormAsync($"{url}?handler=Submit", new Dictionary<string, string> { ["Step.Version"] = draft.Version.ToString(System.Globalization.CultureInfo.InvariantCulture) }, tokenFrom: url);

        var links = (await Http.ParseAsync(response)).QuerySelectorAll(".error-summary a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains($"{url}/modifier#Input_Objectives", links);
        var edit = await carrier.GetPageAsync($"{url}/modifier");
        Assert.NotNull(edit.QuerySelector("#Input_Objectives"));
    }
}
