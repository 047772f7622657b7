using Microsoft.Playwright;

namespace Copil.EndToEnd.Tests;

/// <summary>Whole journeys in a real browser, with an accessibility check on every page visited.</summary>
[Collection(BrowserCollection.Name)]
public sealed class Journeys(BrowserFixture browser)
{
    [Fact]
    public async Task The_secretariat_logs_in_opens_the_agreement_and_records_a_termination_notice()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/connexion");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("01-connexion");
        await page.SignInAsync("secretariat@copil.test");

        Assert.Equal("Conventions", await page.Locator("h1").InnerTextAsync());
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("02-liste-des-conventions");

        await page.GetByRole(AriaRole.Link, new() { Name = "DEMO-OPCO-2025", Exact = true }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("03-convention");
        Assert.Contains("Source : art. 17", await page.Locator("#dates").InnerTextAsync(), StringComparison.Ordinal);

        await page.GetByRole(AriaRole.Link, new() { Name = "Enregistrer une résiliation" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.GetByLabel("Partie qui dénonce la convention").SelectOptionAsync(new SelectOptionValue { Label = "OPCO Démo — OPCO Démo (organisme fictif)" });
        await page.GetByLabel("Date de réception de la notification écrite").FillAsync("2026-03-02");
        await page.GetByLabel("Date d'effet demandée (facultatif)").FillAsync("2026-04-15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la résiliation" }).ClickAsync();

        // Refused: an earlier date than the notice allows; the message sits next to the field and the input is kept.
        var error = page.Locator("#Input_RequestedEffectiveOn-error");
        Assert.Contains("ne peut pas prendre effet avant le 2 mai 2026", await error.InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("2026-03-02", await page.GetByLabel("Date de réception de la notification écrite").InputValueAsync());
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("04-resiliation-erreur");

        // A later date is allowed: 30 September keeps the demo agreement in force for the other journeys (a logo
        // authorised for six months from 10 March, art. 11).
        await page.GetByLabel("Date d'effet demandée (facultatif)").FillAsync("2026-09-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la résiliation" }).ClickAsync();

        Assert.Contains("prend effet à l'expiration du 30 septembre 2026", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("En vigueur, résiliation notifiée", await page.Locator(".badge").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Source : art. 18 : délai minimal de 2 mois à compter de la réception de la notification d'OPCO Démo le 2 mars 2026 (au plus tôt le 2 mai 2026) ; date plus tardive demandée : le 30 septembre 2026",
            await page.Locator("#dates").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("05-convention-resiliee");
    }

    [Fact]
    public async Task The_secretariat_pages_are_accessible()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("secretariat@copil.test");
        await page.GetByRole(AriaRole.Link, new() { Name = "OPCO-MOBILITES-2020", Exact = true }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("06-convention-source");
        var agreementUrl = page.Url;

        foreach (var (link, name) in new[]
                 {
                     ("Corriger la description et les termes", "07-corriger"),
                     ("Parties, comité et axes", "08-composition"),
                     ("Enregistrer un avenant", "09-avenant"),
                     ("Habilitations", "10-habilitations"),
                     ("Constater la caducité", "10b-caducite"),
                     ("Journal des modifications", "11-journal"),
                 })
        {
            await page.GotoAsync(agreementUrl);
            await page.GetByRole(AriaRole.Link, new() { Name = link }).ClickAsync();
            await page.AssertAccessibleAsync();
            await page.ScreenshotAsync(name);
        }

        await page.GotoAsync(agreementUrl + "/avenants/nouveau");
        await page.GetByLabel("Signé le").FillAsync("2024-01-10");
        await page.Locator("#Input_Summary").FillAsync("Prolongation de deux ans");
        await page.GetByLabel("Nouveau dernier jour en vigueur").FillAsync("2025-11-30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer l'avenant" }).ClickAsync();
        Assert.Contains("un avenant ne peut plus en repousser la date de fin", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("12-avenant-refuse");

        await page.GotoAsync(agreementUrl + "/composition");
        await page.GetByRole(AriaRole.Link, new() { Name = "modifier le siège de Représentant du MESRI" }).ClickAsync();
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("08b-siege");

        await page.GotoAsync(agreementUrl + "/echeancier");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("25-echeancier");

        foreach (var (url, name) in new[] { ("/compte", "13-compte"), ("/referentiels", "14-referentiels") })
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
            await page.ScreenshotAsync(name);
        }
    }

    [Fact]
    public async Task The_administrator_pages_are_accessible()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@copil.test");

        await page.GotoAsync("/conventions/nouvelle");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("16-nouvelle-convention");
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer la convention" }).ClickAsync();
        Assert.Contains("Indiquez une référence courte", await page.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/referentiels");
        await page.AssertAccessibleAsync();

        await page.GotoAsync("/admin/comptes");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("17-comptes");
    }

    [Fact]
    public async Task The_notification_preferences_calendar_and_outbox_pages_are_accessible()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@copil.test");
        await page.GotoAsync("/compte");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Un résumé par jour, envoyé à partir de 7 h" }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Enregistrer mes préférences" }).ClickAsync();
        Assert.Contains("préférences de notification sont enregistrées", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await page.GetByRole(AriaRole.Radio, new() { Name = "Un résumé par jour, envoyé à partir de 7 h" }).IsCheckedAsync());
        await page.GetByRole(AriaRole.Button, new() { Name = "Créer l'adresse de mon calendrier" }).ClickAsync();
        Assert.Contains("/calendrier/", await page.Locator(".secret").Last.InnerTextAsync(), StringComparison.Ordinal);
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("27-mon-compte-notifications");

        await page.GotoAsync("/admin/envois?etat=attente");
        await page.AssertAccessibleAsync();
        await page.ScreenshotAsync("28-envois");
        await page.GotoAsync("/notifications");
        await page.AssertAccessibleAsync();

        var secretariat = await browser.NewPageAsync();
        await secretariat.SignInAsync("secretariat@copil.test");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "DEMO-OPCO-2025", Exact = true }).ClickAsync();
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "Courriels" }).ClickAsync();
        await secretariat.AssertAccessibleAsync();
        Assert.Contains("Refusés ou abandonnés", await secretariat.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_sees_the_agreement_without_the_secretariat_actions_and_a_stranger_gets_a_404()
    {
        var reader = await browser.NewPageAsync();
        await reader.SignInAsync("lecteur@copil.test");
        await reader.GetByRole(AriaRole.Link, new() { Name = "DEMO-OPCO-2025", Exact = true }).ClickAsync();
        var url = reader.Url;

        Assert.Equal(0, await reader.GetByRole(AriaRole.Link, new() { Name = "Enregistrer une résiliation" }).CountAsync());
        await reader.AssertAccessibleAsync();

        var stranger = await browser.NewPageAsync();
        await stranger.SignInAsync("sans-acces@copil.test");
        var response = await stranger.GotoAsync(url);

        Assert.Equal(404, response!.Status);
        Assert.Equal("Page introuvable", await stranger.Locator("h1").InnerTextAsync());
        await stranger.AssertAccessibleAsync();
        await stranger.ScreenshotAsync("15-introuvable");
    }

    [Fact]
    public async Task The_forms_work_without_javascript()
    {
        var context = await browser.Browser.NewContextAsync(new() { BaseURL = browser.BaseUrl, JavaScriptEnabled = false, Locale = "fr-FR" });
        var page = await context.NewPageAsync();

        await page.SignInAsync("secretariat@copil.test");

        Assert.Equal("Conventions", await page.Locator("h1").InnerTextAsync());
    }
}
