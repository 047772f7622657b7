using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Copil.Web.Api;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.ActionSheets;

public sealed class AntivirusSqliteFactory : SqliteFactory
{
    public TestClamd Clamd { get; } = new();

    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Antivirus:Clamd", $"unix:{Clamd.Socket}")];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Clamd?.Dispose();
    }
}

public sealed class AntivirusPostgresFactory : PostgresFactory
{
    public TestClamd Clamd { get; } = new();

    protected override IEnumerable<(string Key, string Value)> ExtraSettings => [("Antivirus:Clamd", $"unix:{Clamd.Socket}")];

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Clamd?.Dispose();
    }
}

/// <summary>
/// Uploads through a real ClamAV daemon: the EICAR test file is refused wherever it hides (a PDF, a part of a DOCX);
/// a decompression bomb and the old binary Office formats are refused; an antivirus that is down refuses, never lets
/// through. Nothing refused is stored.
/// </summary>
public abstract class UploadSecurityTests(CopilFactory factory, TestClamd clamd)
{
    private static MultipartFormDataContent Form(byte[] bytes, string name)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", name } };
    }

    private static byte[] Docx(params (string Name, byte[] Content)[] parts)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in parts.Prepend(("[Content_Types].xml", "<Types/>"u8.ToArray())))
            {
                using var entry = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                entry.Write(content);
            }
        }

        return memory.ToArray();
    }

    private async Task<string> AttachmentsUrlAsync()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content()))).ReadAsync<ActionSheetDto>();
        return $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}/attachments";
    }

    [Fact]
    public async Task The_eicar_test_file_is_refused_wherever_it_hides_and_a_clean_file_goes_through()
    {
        var url = await AttachmentsUrlAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);

        var bare = await carrier.PostAsync(url, Form(TestClamd.Eicar, "eicar.com"));
        var inPdf = await carrier.PostAsync(url, Form([.. "%PDF-1.4\n"u8, .. TestClamd.Eicar], "facture.pdf"));
        var inDocx = await carrier.PostAsync(url, Form(Docx(("word/document.xml", TestClamd.Eicar)), "rapport.docx"));
        var clean = await carrier.PostAsync(url, Form("%PDF-1.4\n% facture propre\n"u8.ToArray(), "propre.pdf"));

        Assert.Equal(HttpStatusCode.BadRequest, bare.StatusCode);
        foreach (var infected in new[] { inPdf, inDocx })
        {
            Assert.Equal(HttpStatusCode.BadRequest, infected.StatusCode);
            Assert.Contains($"Ce fichier contient un virus ou un code malveillant ({TestClamd.Signature}", await infected.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.Created, clean.StatusCode);
        Assert.Single(await Http.OkAsync<List<AttachmentDto>>(await carrier.GetAsync(url)));
    }

    [Fact]
    public async Task A_decompression_bomb_and_the_old_binary_office_formats_are_refused()
    {
        var url = await AttachmentsUrlAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);

        // 120 MB of zeros compress to about 120 KB: accepted by size, refused once expanded.
        var bomb = await carrier.PostAsync(url, Form(Docx(("word/document.xml", new byte[120 * 1024 * 1024])), "bombe.docx"));
        var legacy = await carrier.PostAsync(url, Form([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. new byte[512]], "ancien.doc"));

        Assert.Equal(HttpStatusCode.BadRequest, bomb.StatusCode);
        Assert.Contains("bombes de décompression", await bomb.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, legacy.StatusCode);
        Assert.Contains("Les anciens formats Office (.doc, .xls, .ppt) ne sont pas acceptés", await legacy.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Http.OkAsync<List<AttachmentDto>>(await carrier.GetAsync(url)));
    }

    [Fact]
    public async Task With_the_antivirus_down_an_upload_is_refused_with_a_reason_never_stored_unscanned()
    {
        var url = await AttachmentsUrlAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        clamd.Stop();
        HttpResponseMessage refused;
        try
        {
            refused = await carrier.PostAsync(url, Form("%PDF-1.4\n% facture\n"u8.ToArray(), "facture.pdf"));
        }
        finally
        {
            clamd.Start();
        }

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("L'analyse antivirus est momentanément indisponible", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(await Http.OkAsync<List<AttachmentDto>>(await carrier.GetAsync(url)));
    }
}

public sealed class SqliteUploadSecurityTests(AntivirusSqliteFactory factory) : UploadSecurityTests(factory, factory.Clamd), IClassFixture<AntivirusSqliteFactory>;

public sealed class PostgresUploadSecurityTests(AntivirusPostgresFactory factory) : UploadSecurityTests(factory, factory.Clamd), IClassFixture<AntivirusPostgresFactory>;
