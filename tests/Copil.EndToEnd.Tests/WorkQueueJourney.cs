using Microsoft.Playwright;

namespace Copil.EndToEnd.Tests;

/// <summary>
/// Each role starts on the home page and reaches every task waiting for it from the work queue alone (« À traiter »):
/// every link opens, every page passes axe-core, on a desktop and on a 390 px phone where nothing scrolls sideways.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class WorkQueueJourney(BrowserFixture browser)
{
    [Theory]
    [InlineData("secretariat@copil.test", "secretariat")]
    [InlineData("membre.menjs@copil.test", "membre")]
    [InlineData("relecture.dgesco@copil.test", "dgesco")]
    [InlineData("porteur@copil.test", "porteur")]
    public Task Each_role_reaches_every_pending_task_from_the_home_page(string email, string name) =>
        browser.RunAsync(() => ReachesEveryTaskAsync(email, name));

    /// <summary>A member's work comes from the committee: an exceptional meeting convened three weeks ahead (by the API, as the secretariat would).</summary>
    private async Task ConveneAMeetingAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", await browser.TokenForAsync("secretariat@copil.test"));
        using var list = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/v1/agreements"));
        var items = list.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? list.RootElement : list.RootElement.EnumerateObject().First(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Array).Value;
        var id = items.EnumerateArray().First(a => a.GetProperty("reference").GetString() == "DEMO-OPCO-2025").GetProperty("id").GetString();
        using var planned = await http.PostAsync($"/api/v1/agreements/{id}/meetings", System.Net.Http.Json.JsonContent.Create(new
        {
            kind = "Exceptional",
            year = 2026,
            meetsOn = "2026-03-31",
            startsAt = "10 h",
            place = "Visioconférence",
            reason = "Examen des actions de la rentrée (parcours des rôles)",
        }));
        Assert.True(planned.IsSuccessStatusCode, await planned.Content.ReadAsStringAsync());
        var meetingId = System.Text.Json.JsonDocument.Parse(await planned.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();
        using var item = await http.PostAsync($"/api/v1/agreements/{id}/meetings/{meetingId}/items", System.Net.Http.Json.JsonContent.Create(new { kind = "Other", title = "Point sur les actions de la rentrée", needsVote = false }));
        Assert.True(item.IsSuccessStatusCode, await item.Content.ReadAsStringAsync());
        using var convened = await http.PostAsync($"/api/v1/agreements/{id}/meetings/{meetingId}/convene", System.Net.Http.Json.JsonContent.Create(new { version = (int?)null }));
        Assert.True(convened.IsSuccessStatusCode, await convened.Content.ReadAsStringAsync());
    }

    private async Task ReachesEveryTaskAsync(string email, string name)
    {
        if (name == "membre")
        {
            await ConveneAMeetingAsync();
        }

        var page = await browser.NewPageAsync(width: 1366);
        await page.SignInAsync(email);
        await page.GotoAsync("/");
        await page.AssertAccessibleAsync();
        var queue = page.Locator("section[aria-labelledby=work-title]");
        Assert.True(await queue.Locator("a.task-title").CountAsync() > 0, $"{email}: nothing in the home page's queue");
        await page.ScreenshotAsync($"70-accueil-{name}-1366");

        // « Tout ce qui est à traiter » lists every task; each link opens a page the person may see.
        await queue.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Tout ce qui est à traiter") }).ClickAsync();
        await page.AssertAccessibleAsync();
        var header = await page.Locator("header a[href='/a-traiter']").InnerTextAsync();
        var links = await page.Locator("a.task-title").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(links);
        Assert.Contains(links.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), header, StringComparison.Ordinal);
        foreach (var link in links.Distinct())
        {
            var response = await page.GotoAsync(link);
            Assert.True(response is { Ok: true }, $"{email}: {link} answered {response?.Status}");
            await page.AssertAccessibleAsync();
        }

        // The same on a phone: the home page and the queue fit in 390 px.
        var phone = await browser.NewPageAsync(width: 390);
        await phone.SignInAsync(email);
        await phone.GotoAsync("/");
        await phone.AssertNoSidewaysScrollAsync();
        await phone.ScreenshotAsync($"71-accueil-{name}-390");
        await phone.GotoAsync("/a-traiter");
        await phone.AssertNoSidewaysScrollAsync();
        await phone.AssertAccessibleAsync();
        foreach (var link in links.Distinct().Take(3))
        {
            await phone.GotoAsync(link);
            await phone.AssertNoSidewaysScrollAsync();
        }

        // The search from the header, on the phone.
        await phone.Locator("#recherche-q").FillAsync("métiers");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Rechercher" }).ClickAsync();
        await phone.AssertNoSidewaysScrollAsync();
        await phone.AssertAccessibleAsync();
        Assert.Contains("résultat", await phone.Locator("[role=status]").InnerTextAsync(), StringComparison.Ordinal);

        if (name == "secretariat")
        {
            // The dashboard's tables and charts scroll inside their own boxes; the page does not.
            await phone.GotoAsync("/");
            await phone.GetByRole(AriaRole.Link, new() { Name = "OPCO-MOBILITES-2020", Exact = true }).ClickAsync();
            await phone.GotoAsync(phone.Url + "/tableau-de-bord");
            await phone.AssertNoSidewaysScrollAsync();
            Assert.Contains("Tableau de bord", await phone.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
            await phone.ScreenshotAsync("72-tableau-de-bord-390");
            await page.GotoAsync(phone.Url.Replace(browser.BaseUrl, "", StringComparison.Ordinal));
            await page.Locator("details.how-counted summary").ClickAsync();
            await page.AssertAccessibleAsync();
            await page.Locator("details.how-counted").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "73-tableau-de-bord-comment-compte-1366.png") });
        }
    }
}
