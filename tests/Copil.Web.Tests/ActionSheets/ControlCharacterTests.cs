using System.Net;
using Copil.Web.Api;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Tests.ActionSheets;

/// <summary>A control character pasted into a title is refused where it enters; one stored before that rule still exports everywhere.</summary>
public abstract class ControlCharacterTests(CopilFactory factory)
{
    [Fact]
    public async Task A_title_with_a_control_character_is_refused_by_the_api_and_the_form_and_nothing_is_saved()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var before = await factory.WithDbAsync(db => db.ActionSheets.CountAsync(x => x.AgreementId == s.Id));

        var api = await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content() with { Title = "Forum\vdes métiers" }));
        using var pages = await factory.SignedInAsync(ActionScenario.Carrier);
        var form = await pages.SubmitFormAsync($"/conventions/{s.Id}/fiches/nouvelle", new Dictionary<string, string> { ["Input.Title"] = "Forum\vdes métiers" });

        Assert.Equal(HttpStatusCode.BadRequest, api.StatusCode);
        var problem = await api.Content.ReadAsStringAsync();
        Assert.Contains("\"content.title\"", problem, StringComparison.Ordinal);
        Assert.Contains("caractère invisible", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, form.StatusCode);
        // The form is shown again, the message next to the field, the summary linking to it, the text as typed.
        var page = await Http.ParseAsync(form);
        Assert.Contains("caractère invisible", page.QuerySelector("#Input_Title-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("#Input_Title", page.QuerySelector(".error-summary a")!.GetAttribute("href"));
        Assert.Equal("Forum\vdes métiers", page.QuerySelector("#Input_Title")!.GetAttribute("value"));
        Assert.Equal(before, await factory.WithDbAsync(db => db.ActionSheets.CountAsync(x => x.AgreementId == s.Id)));
    }

    [Fact]
    public async Task A_sheet_stored_with_a_control_character_still_exports_to_every_format()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content() with { Title = "Forum des metiers" }))).ReadAsync<ActionSheetDto>();
        await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}/submit", new VersionInput(null));
        // As a row written before the rule existed: the title column and the JSON of every version.
        await factory.WithDbAsync(async db =>
        {
            await db.ActionSheets.Where(x => x.Id == sheet.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.Title, "Forum\vdes\u0001 metiers"));
            return await db.Database.ExecuteSqlRawAsync(
                "UPDATE \"ActionSheetVersions\" SET \"Content\" = REPLACE(\"Content\", 'Forum des metiers', 'Forum\\u000Bdes\\u0001 metiers') WHERE \"ActionSheetId\" = {0}", sheet.Id);
        });
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var pages = await factory.SignedInAsync(Scenario.Secretariat);
        var sheetUrl = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}";

        foreach (var (client, url) in new[]
                 {
                     (secretariat, $"{sheetUrl}/document?format=pdf"), (secretariat, $"{sheetUrl}/document?format=docx"),
                     (secretariat, $"/api/v1/agreements/{s.Id}/action-sheets/export?format=csv"), (secretariat, $"/api/v1/agreements/{s.Id}/action-sheets/export?format=xlsx"),
                     (pages, $"/conventions/{s.Id}/echeancier?handler=Ics"), (pages, $"/conventions/{s.Id}/fiches/{sheet.Id}"),
                 })
        {
            var response = await client.GetAsync(url);
            var bytes = await response.Content.ReadAsByteArrayAsync();

            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode}");
            Assert.True(bytes.Length > 0, url);
            if (url.Contains("format=pdf", StringComparison.Ordinal))
            {
                Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
            }
            else if (url.Contains("format=docx", StringComparison.Ordinal) || url.Contains("format=xlsx", StringComparison.Ordinal))
            {
                // Every part of the package is well-formed XML (an XML reader refuses a control character).
                using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
                foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".xml", StringComparison.Ordinal)))
                {
                    using var stream = entry.Open();
                    Assert.NotNull(System.Xml.Linq.XDocument.Load(stream));
                }
            }
            else
            {
                Assert.DoesNotContain((byte)0x0B, bytes);
                Assert.DoesNotContain((byte)0x01, bytes);
            }
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteControlCharacterTests(SqliteFactory factory) : ControlCharacterTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresControlCharacterTests(PostgresFactory factory) : ControlCharacterTests(factory);
