using System.Net;
using System.Net.Http.Headers;
using Copil.Web.Api;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.ActionSheets;

public abstract class AttachmentTests(CopilFactory factory)
{
    private static MultipartFormDataContent Form(byte[] bytes, string name, string? description = null)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        var form = new MultipartFormDataContent { { file, "file", name } };
        if (description is not null)
        {
            form.Add(new StringContent(description), "description");
        }

        return form;
    }

    private async Task<(ActionScenario Scenario, string Url)> SheetAsync()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content()))).ReadAsync<ActionSheetDto>();
        return (s, $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}/attachments");
    }

    [Fact]
    public async Task A_pdf_is_stored_checked_by_content_and_downloaded_under_a_safe_name()
    {
        var (_, url) = await SheetAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var pdf = "%PDF-1.4\n% facture\n"u8.ToArray();

        var created = await carrier.PostAsync(url, Form(pdf, "../Facture n°12 (juin)*.PDF", "Facture de la salle"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var attachment = await created.ReadAsync<AttachmentDto>();
        Assert.Equal(("application/pdf", "Facture n_12 _juin.pdf"), (attachment.ContentType, attachment.FileName));
        var download = await carrier.GetAsync($"{url}/{attachment.Id}");
        Assert.Equal(pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_file_that_is_not_what_its_extension_says_is_refused()
    {
        var (_, url) = await SheetAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);

        var exe = await carrier.PostAsync(url, Form("MZ\u0090\u0000 programme"u8.ToArray(), "facture.pdf"));
        var fakeDocx = await carrier.PostAsync(url, Form("PK\u0003\u0004 pas un document"u8.ToArray(), "rapport.docx"));
        var huge = await carrier.PostAsync(url, Form([.. "%PDF-1.4"u8, .. new byte[11 * 1024 * 1024]], "gros.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, exe.StatusCode);
        Assert.Contains("n'est pas d'un type accepté", await exe.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, fakeDocx.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Empty(await (await carrier.GetAsync(url)).ReadAsync<List<AttachmentDto>>());
    }

    [Fact]
    public async Task A_real_office_document_is_accepted()
    {
        var (_, url) = await SheetAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var docx = Copil.Web.Documents.DocxRenderer.Render(new Copil.Web.Documents.Doc("En-tête", "Titre", "Sous-titre", [], "Pied"));

        var created = await carrier.PostAsync(url, Form(docx, "programme.docx"));

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    [Fact]
    public async Task Only_the_carrier_or_the_secretariat_attaches_files()
    {
        var (_, url) = await SheetAsync();
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        await secretariat.PostJsonAsync(url.Replace("/attachments", "/submit", StringComparison.Ordinal), new VersionInput(null));
        using var reader = await factory.ApiAsync(Scenario.Reader);

        var response = await reader.PostAsync(url, Form("%PDF-1.4"u8.ToArray(), "a.pdf"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync(url)).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AttachmentOnSqliteTests(SqliteFactory factory) : AttachmentTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AttachmentOnPostgresTests(PostgresFactory factory) : AttachmentTests(factory);
