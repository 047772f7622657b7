using Microsoft.Playwright;

namespace Copil.EndToEnd.Tests;

/// <summary>Sign-in journeys: ProConnect through an OpenID Connect provider running in the tests, and the two-factor set-up.</summary>
[Collection(BrowserCollection.Name)]
public sealed class SecurityJourney(BrowserFixture browser)
{
    [Fact]
    public Task An_agent_signs_in_with_proconnect_and_logs_out_at_the_provider_too() => browser.RunAsync(async () =>
    {
        var (baseUrl, provider) = await browser.ProConnectAppAsync();
        provider.NextAgent = "secretariat@copil.test";
        var page = await browser.NewPageAsync(baseUrl);

        await page.GotoAsync("/connexion");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("50-connexion-proconnect");
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter avec ProConnect" }).ClickAsync();
        // The first sign-in makes the app read the provider's discovery document and keys over the back channel; on a
        // loaded 2-core CI machine that round trip has once exceeded the default minute (both apps and the provider
        // share this process): wait up to the back channel's own timeout and more, rather than fail on it.
        await page.WaitForURLAsync(url => !url.Contains("/connexion", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = 150_000 });
        Assert.Equal("Conventions", await page.Locator("h1").InnerTextAsync());
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/compte");
        Assert.Contains("secretariat@copil.test", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" }).ClickAsync();
        await page.WaitForURLAsync(url => url.EndsWith("/connexion", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.NotEmpty(provider.Logouts);
        await page.GotoAsync("/compte");
        Assert.Contains("/connexion", page.Url, StringComparison.Ordinal);

        // An agent ProConnect knows but Copil does not: told whom to ask, on an accessible page.
        provider.NextAgent = "inconnu@education.gouv.fr";
        await page.GetByRole(AriaRole.Link, new() { Name = "Se connecter avec ProConnect" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("proconnect=inconnu", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
        Assert.Contains("aucun compte Copil n'est ouvert", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
    });

    [Fact]
    public Task A_person_sees_how_to_set_up_two_factors_on_an_accessible_page() => browser.RunAsync(async () =>
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("lecteur@copil.test");
        await page.GotoAsync("/compte/double-authentification");
        Assert.Equal("Double authentification", await page.Locator("h1").InnerTextAsync());
        Assert.True(await page.Locator("img[src^='data:image/png;base64,']").IsVisibleAsync());
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("51-double-authentification");
        await page.GetByLabel("Code affiché par l'application (6 chiffres)").FillAsync("123456");
        await page.GetByRole(AriaRole.Button, new() { Name = "Activer la double authentification" }).ClickAsync();
        Assert.Contains("Ce code n'est pas valable", await page.Locator(".error-message").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
    });
}
