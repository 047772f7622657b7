using Microsoft.Playwright;

namespace Copil.EndToEnd.Tests;

/// <summary>The whole life of an action in the browser, each person in their own session, axe-core on every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ActionSheetJourney(BrowserFixture browser)
{
    private static PageGetByLabelOptions Exact => new() { Exact = true };

    private async Task<IPage> AsAsync(string email, string? url = null)
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync(email);
        if (url is not null)
        {
            await page.GotoAsync(url);
            await page.AssertAccessibleAsync();
        }

        return page;
    }

    private static async Task ClickAsync(IPage page, string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).First.ClickAsync();
        await page.AssertAccessibleAsync();
    }

    private static async Task GiveOpinionAsync(IPage page, string verdict, string? recommendations = null)
    {
        await page.GetByRole(AriaRole.Radio, new() { Name = verdict, Exact = true }).CheckAsync();
        if (recommendations is not null)
        {
            await page.GetByLabel("Recommandations (obligatoires pour un avis réservé)").FillAsync(recommendations);
        }

        // Shown for review first: nothing is saved before it is confirmed.
        await ClickAsync(page, "Vérifier l'avis");
        Assert.Contains($"Avis {verdict}", await page.Locator(".review").InnerTextAsync(), StringComparison.Ordinal);
        if (recommendations is not null)
        {
            await page.ScreenshotAsync("49-verification-avis");
        }

        await ClickAsync(page, "Confirmer et enregistrer l'avis");
        Assert.Contains("L'avis est enregistré.", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public Task A_title_pasted_with_an_invisible_character_is_refused_in_french_and_the_draft_is_not_saved() =>
        browser.RunAsync(async () =>
        {
            var carrier = await AsAsync("porteur@copil.test");
            await carrier.GetByRole(AriaRole.Link, new() { Name = "DEMO-OPCO-2025", Exact = true }).ClickAsync();
            await carrier.GetByRole(AriaRole.Link, new() { Name = "Fiches action" }).ClickAsync();
            await carrier.GetByRole(AriaRole.Link, new() { Name = "Nouvelle fiche action" }).ClickAsync();
            await carrier.GetByLabel("Intitulé").FillAsync("Forum\u000bdes métiers");
            await ClickAsync(carrier, "Enregistrer le brouillon");

            Assert.Contains("caractère invisible", await carrier.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Contains("Rien n'a été enregistré", await carrier.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            // Next to the field, which keeps what was typed.
            Assert.Contains("caractère invisible", await carrier.Locator("#Input_Title-error").InnerTextAsync(), StringComparison.Ordinal);
            Assert.Equal("Forum\u000bdes métiers", await carrier.GetByLabel("Intitulé").InputValueAsync());
            await carrier.ScreenshotAsync("60-caractere-invisible-refuse");
        });

    [Fact]
    public Task A_carrier_drafts_ministries_review_committee_and_board_decide_and_the_report_is_accepted() =>
        browser.RunAsync(LivesTheWholeActionAsync);

    private async Task LivesTheWholeActionAsync()
    {
        // The carrier drafts and submits.
        var carrier = await AsAsync("porteur@copil.test");
        await carrier.GetByRole(AriaRole.Link, new() { Name = "DEMO-OPCO-2025", Exact = true }).ClickAsync();
        await carrier.GetByRole(AriaRole.Link, new() { Name = "Fiches action" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        await carrier.GetByRole(AriaRole.Link, new() { Name = "Nouvelle fiche action" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        await carrier.GetByLabel("Intitulé").FillAsync("Forum des métiers de la mobilité");
        await carrier.GetByLabel("Axe de coopération").SelectOptionAsync(new SelectOptionValue { Index = 2 });
        await carrier.GetByLabel("Niveau").SelectOptionAsync(new SelectOptionValue { Label = "régional" });
        await carrier.GetByLabel("Normandie (toute la région)").CheckAsync();
        await carrier.GetByLabel("Contact : prénom et nom").FillAsync("Claire Martin");
        await carrier.GetByLabel("Contact : adresse électronique").FillAsync("claire.martin@exemple.fr");
        await carrier.GetByLabel("Partenaires").FillAsync("DRAFPIC de Normandie");
        await carrier.GetByLabel("Objectifs").FillAsync("Faire découvrir les métiers du transport aux lycéens et aux apprentis.");
        await carrier.GetByLabel("Description").FillAsync("Deux journées de démonstrations et de rencontres avec des professionnels.");
        await carrier.GetByLabel("Date de début").FillAsync("2026-05-01");
        await carrier.GetByLabel("Date de fin").FillAsync("2026-06-30");
        await carrier.GetByLabel("Public, ligne 1", Exact).SelectOptionAsync(new SelectOptionValue { Label = "Lycéens" });
        await carrier.GetByLabel("Effectif attendu, ligne 1", Exact).FillAsync("800");
        await carrier.GetByLabel("Public, ligne 2", Exact).SelectOptionAsync(new SelectOptionValue { Label = "Apprentis" });
        await carrier.GetByLabel("Effectif attendu, ligne 2", Exact).FillAsync("200");
        await carrier.GetByLabel("Ciblage équitable des lycéens, étudiants et apprentis (art. 15)").FillAsync("Invitations à parts égales des lycées professionnels, des CFA et des IUT.");
        await carrier.GetByLabel("Mixité, inclusion et accueil des personnes en situation de handicap (art. 8)").FillAsync("Lieu accessible, ateliers mixtes animés par des professionnelles.");
        await carrier.GetByLabel("Indicateur, ligne 1", Exact).FillAsync("Visiteurs");
        await carrier.GetByLabel("Unité, ligne 1", Exact).FillAsync("personnes");
        await carrier.GetByLabel("Cible, ligne 1", Exact).FillAsync("1000");
        await carrier.GetByLabel("Mode de mesure, ligne 1", Exact).FillAsync("Billetterie");
        await carrier.GetByLabel("Catégorie, dépense 1", Exact).SelectOptionAsync(new SelectOptionValue { Label = "Services extérieurs" });
        await carrier.GetByLabel("Libellé, dépense 1", Exact).FillAsync("Location du hall et des stands");
        await carrier.GetByLabel("Montant, dépense 1", Exact).FillAsync("20 000");
        await carrier.GetByLabel("Éligible, dépense 1", Exact).CheckAsync();
        await carrier.GetByLabel("Catégorie, dépense 2", Exact).SelectOptionAsync(new SelectOptionValue { Label = "Charges de personnel" });
        await carrier.GetByLabel("Libellé, dépense 2", Exact).FillAsync("Salaires des animateurs");
        await carrier.GetByLabel("Montant, dépense 2", Exact).FillAsync("5 000");
        await carrier.GetByLabel("Type de financeur, ressource 1", Exact).SelectOptionAsync(new SelectOptionValue { Label = "Frais de mission de l'OPCO" });
        await carrier.GetByLabel("Nom du financeur, ressource 1", Exact).FillAsync("OPCO Démo");
        await carrier.GetByLabel("Montant, ressource 1", Exact).FillAsync("21 000");
        await carrier.GetByLabel("Type de financeur, ressource 2", Exact).SelectOptionAsync(new SelectOptionValue { Label = "Ressources propres" });
        await carrier.GetByLabel("Nom du financeur, ressource 2", Exact).FillAsync("Campus des métiers");
        await carrier.GetByLabel("Montant, ressource 2", Exact).FillAsync("5 000");
        await carrier.GetByLabel("Taux de frais de gestion (%)").FillAsync("5");
        await carrier.ScreenshotAsync("20-fiche-saisie");
        await ClickAsync(carrier, "Enregistrer le brouillon");
        await ClickAsync(carrier, "Soumettre aux avis des ministères");
        Assert.Contains("La fiche est soumise", await carrier.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        var sheetUrl = carrier.Url;

        // One ministry réservé with recommendations, the other favorable.
        var dgesco = await AsAsync("relecture.dgesco@copil.test", sheetUrl);
        await GiveOpinionAsync(dgesco, "réservé", "Associer les centres d'information et d'orientation.");
        var dgesip = await AsAsync("relecture.dgesip@copil.test", sheetUrl);
        await GiveOpinionAsync(dgesip, "favorable");

        // The secretariat asks a revision; the carrier revises and resubmits.
        var secretariat = await AsAsync("secretariat@copil.test", sheetUrl);
        Assert.Contains("2 avis reçus sur 2", await secretariat.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await secretariat.GetByLabel("Ce que le porteur doit revoir").FillAsync("Suivre les recommandations du MEN.");
        await ClickAsync(secretariat, "Demander la révision");
        await carrier.GotoAsync(sheetUrl);
        await carrier.GetByRole(AriaRole.Link, new() { Name = "Modifier la fiche" }).ClickAsync();
        await carrier.AssertAccessibleAsync();
        await carrier.GetByLabel("Partenaires").FillAsync("DRAFPIC de Normandie, CIO de Caen et de Rouen");
        await ClickAsync(carrier, "Enregistrer le brouillon");
        await ClickAsync(carrier, "Soumettre aux avis des ministères");

        // Both favorable on version 2.
        await dgesco.GotoAsync(sheetUrl);
        await GiveOpinionAsync(dgesco, "favorable");
        await dgesip.GotoAsync(sheetUrl);
        await GiveOpinionAsync(dgesip, "favorable");

        // The committee validates, the board approves, the action starts.
        await secretariat.GotoAsync(sheetUrl);
        await secretariat.GetByRole(AriaRole.Radio, new() { Name = "validée", Exact = true }).CheckAsync();
        await secretariat.GetByLabel("Référence (réunion, point de l'ordre du jour)").FillAsync("Copil du 10 mars 2026, point 4");
        await ClickAsync(secretariat, "Enregistrer la décision du comité");
        var board = await AsAsync("ca@copil.test", sheetUrl);
        await board.GetByRole(AriaRole.Radio, new() { Name = "approuvée", Exact = true }).CheckAsync();
        await board.GetByLabel("Référence (séance du conseil)").FillAsync("CA du 10 mars 2026");
        await ClickAsync(board, "Enregistrer la décision du conseil");
        await ClickAsync(board, "Noter le retour au comité");
        await secretariat.GotoAsync(sheetUrl);
        await ClickAsync(secretariat, "Démarrer l'action");
        await secretariat.ScreenshotAsync("21-fiche-en-cours");

        // The carrier attaches a supporting document, then writes the completion report; the secretariat accepts it.
        await carrier.GotoAsync(sheetUrl);
        await carrier.GetByLabel("Fichier", Exact).SetInputFilesAsync(new FilePayload { Name = "facture-2026-118.pdf", MimeType = "application/pdf", Buffer = "%PDF-1.4\n% facture\n"u8.ToArray() });
        await carrier.GetByLabel("Description (facultatif)").FillAsync("Facture de la location du hall");
        await ClickAsync(carrier, "Joindre");
        Assert.Contains("« facture-2026-118.pdf » est joint", await carrier.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await carrier.GetByRole(AriaRole.Link, new() { Name = "Rédiger la fiche de réalisation" }).ClickAsync();
        await ClickAsync(carrier, "Ouvrir la fiche de réalisation");
        await carrier.GetByLabel("Valeur atteinte : Visiteurs").FillAsync("1150");
        await carrier.GetByLabel("Total, Lycéens").FillAsync("900");
        await carrier.GetByLabel("Femmes, Lycéens").FillAsync("430");
        await carrier.GetByLabel("Hommes, Lycéens").FillAsync("470");
        await carrier.GetByLabel("En situation de handicap, Lycéens").FillAsync("12");
        await carrier.GetByLabel("Total, Apprentis").FillAsync("250");
        await carrier.GetByLabel("Coût réel : Location du hall et des stands").FillAsync("19 500");
        await carrier.GetByLabel("Justificatif : Location du hall et des stands").FillAsync("Facture n° 2026-118");
        await carrier.GetByLabel("Coût réel : Salaires des animateurs").FillAsync("5 200");
        await carrier.GetByLabel("Justificatif : Salaires des animateurs").FillAsync("Bulletins de paie");
        await carrier.GetByLabel("Bilan qualitatif").FillAsync("Forte affluence, parité presque atteinte chez les lycéens.");
        await carrier.ScreenshotAsync("22-fiche-de-realisation");
        await ClickAsync(carrier, "Soumettre au secrétariat");
        await secretariat.GotoAsync(sheetUrl);
        await ClickAsync(secretariat, "Accepter la fiche de réalisation");

        Assert.Contains("fiche de réalisation acceptée", await secretariat.Locator(".lead .badge").InnerTextAsync(), StringComparison.Ordinal);
        await secretariat.ScreenshotAsync("23-fiche-acceptee");
        await secretariat.GotoAsync(sheetUrl + "/realisation");
        await secretariat.AssertAccessibleAsync();
        // 19 500 € eligible + 5 % = 20 475 €, within the 21 000 € approved.
        Assert.Contains("20\u202F475,00 €", await secretariat.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await secretariat.GotoAsync(sheetUrl[..sheetUrl.LastIndexOf('/')]);
        await secretariat.AssertAccessibleAsync();
        await secretariat.ScreenshotAsync("24-liste-des-fiches");

        // The carrier was told of every step: the opinions, the committee's and the board's decisions, the report's acceptance.
        await carrier.GetByRole(AriaRole.Link, new() { Name = "Notifications" }).First.ClickAsync();
        await carrier.AssertAccessibleAsync();
        var notices = await carrier.Locator("main").InnerTextAsync();
        Assert.Contains("Décision du comité de pilotage sur la fiche", notices, StringComparison.Ordinal);
        Assert.Contains("Décision du conseil d'administration sur la fiche", notices, StringComparison.Ordinal);
        Assert.Contains("Non lue", notices, StringComparison.Ordinal);
        await carrier.ScreenshotAsync("26-notifications");
        await carrier.Locator("li.notification--unread h2 a").First.ClickAsync();
        await carrier.AssertAccessibleAsync();
        Assert.Contains("/fiches/", carrier.Url, StringComparison.Ordinal);
    }
}
