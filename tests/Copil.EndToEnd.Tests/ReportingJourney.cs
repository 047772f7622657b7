using System.Diagnostics;
using Microsoft.Playwright;

namespace Copil.EndToEnd.Tests;

/// <summary>The 2021 figures of the seed agreement in the browser: dashboard, annual report written, sent, validated, exported; axe on every page.</summary>
[Collection(BrowserCollection.Name)]
public sealed class ReportingJourney(BrowserFixture browser)
{
    [Fact]
    public Task The_secretariat_reads_the_2021_dashboard_and_the_ministries_validate_the_annual_report() =>
        browser.RunAsync(ReadsAndValidatesAsync);

    private static async Task RenderPdfAsync(IPage page, string url, string name, int pages)
    {
        var pdf = await page.APIRequest.GetAsync(url);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var file = Path.Combine(Path.GetTempPath(), $"{name}-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, await pdf.BodyAsync());
        for (var p = 1; p <= pages; p++)
        {
            using var render = Process.Start(new ProcessStartInfo("pdftoppm", ["-png", "-r", "70", "-f", $"{p}", "-l", $"{p}", "-singlefile", file, Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}-page-{p}")]))!;
            await render.WaitForExitAsync();
            Assert.Equal(0, render.ExitCode);
        }

        File.Delete(file);
    }

    private async Task ReadsAndValidatesAsync()
    {
        var secretariat = await browser.NewPageAsync();
        await secretariat.SignInAsync("secretariat@copil.test");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "OPCO-MOBILITES-2020", Exact = true }).ClickAsync();
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "Tableau de bord" }).ClickAsync();
        await secretariat.Locator("#annee").SelectOptionAsync("2021");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await secretariat.AssertAccessibleAsync();
        Assert.Contains("Tableau de bord 2021", await secretariat.Locator("h1").InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(await secretariat.Locator("svg.chart").CountAsync() >= 5);
        await secretariat.ScreenshotAsync("40-tableau-de-bord-2021");

        // Filtered on Normandy: still accessible, still a table under every chart.
        await secretariat.Locator("#region").SelectOptionAsync(new SelectOptionValue { Label = "Normandie" });
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Afficher" }).ClickAsync();
        await secretariat.AssertAccessibleAsync();

        await secretariat.GotoAsync(secretariat.Url.Split("/tableau-de-bord")[0] + "/bilans");
        await secretariat.AssertAccessibleAsync();
        await secretariat.ScreenshotAsync("41-bilans-et-programmes");
        await secretariat.GetByRole(AriaRole.Link, new() { Name = "Bilan 2021" }).ClickAsync();
        await secretariat.AssertAccessibleAsync();
        Assert.Contains("fiche de réalisation non remise", await secretariat.Locator("ul.missing-data").InnerTextAsync(), StringComparison.Ordinal);
        await secretariat.GetByLabel("Présenté à la commission de l'OPCO le").FillAsync("2022-03-10");
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Enregistrer les dates" }).ClickAsync();
        await secretariat.AssertAccessibleAsync();
        await secretariat.GetByRole(AriaRole.Button, new() { Name = "Adresser la version 1 aux signataires" }).ClickAsync();
        await secretariat.AssertAccessibleAsync();
        Assert.Contains("adressé aux signataires", await secretariat.GetByRole(AriaRole.Status).InnerTextAsync(), StringComparison.Ordinal);
        await secretariat.ScreenshotAsync("42-bilan-2021");
        var reportUrl = secretariat.Url;

        foreach (var (reviewer, shot) in new[] { ("relecture.dgesco@copil.test", "43-bilan-validation-dgesco"), ("relecture.dgesip@copil.test", "") })
        {
            var page = await browser.NewPageAsync();
            await page.SignInAsync(reviewer);
            await page.GotoAsync(reportUrl);
            await page.AssertAccessibleAsync();
            if (shot.Length > 0)
            {
                await page.ScreenshotAsync(shot);
            }

            await page.GetByRole(AriaRole.Button, new() { Name = "Valider le bilan" }).ClickAsync();
            await page.AssertAccessibleAsync();
        }

        await secretariat.ReloadAsync();
        Assert.Contains("validé par les signataires", await secretariat.Locator("dl.facts").InnerTextAsync(), StringComparison.Ordinal);
        await RenderPdfAsync(secretariat, reportUrl + "?handler=Document&format=pdf", "44-bilan-2021-pdf", 3);

        await secretariat.GotoAsync(reportUrl.Replace("/bilans/2021", "/programmes/2022", StringComparison.Ordinal));
        await secretariat.AssertAccessibleAsync();
        await secretariat.ScreenshotAsync("45-programme-2022");
        await secretariat.GotoAsync(reportUrl.Replace("/bilans/2021", "/donnees-ouvertes", StringComparison.Ordinal));
        await secretariat.AssertAccessibleAsync();
        await secretariat.ScreenshotAsync("46-donnees-ouvertes");
    }
}
