using System.Diagnostics;
using System.Net;
using Copil.Web.Api;
using Copil.Web.Data;
using Copil.Web.Features.ActionSheets;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.ActionSheets;

/// <summary>The first demo action of the seed agreement (n° 1, the one lived in full) as PDF, DOCX, and the list as CSV and XLSX.</summary>
[Collection(SqliteCollection.Name)]
public sealed class DocumentTests(SqliteFactory factory)
{
    private async Task<(HttpClient Api, string Url)> DemoActionAsync()
    {
        var seed = await factory.SeedAgreementIdAsync();
        var api = await factory.ApiAsync(Scenario.Secretariat);
        var list = await (await api.GetAsync($"/api/v1/agreements/{seed}/action-sheets")).ReadAsync<ActionSheetPage>();
        return (api, $"/api/v1/agreements/{seed}/action-sheets/{list.Rows.Single(r => r.Number == 1).Id}");
    }

    private static string PdfText(byte[] pdf)
    {
        var file = Path.GetTempFileName();
        File.WriteAllBytes(file, pdf);
        using var process = Process.Start(new ProcessStartInfo("pdftotext", ["-layout", file, "-"]) { RedirectStandardOutput = true })!;
        var text = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        File.Delete(file);
        return text;
    }

    [Fact]
    public async Task The_demo_action_of_the_seed_agreement_lived_its_whole_life()
    {
        var (api, url) = await DemoActionAsync();

        var sheet = await (await api.GetAsync(url)).ReadAsync<ActionSheetDto>();

        Assert.Equal(Copil.Domain.Actions.ActionStatus.ReportAccepted, sheet.Status);
        Assert.Equal(28_350_00, sheet.AmountDueCents);
        api.Dispose();
    }

    [Fact]
    public async Task The_sheet_pdf_names_the_agreement_the_articles_and_the_partnership()
    {
        var (api, url) = await DemoActionAsync();

        var response = await api.GetAsync($"{url}/document?format=pdf");

        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("fiche-action-1.pdf", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        var text = PdfText(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("Fiche action prévisionnelle n° 1", text, StringComparison.Ordinal);
        Assert.Contains("Convention de coopération " + DemoData.SeedReference, text, StringComparison.Ordinal);
        Assert.Contains("(art. 15)", text, StringComparison.Ordinal);
        Assert.Contains("Action conduite dans le cadre de la convention de coopération entre MENJS, MESRI, OPCO Mobilités", text, StringComparison.Ordinal);
        Assert.Contains("34 350,00 €", text.Replace('\u202F', ' '), StringComparison.Ordinal);
        api.Dispose();
    }

    [Fact]
    public async Task The_report_pdf_shows_the_amount_due_and_the_docx_opens()
    {
        var (api, url) = await DemoActionAsync();

        var pdf = PdfText(await api.GetByteArrayAsync($"{url}/document?format=pdf&kind=report"));
        var docx = await api.GetAsync($"{url}/document?format=docx&kind=report");

        Assert.Contains("Fiche de réalisation — action n° 1", pdf, StringComparison.Ordinal);
        Assert.Contains("28 350,00 €", pdf.Replace('\u202F', ' '), StringComparison.Ordinal);
        using var word = DocumentFormat.OpenXml.Packaging.WordprocessingDocument.Open(await docx.Content.ReadAsStreamAsync(), false);
        Assert.Contains("Montant dû", word.MainDocumentPart!.Document.Body!.InnerText, StringComparison.Ordinal);
        // Pages numbered « page x sur y »: drawn once the count is known in the PDF, Word's fields in the DOCX footer, which is valid.
        Assert.Matches(@"page 1 sur [1-9]", pdf);
        Assert.Contains(" NUMPAGES ", word.MainDocumentPart.FooterParts.Single().Footer!.Descendants<DocumentFormat.OpenXml.Wordprocessing.SimpleField>().Select(f => f.Instruction?.Value));
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word.MainDocumentPart.FooterParts.Single()).Select(e => $"{e.Path?.XPath}: {e.Description}"));
        api.Dispose();
    }

    [Fact]
    public async Task The_list_exports_as_csv_and_xlsx()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);

        var csv = await api.GetByteArrayAsync($"/api/v1/agreements/{seed}/action-sheets/export?format=csv");
        var xlsx = await api.GetAsync($"/api/v1/agreements/{seed}/action-sheets/export?format=xlsx");
        var unknown = await api.GetAsync($"/api/v1/agreements/{seed}/action-sheets/export?format=odt");

        var text = System.Text.Encoding.UTF8.GetString(csv);
        Assert.StartsWith("\uFEFFN°;Intitulé;Porteur;État", text, StringComparison.Ordinal);
        Assert.Contains("Forum des métiers de la mobilité en Normandie", text, StringComparison.Ordinal);
        using var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(await xlsx.Content.ReadAsStreamAsync(), false);
        Assert.Contains("Forum des métiers", workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.InnerText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }
}
