using System.Diagnostics;
using Microsoft.Playwright;

namespace Copil.EndToEnd.Tests;

/// <summary>
/// Art. 11 and 12 in the browser, on the demo agreement (the app's clock: 10 March 2026): a carrier asks for the MEN
/// logo, DGESCO grants it for six months, the material shows as covered; the carrier declares a digital tool, fills both
/// sheets, both ministries approve, it goes online. axe-core on every page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AgreementRulesJourney(BrowserFixture browser)
{
    private const string Sheet = "Semaine de l'apprentissage dans les transports (démonstration)";

    [Fact]
    public Task A_logo_is_granted_for_six_months_and_a_digital_tool_goes_online_after_both_ministries_approve() =>
        browser.RunAsync(JourneyAsync);

    private static async Task RenderPdfAsync(IPage page, string url, string name)
    {
        var pdf = await page.APIRequest.GetAsync(url);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var file = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await pdf.BodyAsync());
        using var render = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "70", "-f", "1", "-l", "1", "-singlefile", file, Path.Combine(BrowserFixture.ScreenshotFolder, name)]))!;
        await render.WaitForExitAsync();
        Assert.Equal(0, render.ExitCode);
        File.Delete(file);
    }

    private async Task JourneyAsync()
    {
        var carrier = await browser.NewPageAsync();
        await carrier.SignInAsync("porteur@copil.test");
        await carrier.GetByRole(AriaRole.Link, new() { Name = "DEMO-OPCO-2025", Exact = true }).ClickAsync();
        await carrier.GetByRole(AriaRole.Link, new() { Name = "Fiches action", Exact = true }).ClickAsync();
        await carrier.GetByRole(AriaRole.Link, new() { Name = Sheet }).ClickAsync();
        var sheetUrl = carrier.Url;

        // The carrier asks for the MEN logo on a poster of the action.
        await carrier.GetByRole(AriaRole.Link, new() { Name = "Demander l'autorisation d'un logo" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        await carrier.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        Assert.Contains("Choisissez le ministère", await carrier.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await carrier.GetByLabel("Ministère dont le logo est demandé").SelectOptionAsync(new SelectOptionValue { Label = "MEN — Ministère de l'éducation nationale" });
        await carrier.GetByLabel("Titre du support").FillAsync("Affiche de la Semaine de l'apprentissage");
        await carrier.GetByLabel("Type de support").SelectOptionAsync(new SelectOptionValue { Label = "Document imprimé" });
        await carrier.GetByLabel("Description").FillAsync("Affiche A2 diffusée dans les lycées professionnels et les CFA ; logo du ministère en pied de page, à côté de celui de l'OPCO.");
        await carrier.GetByLabel("À partir du").FillAsync("2026-03-15");
        // Within the demo agreement's term even once another journey has notified its termination (30 September 2026).
        await carrier.GetByLabel("Jusqu'au").FillAsync("2026-09-09");
        await carrier.ScreenshotAsync("50-logo-demande");
        await carrier.GetByRole(AriaRole.Button, new() { Name = "Envoyer la demande" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        Assert.True(await carrier.Locator(".error-summary").CountAsync() == 0, string.Join(" ", await carrier.Locator(".error-summary").AllInnerTextsAsync()));
        Assert.Contains("envoyée au MEN", await carrier.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        var authorisationUrl = carrier.Url;

        // DGESCO grants it for six months; a grant without its end date is refused first.
        var dgesco = await browser.NewPageAsync();
        await dgesco.SignInAsync("relecture.dgesco@copil.test");
        await dgesco.GotoAsync(authorisationUrl);
        await dgesco.AssertAccessibleAsync();
        await dgesco.GetByLabel("Accorder l'autorisation").CheckAsync();
        await dgesco.GetByLabel("Autorisation valable à partir du").FillAsync("2026-03-10");
        await dgesco.GetByLabel("Autorisation valable jusqu'au").FillAsync("");
        await dgesco.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await dgesco.AssertAccessibleAsync();
        Assert.Contains("précise sa durée", await dgesco.Locator(".error-summary").InnerTextAsync(), StringComparison.Ordinal);
        await dgesco.GetByLabel("Autorisation valable jusqu'au").FillAsync("2026-09-09");
        await dgesco.GetByLabel("Conditions d'usage (facultatif)").FillAsync("Logo officiel, en pied de page, de taille égale à celui des partenaires.");
        await dgesco.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la décision" }).ClickAsync();
        await dgesco.AssertAccessibleAsync();
        Assert.Contains("accordée du 10 mars 2026 au 9 septembre 2026", await dgesco.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await dgesco.ScreenshotAsync("51-logo-autorisation-accordee");
        await RenderPdfAsync(dgesco, authorisationUrl + "?handler=Letter&format=pdf", "52-lettre-autorisation-logo-pdf");

        // The material is covered today, and no longer after the end of the authorisation.
        await carrier.GotoAsync(sheetUrl + "#logos-outils");
        await carrier.AssertAccessibleAsync();
        var materials = carrier.Locator("table", new() { Has = carrier.Locator("caption", new() { HasTextString = "Supports de l'action" }) });
        Assert.Contains("oui", await materials.Locator("tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);
        await carrier.Locator("#logos-outils ~ form input[name=logos-le]").First.FillAsync("2026-10-01");
        await carrier.GetByRole(AriaRole.Button, new() { Name = "Vérifier" }).ClickAsync();
        Assert.Contains("non — échue", await materials.Locator("tbody tr").First.InnerTextAsync(), StringComparison.Ordinal);
        await carrier.GotoAsync(sheetUrl + "?logos-le=2026-06-01#logos-outils");
        await carrier.Locator("#logos-outils").ScrollIntoViewIfNeededAsync();
        await carrier.ScreenshotAsync("53-fiche-supports-couverts");

        // The carrier declares a digital tool on the action and fills both sheets.
        await carrier.GetByRole(AriaRole.Link, new() { Name = "Déclarer un outil numérique" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        await carrier.GetByLabel("Nom de l'outil").FillAsync("Plateforme d'inscription à la Semaine de l'apprentissage");
        await carrier.GetByLabel("Adresse prévue (facultatif)").FillAsync("https://semaine-apprentissage.exemple.fr");
        await carrier.GetByRole(AriaRole.Button, new() { Name = "Déclarer l'outil" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        var toolUrl = carrier.Url;
        Assert.Contains("L'accord du MEN sur les fiches à jour manque", await carrier.Locator(".notice--info").InnerTextAsync(), StringComparison.Ordinal);

        await carrier.GetByRole(AriaRole.Link, new() { Name = "Remplir la fiche RGPD" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        foreach (var (label, value) in new[]
                 {
                     ("Responsable du traitement", "OPCO Démo, direction des systèmes d'information"),
                     ("Finalités", "Inscription des classes aux ateliers de la Semaine de l'apprentissage"),
                     ("Base légale", "Mission d'intérêt public (article 6.1.e du RGPD)"),
                     ("Catégories de personnes concernées", "Enseignants référents, chefs d'établissement"),
                     ("Catégories de données", "Nom, prénom, adresse électronique professionnelle, établissement"),
                     ("Destinataires", "Équipe organisatrice de l'OPCO, entreprises d'accueil"),
                     ("Transferts hors de l'Union européenne", "Aucun"),
                     ("Durées de conservation", "Un an après la fin de l'action"),
                     ("Mesures de sécurité", "Hébergement en France, chiffrement, accès nominatifs journalisés"),
                     ("Contact du délégué à la protection des données", "dpo@opco-demo.exemple.fr"),
                 })
        {
            await carrier.GetByLabel(label, new() { Exact = true }).FillAsync(value);
        }

        await carrier.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la fiche" }).ClickAsync();
        Assert.Contains("complète", await carrier.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await carrier.GetByRole(AriaRole.Link, new() { Name = "Remplir la fiche de transparence" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        await carrier.GetByLabel("Non", new() { Exact = true }).CheckAsync();
        await carrier.GetByLabel("Pourquoi le principe ne s'applique pas").FillAsync("L'outil enregistre des inscriptions ; il ne prend ni ne prépare aucune décision individuelle.");
        await carrier.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la fiche" }).ClickAsync();
        await carrier.AssertAccessibleAsync();

        // Going online now is refused: both ministries' agreement is missing.
        await carrier.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la mise en ligne" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        var refusal = await carrier.Locator(".error-summary").InnerTextAsync();
        Assert.Contains("L'accord du MEN sur les fiches à jour manque", refusal, StringComparison.Ordinal);
        Assert.Contains("L'accord du MESR sur les fiches à jour manque", refusal, StringComparison.Ordinal);

        // Each ministry approves for itself.
        foreach (var (reviewer, shot) in new[] { (dgesco, "54-outil-numerique-accord-dgesco"), (await browser.NewPageAsync(), "") })
        {
            if (shot.Length == 0)
            {
                await reviewer.SignInAsync("relecture.dgesip@copil.test");
            }

            await reviewer.GotoAsync(toolUrl);
            await reviewer.AssertAccessibleAsync();
            if (shot.Length > 0)
            {
                await reviewer.ScreenshotAsync(shot);
            }

            await reviewer.GetByLabel("Accord pour la mise en ligne").CheckAsync();
            await reviewer.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la réponse" }).ClickAsync();
            await reviewer.AssertAccessibleAsync();
            Assert.Contains("Accord enregistré", await reviewer.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        }

        await carrier.GotoAsync(toolUrl);
        await carrier.GetByRole(AriaRole.Button, new() { Name = "Enregistrer la mise en ligne" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        Assert.Contains("En ligne", await carrier.Locator(".lead .badge").InnerTextAsync(), StringComparison.Ordinal);
        await carrier.ScreenshotAsync("55-outil-numerique-en-ligne");
        await RenderPdfAsync(carrier, toolUrl + "?handler=Sheets&format=pdf", "56-fiches-outil-numerique-pdf");

        await carrier.GotoAsync(toolUrl.Split("/outils/")[0] + "/logos");
        await carrier.AssertAccessibleAsync();
        await carrier.ScreenshotAsync("57-registre-des-logos");

        // The secretariat: the Normandy declination, its actions in the national dashboard, the directory, a loan.
        var secretariat = await browser.NewPageAsync();
        await secretariat.SignInAsync("secretariat@copil.test");
        var root = toolUrl.Split("/outils/")[0];
        await secretariat.GotoAsync(root);
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "Déclinaisons régionales" }).ClickAsync();
        await secretariat.AssertAccessibleAsync();
        Assert.Contains("DEMO-OPCO-2025-NORMANDIE", await secretariat.Locator("table").InnerTextAsync(), StringComparison.Ordinal);
        await secretariat.ScreenshotAsync("58-declinaisons-regionales");
        await secretariat.GotoAsync(root + "/tableau-de-bord?annee=2026&region=28");
        await secretariat.AssertAccessibleAsync();
        Assert.Contains("Normandie", await secretariat.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await secretariat.ScreenshotAsync("59-tableau-de-bord-national-normandie");

        await secretariat.GotoAsync(root + "/contacts");
        await secretariat.GetByLabel("Type de contact").SelectOptionAsync(new SelectOptionValue { Label = "Représentant régional d'un signataire" });
        await secretariat.GetByLabel("Région académique couverte").SelectOptionAsync(new SelectOptionValue { Label = "Normandie" });
        await secretariat.GetByLabel("Signataire représenté").SelectOptionAsync(new SelectOptionValue { Label = "OPCO Démo — OPCO Démo (organisme fictif)" });
        await secretariat.Locator("#Input_Name").FillAsync("Camille Exemple");
        await secretariat.Locator("#Input_Function").FillAsync("Déléguée régionale");
        await secretariat.Locator("#Input_Service").FillAsync("Délégation régionale de Normandie");
        await secretariat.GetByLabel("Adresse électronique professionnelle").FillAsync("camille.exemple@exemple.fr");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Inscrire" }).ClickAsync();
        await secretariat.AssertAccessibleAsync();
        Assert.Contains("informé(e) par courriel", await secretariat.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await secretariat.ScreenshotAsync("60-relais-et-contacts");

        await secretariat.GotoAsync(root + "/materiels");
        await secretariat.GetByLabel("Forme").SelectOptionAsync(new SelectOptionValue { Label = "Prêt de matériel" });
        await secretariat.GetByLabel("Établissement bénéficiaire").FillAsync("Lycée professionnel de démonstration, Caen");
        await secretariat.GetByLabel("Signataire qui prête ou donne").SelectOptionAsync(new SelectOptionValue { Label = "OPCO Démo — OPCO Démo (organisme fictif)" });
        await secretariat.GetByLabel("Description").FillAsync("Simulateur de conduite de poids lourd");
        await secretariat.GetByLabel("Valeur, en euros").FillAsync("15000");
        await secretariat.GetByLabel("Date du prêt ou de la dotation").FillAsync("2026-03-01");
        await secretariat.GetByLabel("Date de retour prévue").FillAsync("2026-06-30");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Enregistrer", Exact = true }).ClickAsync();
        await secretariat.AssertAccessibleAsync();
        Assert.Contains("retour est attendu le 30 juin 2026", await secretariat.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await secretariat.ScreenshotAsync("61-materiels-et-documentation");
    }
}
