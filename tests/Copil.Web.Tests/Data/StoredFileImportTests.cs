using System.Security.Cryptography;
using Copil.Web.Features.Attachments;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;

namespace Copil.Web.Tests.Data;

/// <summary>Files that earlier versions wrote on disk move into the database at start-up, checked against their hash.</summary>
public abstract class StoredFileImportTests(CopilFactory factory)
{
    [Fact]
    public async Task Files_left_on_disk_are_moved_into_the_database_and_an_altered_one_stays_out()
    {
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var sheetId = (await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new Copil.Web.Api.ActionSheetInput(null, s.Content()))).ReadAsync<Copil.Web.Api.ActionSheetDto>()).Id;
        var folder = Directory.CreateTempSubdirectory("copil-old-files-").FullName;
        byte[] good = [.. "%PDF-1.4\n"u8, .. RandomNumberGenerator.GetBytes(1000)];
        byte[] altered = [.. "%PDF-1.4\n"u8, .. RandomNumberGenerator.GetBytes(1000)];
        var (goodId, alteredId, missingId) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await factory.WithDbAsync(async db =>
        {
            foreach (var (id, content) in new[] { (goodId, good), (alteredId, altered), (missingId, good) })
            {
                db.Set<Attachment>().Add(new Attachment
                {
                    Id = id,
                    AgreementId = s.Id,
                    ActionSheetId = sheetId,
                    FileName = "ancien.pdf",
                    ContentType = "application/pdf",
                    Size = content.Length,
                    Sha256 = Convert.ToHexString(SHA256.HashData(content)),
                    UploadedAtUtc = CopilFactory.Now.UtcDateTime,
                    UploadedBy = "test",
                });
            }

            return await db.SaveChangesAsync();
        });
        await File.WriteAllBytesAsync(Path.Combine(folder, goodId.ToString("N")), good);
        await File.WriteAllBytesAsync(Path.Combine(folder, alteredId.ToString("N")), [.. altered.Take(500)]);

        var (moved, missing) = await factory.WithScopeAsync(sp => StoredFileImport.RunAsync(sp.GetRequiredService<Copil.Web.Data.CopilDbContext>(),
            new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Attachments:Path"] = folder }).Build(),
            sp.GetRequiredService<IHostEnvironment>(), NullLogger.Instance));

        Assert.Equal((1, 2), (moved, missing));
        Assert.Equal(good, await factory.WithDbAsync(db => db.Set<StoredFile>().Where(f => f.Id == goodId).Select(f => f.Content).SingleAsync()));
        Assert.False(File.Exists(Path.Combine(folder, goodId.ToString("N"))));
        Assert.True(File.Exists(Path.Combine(folder, alteredId.ToString("N"))));
        Assert.False(await factory.WithDbAsync(db => db.Set<StoredFile>().AnyAsync(f => f.Id == alteredId || f.Id == missingId)));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class StoredFileImportOnSqliteTests(SqliteFactory factory) : StoredFileImportTests(factory);
