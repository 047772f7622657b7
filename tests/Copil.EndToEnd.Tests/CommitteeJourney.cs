using System.Diagnostics;
using Microsoft.Playwright;

namespace Copil.EndToEnd.Tests;

/// <summary>The spring meeting in the browser: convened with two sheets, moved, a point added, attendance, votes reviewed then saved, a vote corrected, minutes previewed, reviewed and validated, the frozen PDF.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CommitteeJourney(BrowserFixture browser)
{
    private static async Task ClickAsync(IPage page, string button)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).First.ClickAsync();
        await page.AssertAccessibleAsync();
    }

    /// <summary>Every seat votes the same on a point: the vote is counted and shown for review, then confirmed.</summary>
    private static async Task VoteAsync(IPage page, int item, string choice)
    {
        var form = page.Locator("form").Filter(new() { HasText = $"Vérifier le vote sur le point {item}" });
        var radios = form.GetByRole(AriaRole.Radio, new() { Name = choice, Exact = true });
        for (var i = 0; i < await radios.CountAsync(); i++)
        {
            await radios.Nth(i).CheckAsync();
        }

        await form.GetByRole(AriaRole.Button, new() { Name = $"Vérifier le vote sur le point {item}" }).ClickAsync();
        await ConfirmAsync(page, item);
    }

    /// <summary>The review step: nothing is saved before it is confirmed.</summary>
    private static async Task ConfirmAsync(IPage page, int item)
    {
        await page.AssertAccessibleAsync();
        Assert.Contains("avant de l'enregistrer", await page.Locator(".review").InnerTextAsync(), StringComparison.Ordinal);
        await page.GetByRole(AriaRole.Button, new() { Name = $"Confirmer et enregistrer le vote sur le point {item}" }).ClickAsync();
        await page.AssertAccessibleAsync();
    }

    [Fact]
    public Task The_seed_agreement_shows_its_2021_committees_entered_afterwards_and_its_calendar_kept() =>
        browser.RunAsync(async () =>
        {
            var reader = await browser.NewPageAsync();
            await reader.SignInAsync("secretariat@copil.test");
            await reader.GetByRole(AriaRole.Link, new() { Name = "OPCO-MOBILITES-2020", Exact = true }).ClickAsync();
            await reader.GetByRole(AriaRole.Link, new() { Name = "Comité de pilotage" }).ClickAsync();
            await reader.AssertAccessibleAsync();
            var text = await reader.Locator("main").InnerTextAsync();
            Assert.Contains("Tenu le 2 mars 2021, dans le délai.", text, StringComparison.Ordinal);
            Assert.Contains("Tenu le 7 décembre 2021, avant le conseil d'administration du 16 décembre 2021.", text, StringComparison.Ordinal);
            await reader.ScreenshotAsync("37-comite-historique-2021");

            Assert.Contains("tenue (saisie a posteriori)", text, StringComparison.Ordinal);
            await reader.GetByRole(AriaRole.Link, new() { Name = "Comité de fin d'année", Exact = true }).Last.ClickAsync();
            await reader.AssertAccessibleAsync();
            Assert.Contains("saisie a posteriori", await reader.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
            await reader.ScreenshotAsync("38-reunion-saisie-a-posteriori");
        });

    [Fact]
    public Task The_secretariat_runs_the_spring_meeting_and_its_minutes_are_reviewed_validated_and_exported() =>
        browser.RunAsync(RunsTheSpringMeetingAsync);

    private async Task RunsTheSpringMeetingAsync()
    {
        var secretariat = await browser.NewPageAsync();
        await secretariat.SignInAsync("secretariat@copil.test");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "DEMO-OPCO-2025", Exact = true }).ClickAsync();
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "Comité de pilotage" }).ClickAsync();
        await secretariat.AssertAccessibleAsync();
        await secretariat.ScreenshotAsync("30-comite-de-pilotage");

        // Plan the spring meeting of 2026 (the demo clock is 10 March 2026), then its agenda: the two sheets ready for the committee.
        await secretariat.GetByLabel("Type de réunion").SelectOptionAsync(new SelectOptionValue { Label = "Comité de printemps" });
        await secretariat.GetByLabel("Année concernée").FillAsync("2026");
        await secretariat.GetByLabel("Date de la réunion").FillAsync("2026-03-10");
        await secretariat.GetByLabel("Heure").FillAsync("14 h 30");
        await secretariat.GetByLabel("Lieu", new() { Exact = true }).FillAsync("OPCO Démo, salle du conseil, Paris");
        await ClickAsync(secretariat, "Planifier la réunion");
        // Both sheets at once; once on the agenda, they are no longer offered.
        foreach (var sheet in new[] { "n° 1 — Semaine de l'apprentissage", "n° 2 — Salon virtuel" })
        {
            await secretariat.GetByLabel(sheet, new() { Exact = false }).CheckAsync();
        }

        await ClickAsync(secretariat, "Inscrire les fiches cochées");
        Assert.Equal(0, await secretariat.GetByRole(AriaRole.Button, new() { Name = "Inscrire les fiches cochées" }).CountAsync());

        // The working documents, posted today: after the deadline of 3 March, so flagged as sent late.
        await secretariat.GetByLabel("Titre du document").FillAsync("Bilan des actions 2025");
        await secretariat.Locator("#File").SetInputFilesAsync(new FilePayload { Name = "bilan-2025.pdf", MimeType = "application/pdf", Buffer = System.Text.Encoding.ASCII.GetBytes("%PDF-1.4\n% bilan de démonstration\n") });
        await ClickAsync(secretariat, "Déposer");
        Assert.Contains("envoyé en retard", await secretariat.Locator("#documents + table").InnerTextAsync(), StringComparison.Ordinal);
        await ClickAsync(secretariat, "Convoquer la réunion");
        Assert.Contains("La réunion est convoquée", await secretariat.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await secretariat.ScreenshotAsync("31-reunion-convoquee");

        // Moved half an hour later after the convocation: everyone convened gets the revised invitation.
        await secretariat.GetByText("Modifier ou annuler la réunion").ClickAsync();
        await secretariat.GetByLabel("Heure").FillAsync("15 h");
        await ClickAsync(secretariat, "Enregistrer les modifications");
        Assert.Contains("La réunion est modifiée", await secretariat.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("15 h", await secretariat.Locator(".lead").InnerTextAsync(), StringComparison.Ordinal);
        // A point added after the convocation (announced to everyone convened).
        await secretariat.GetByLabel("Type de point").SelectOptionAsync(new SelectOptionValue { Label = "Autre point" });
        await secretariat.GetByLabel("Intitulé (autres points)").FillAsync("Calendrier des salons de l'automne");
        await ClickAsync(secretariat, "Inscrire le point");
        Assert.Contains("Calendrier des salons de l'automne", await secretariat.Locator("ol.agenda").InnerTextAsync(), StringComparison.Ordinal);

        // On the day: everyone present; the first sheet adopted, the second rejected.
        await ClickAsync(secretariat, "Enregistrer les présences");
        // The first: notes typed, then « unanimité des présents » — the notes are saved with the vote.
        await secretariat.GetByLabel("Notes pour le compte rendu (point 1)").FillAsync("Le porteur a présenté la semaine de l'apprentissage.");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Unanimité des présents sur le point 1" }).ClickAsync();
        await secretariat.ScreenshotAsync("39-verification-du-vote");
        await ConfirmAsync(secretariat, 1);
        Assert.Contains("Le porteur a présenté la semaine de l'apprentissage.", await secretariat.Locator("ol.agenda > li").First.InnerTextAsync(), StringComparison.Ordinal);
        await VoteAsync(secretariat, 2, "contre");
        var agenda = await secretariat.Locator("ol.agenda").InnerTextAsync();
        Assert.Contains("Adopté : 4 voix pour, 0 voix contre", agenda, StringComparison.Ordinal);
        Assert.Contains("Rejeté : 0 voix pour, 4 voix contre", agenda, StringComparison.Ordinal);
        await secretariat.ScreenshotAsync("32-votes");

        // The OPCO's first seat had voted for: the vote is corrected with a reason, reviewed, and the correction shown next to it.
        await secretariat.Locator("details.correction summary").Filter(new() { HasText = "point 2" }).ClickAsync();
        var correction = secretariat.Locator("details.correction[open] form");
        await correction.GetByRole(AriaRole.Radio, new() { Name = "pour", Exact = true }).First.CheckAsync();
        await correction.GetByLabel("Motif de la correction").FillAsync("Le représentant de l'OPCO avait voté pour ; la saisie était erronée.");
        await correction.GetByRole(AriaRole.Button, new() { Name = "Vérifier la correction du vote sur le point 2" }).ClickAsync();
        Assert.Contains("Vérifiez la correction", await secretariat.Locator(".review").InnerTextAsync(), StringComparison.Ordinal);
        await ConfirmAsync(secretariat, 2);
        agenda = await secretariat.Locator("ol.agenda").InnerTextAsync();
        Assert.Contains("Rejeté : 1 voix pour, 3 voix contre", agenda, StringComparison.Ordinal);
        Assert.Contains("motif : Le représentant de l'OPCO avait voté pour", agenda, StringComparison.Ordinal);
        await secretariat.Locator("ol.agenda > li").Nth(1).ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "47-vote-corrige.png") });
        await ClickAsync(secretariat, "Déclarer la réunion tenue");
        await ClickAsync(secretariat, "Rédiger le compte rendu à partir de la réunion");
        await secretariat.ScreenshotAsync("33-compte-rendu-brouillon");
        var minutesUrl = secretariat.Url;
        // The text previewed as it will read, without saving: the relevé de décisions is a table.
        await ClickAsync(secretariat, "Prévisualiser sans enregistrer");
        var preview = await secretariat.Locator(".minutes-text--preview").InnerTextAsync();
        Assert.Contains("Abstention", preview, StringComparison.Ordinal);
        Assert.Contains("Rejeté — fiche rejetée (vote corrigé)", preview, StringComparison.Ordinal);
        await secretariat.Locator("#apercu").ScrollIntoViewIfNeededAsync();
        await secretariat.ScreenshotAsync("48-compte-rendu-apercu");
        await ClickAsync(secretariat, "Adresser pour relecture");

        // DGESCO and DGESIP approve within the 7 days.
        foreach (var reviewer in new[] { "relecture.dgesco@copil.test", "relecture.dgesip@copil.test" })
        {
            var page = await browser.NewPageAsync();
            await page.SignInAsync(reviewer);
            await page.GotoAsync(minutesUrl);
            await page.AssertAccessibleAsync();
            // Nothing is chosen for them: sending without a choice is refused next to the choice.
            await ClickAsync(page, "Envoyer la réponse");
            Assert.Contains("Choisissez votre réponse", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
            await page.GetByLabel("J'approuve le compte rendu").CheckAsync();
            await ClickAsync(page, "Envoyer la réponse");
            Assert.Contains("Votre approbation est enregistrée", await page.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        }

        // The members validate; the text is frozen and its hash shown.
        await secretariat.GotoAsync(minutesUrl);
        await ClickAsync(secretariat, "Soumettre à la validation des membres");
        var radios = secretariat.GetByRole(AriaRole.Radio, new() { Name = "pour", Exact = true });
        for (var i = 0; i < await radios.CountAsync(); i++)
        {
            await radios.Nth(i).CheckAsync();
        }

        await ClickAsync(secretariat, "Enregistrer le vote des membres");
        var hash = (await secretariat.Locator(".hash").InnerTextAsync()).Trim();
        Assert.Equal(64, hash.Length);
        await secretariat.ScreenshotAsync("34-compte-rendu-valide");

        // The frozen version exported as PDF, rendered to an image for the record.
        var pdf = await secretariat.APIRequest.GetAsync(minutesUrl + "?handler=Document&format=pdf");
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var file = Path.Combine(Path.GetTempPath(), $"compte-rendu-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await pdf.BodyAsync());
        foreach (var (page, name) in new[] { (1, "35-compte-rendu-pdf"), (2, "36-compte-rendu-pdf-page-2") })
        {
            using var render = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "70", "-f", $"{page}", "-l", $"{page}", "-singlefile", file, Path.Combine(BrowserFixture.ScreenshotFolder, name)]))!;
            await render.WaitForExitAsync();
            Assert.Equal(0, render.ExitCode);
        }

        using var text = Process.Start(new ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true })!;
        var content = await text.StandardOutput.ReadToEndAsync();
        await text.WaitForExitAsync();
        Assert.Contains(hash, content.Replace("\n", "", StringComparison.Ordinal), StringComparison.Ordinal);
        // The structure of minutes worth signing: participants, agenda, the relevé as a table, each point, the correction, the validation.
        foreach (var part in new[] { "Participants", "Ordre du jour", "Relevé de décisions", "Abstention", "Vote corrigé le", "Relecture et validation", "page 1 sur" })
        {
            Assert.Contains(part, content, StringComparison.Ordinal);
        }

        File.Delete(file);
    }
}
