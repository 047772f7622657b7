using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Copil.Domain.Agreements;
using Copil.Web.Api;
using Copil.Web.Features.Attachments;
using Copil.Web.Features.Notifications;
using Copil.Web.Infrastructure;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace Copil.Web.Tests.Data;

/// <summary>
/// The backup drill: writes go on through the API while a backup is taken; the archive is restored into an empty
/// database, and a fresh instance started on it has every write acknowledged before the backup began, every file with
/// its hash, and holds the e-mails that were waiting.
/// </summary>
public abstract class BackupDrillTests(CopilFactory factory)
{
    private static readonly IConfiguration NoSettings = new ConfigurationBuilder().Build();

    /// <summary>A connection string to a database that does not exist yet (SQLite) or is empty (PostgreSQL).</summary>
    protected abstract string EmptyDatabase();

    private Backup BackupOf(string connectionString) => new(factory.Provider, connectionString, NoSettings, NullLogger.Instance);

    [Fact]
    public async Task A_backup_taken_during_writes_restores_every_acknowledged_write_and_every_file_into_a_fresh_instance()
    {
        // Files: attachments of a submitted sheet (its submission queues e-mails to the reviewers).
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content()))).ReadAsync<ActionSheetDto>();
        var files = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}/attachments";
        var uploaded = new List<(Guid Id, byte[] Content)>();
        for (var i = 0; i < 3; i++)
        {
            byte[] pdf = [.. "%PDF-1.4\n"u8, .. System.Security.Cryptography.RandomNumberGenerator.GetBytes(200_000)];
            var file = new ByteArrayContent(pdf);
            file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            var created = await carrier.PostAsync(files, new MultipartFormDataContent { { file, "file", $"piece-{i}.pdf" } });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            uploaded.Add(((await created.ReadAsync<AttachmentDto>()).Id, pdf));
        }

        Assert.True((await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}/submit", new VersionInput(null))).IsSuccessStatusCode);

        // Writes: agreements created one after the other, each noted once the API has answered 201.
        using var admin = await factory.ApiAsync(Scenario.Admin);
        var acknowledged = new ConcurrentQueue<string>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                var reference = $"SAUV-{Guid.NewGuid():N}"[..18].ToUpperInvariant();
                var response = await admin.PostJsonAsync("/api/v1/agreements", new AgreementInput(reference, "Convention écrite pendant la sauvegarde", null, new DateOnly(2025, 6, 2), "Paris",
                    36, "art. 17", RenewalPolicy.None, EndOfTermRule.DayBeforeAnniversary, "art. 13", null, null, null));
                if (response.StatusCode == HttpStatusCode.Created)
                {
                    acknowledged.Enqueue(reference);
                }
            }
        });
        while (acknowledged.Count < 5)
        {
            await Task.Delay(10);
        }

        var beforeBackup = acknowledged.ToList();
        var folder = Directory.CreateTempSubdirectory("copil-drill-").FullName;
        var archive = Path.Combine(folder, "copil.zip");
        var manifest = await BackupOf(factory.ConnectionString).CreateAsync(archive, factory.Clock);
        await stop.CancelAsync();
        await writer;

        var target = EmptyDatabase();
        var restored = await BackupOf(target).RestoreAsync(archive, factory.Clock);
        Assert.Equal(manifest.DatabaseSha256, restored.DatabaseSha256);
        Assert.Equal(manifest.Rows.ToList(), restored.Rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList());
        Assert.Equal(manifest.Files, restored.Files);

        await using (var db = Backup.Open(factory.Provider, target))
        {
            var references = await db.Agreements.Select(a => a.Reference).ToListAsync();
            Assert.All(beforeBackup, r => Assert.Contains(r, references));
            foreach (var (id, content) in uploaded)
            {
                Assert.Equal(content, await db.Set<StoredFile>().Where(f => f.Id == id).Select(f => f.Content).SingleAsync());
                Assert.Contains(manifest.Files, f => f.Id == id && f.Sha256 == Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(content)));
            }

            // Nothing is sent again behind anyone's back: what waited at backup time is held.
            Assert.True(manifest.PendingEmails >= 2, $"{manifest.PendingEmails} e-mails pending");
            Assert.Equal(0, await db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending));
            Assert.Equal(manifest.PendingEmails, await db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Held));
        }

        // A second restore into the same database is refused and changes nothing.
        var again = await Assert.ThrowsAsync<BackupException>(() => BackupOf(target).RestoreAsync(archive, factory.Clock));
        Assert.Contains("restaurez dans", again.Message, StringComparison.Ordinal);

        // An altered archive, or a file that is no archive at all, is refused before anything is written.
        var altered = Path.Combine(folder, "alteree.zip");
        File.Copy(archive, altered);
        using (var zip = System.IO.Compression.ZipFile.Open(altered, System.IO.Compression.ZipArchiveMode.Update))
        {
            var entry = zip.GetEntry("manifest.json")!;
            string text;
            using (var reader = new StreamReader(entry.Open()))
            {
                text = await reader.ReadToEndAsync();
            }

            entry.Delete();
            await using var rewritten = new StreamWriter(zip.CreateEntry("manifest.json").Open());
            await rewritten.WriteAsync(text.Replace(manifest.DatabaseSha256, new string('0', 64), StringComparison.Ordinal));
        }

        var notArchive = Path.Combine(folder, "texte.zip");
        await File.WriteAllTextAsync(notArchive, "pas une archive");
        var untouched = EmptyDatabase();
        Assert.Contains("archive altérée", (await Assert.ThrowsAsync<BackupException>(() => BackupOf(untouched).RestoreAsync(altered, factory.Clock))).Message, StringComparison.Ordinal);
        Assert.Contains("n'est pas une archive zip lisible", (await Assert.ThrowsAsync<BackupException>(() => BackupOf(untouched).RestoreAsync(notArchive, factory.Clock))).Message, StringComparison.Ordinal);
        // Still empty: the real archive restores into it.
        await BackupOf(untouched).RestoreAsync(archive, factory.Clock);

        // A fresh instance on the restored database serves the files.
        await using var fresh = new RestoredFactory(factory.Provider, target);
        using var restoredCarrier = await fresh.ApiAsync(ActionScenario.Carrier);
        var download = await restoredCarrier.GetAsync($"{files}/{uploaded[0].Id}");
        Assert.Equal(uploaded[0].Content, await download.Content.ReadAsByteArrayAsync());
        using var restoredAdmin = await fresh.SignedInAsync(Scenario.Admin);
        var held = await restoredAdmin.GetPageAsync("/admin/envois?etat=retenus");
        Assert.Contains("Retenu à la restauration", held.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
    }

    private sealed class RestoredFactory(string provider, string connectionString) : CopilFactory
    {
        public override string Provider => provider;

        public override string ConnectionString => connectionString;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class BackupDrillOnSqliteTests(SqliteFactory factory) : BackupDrillTests(factory)
{
    protected override string EmptyDatabase() => $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("copil-restored-").FullName, "copil.db")}";
}

[Collection(PostgresCollection.Name)]
public sealed class BackupDrillOnPostgresTests(PostgresFactory factory) : BackupDrillTests(factory)
{
    protected override string EmptyDatabase() => PostgresFactory.CreateDatabase($"copil_restored_{Guid.NewGuid():N}");
}
