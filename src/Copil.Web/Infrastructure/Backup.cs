using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Copil.Web.Data;
using Copil.Web.Features.Attachments;
using Copil.Web.Features.Notifications;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Copil.Web.Infrastructure;

/// <summary>What a backup holds, written as <c>manifest.json</c> in the archive and checked again at restore.</summary>
public sealed record BackupManifest(
    string Format, DateTime CreatedAtUtc, string Provider, string DatabaseEntry, string DatabaseSha256,
    SortedDictionary<string, long> Rows, List<BackupFile> Files, int PendingEmails)
{
    public const string CurrentFormat = "copil-backup/1";
}

/// <summary>A stored file (attachment or meeting document) and its SHA-256, as read from the backed-up database.</summary>
public sealed record BackupFile(Guid Id, long Size, string Sha256);

/// <summary>
/// One archive (zip) that holds everything Copil keeps: the database — SQLite through its online backup, PostgreSQL
/// through <c>pg_dump</c> in one snapshot — which holds the stored files too, and a manifest of row counts and file
/// hashes read from that same copy. Restore goes into an empty database only, checks the counts and hashes again, and
/// holds every e-mail that was still waiting at backup time (docs/operations.md).
/// </summary>
public sealed class Backup(string provider, string connectionString, IConfiguration configuration, ILogger logger)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public bool IsSqlite => string.Equals(provider, DatabaseSetup.Sqlite, StringComparison.OrdinalIgnoreCase);

    public static CopilDbContext Open(string provider, string connectionString) =>
        string.Equals(provider, DatabaseSetup.Sqlite, StringComparison.OrdinalIgnoreCase)
            ? new SqliteCopilDbContext(new DbContextOptionsBuilder<SqliteCopilDbContext>().UseSqlite(connectionString).Options)
            : new PostgresCopilDbContext(new DbContextOptionsBuilder<PostgresCopilDbContext>().UseNpgsql(connectionString).Options);

    public async Task<BackupManifest> CreateAsync(string archivePath, TimeProvider clock, CancellationToken ct = default)
    {
        var work = Directory.CreateTempSubdirectory("copil-backup-").FullName;
        try
        {
            string entry, dump;
            (SortedDictionary<string, long> Rows, List<BackupFile> Files, int Pending) contents;
            if (IsSqlite)
            {
                entry = "copil.db";
                dump = Path.Combine(work, entry);
                using (var source = new SqliteConnection(connectionString))
                using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dump, Pooling = false }.ToString()))
                {
                    await source.OpenAsync(ct);
                    await copy.OpenAsync(ct);
                    // SQLite's online backup: one consistent copy, writers go on meanwhile (WAL).
                    source.BackupDatabase(copy);
                }

                await using var db = Open(provider, new SqliteConnectionStringBuilder { DataSource = dump, Pooling = false }.ToString());
                contents = await ReadContentsAsync(db, ct);
            }
            else
            {
                entry = "copil.pgdump";
                dump = Path.Combine(work, entry);
                // The counts and the dump read one snapshot: the manifest describes exactly what the dump holds.
                await using var db = Open(provider, connectionString);
                await db.Database.OpenConnectionAsync(ct);
                await using var snapshot = await db.Database.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
                var snapshotId = await db.Database.SqlQueryRaw<string>("SELECT pg_export_snapshot() AS \"Value\"").SingleAsync(ct);
                contents = await ReadContentsAsync(db, ct);
                await RunPgAsync("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshotId}", "--file", dump], ct);
            }

            var manifest = new BackupManifest(BackupManifest.CurrentFormat, clock.GetUtcNow().UtcDateTime, IsSqlite ? DatabaseSetup.Sqlite : DatabaseSetup.PostgreSql,
                entry, await HashFileAsync(dump, ct), contents.Rows, contents.Files, contents.Pending);
            var directory = Path.GetDirectoryName(Path.GetFullPath(archivePath))!;
            Directory.CreateDirectory(directory);
            var partial = archivePath + ".partial";
            using (var zip = ZipFile.Open(partial, ZipArchiveMode.Create))
            {
                zip.CreateEntryFromFile(dump, entry, CompressionLevel.Fastest);
                var written = zip.CreateEntry("manifest.json");
                await using var stream = written.Open();
                await JsonSerializer.SerializeAsync(stream, manifest, Json, ct);
            }

            // A backup exists whole or not at all.
            File.Move(partial, archivePath, overwrite: true);
            return manifest;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Restores an archive into this (empty) database; returns the manifest, checked against what was restored.</summary>
    public async Task<BackupManifest> RestoreAsync(string archivePath, TimeProvider clock, CancellationToken ct = default)
    {
        var work = Directory.CreateTempSubdirectory("copil-restore-").FullName;
        try
        {
            using var zip = OpenArchive(archivePath);
            BackupManifest manifest;
            await using (var stream = (zip.GetEntry("manifest.json") ?? throw new BackupException("Cette archive n'a pas de manifeste : ce n'est pas une sauvegarde Copil.")).Open())
            {
                try
                {
                    manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct) ?? throw new BackupException("Le manifeste de l'archive est vide.");
                }
                catch (JsonException)
                {
                    throw new BackupException("Le manifeste de l'archive est illisible : ce n'est pas une sauvegarde Copil, ou elle est altérée. Rien n'a été restauré.");
                }
            }

            if (manifest.Format != BackupManifest.CurrentFormat)
            {
                throw new BackupException($"Format de sauvegarde inconnu : {manifest.Format}.");
            }

            var expected = IsSqlite ? DatabaseSetup.Sqlite : DatabaseSetup.PostgreSql;
            if (manifest.Provider != expected)
            {
                throw new BackupException($"Cette sauvegarde vient d'une base {manifest.Provider} ; la base configurée est {expected}. Restaurez dans une base du même type.");
            }

            var dump = Path.Combine(work, manifest.DatabaseEntry);
            (zip.GetEntry(manifest.DatabaseEntry) ?? throw new BackupException($"L'archive ne contient pas {manifest.DatabaseEntry}.")).ExtractToFile(dump);
            if (await HashFileAsync(dump, ct) != manifest.DatabaseSha256)
            {
                throw new BackupException("L'empreinte de la base dans l'archive ne correspond pas au manifeste : archive altérée, rien n'a été restauré.");
            }

            await EnsureEmptyAsync(ct);
            if (IsSqlite)
            {
                var target = new SqliteConnectionStringBuilder(connectionString).DataSource;
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
                SqliteConnection.ClearAllPools();
                File.Copy(dump, target, overwrite: true);
                foreach (var side in new[] { "-wal", "-shm" })
                {
                    File.Delete(target + side);
                }
            }
            else
            {
                await RunPgAsync("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", dump], ct);
            }

            await using var db = Open(provider, connectionString);
            await DatabaseSetup.MigrateAsync(db, ct);
            var restored = await ReadContentsAsync(db, ct);
            var differences = manifest.Rows.Where(r => !restored.Rows.TryGetValue(r.Key, out var count) || count != r.Value).Select(r => $"{r.Key} : {r.Value} attendues").ToList();
            if (differences.Count > 0 || !restored.Files.SequenceEqual(manifest.Files))
            {
                throw new BackupException($"La base restaurée ne correspond pas au manifeste ({string.Join(", ", differences.DefaultIfEmpty("fichiers joints différents"))}).");
            }

            // E-mails waiting at backup time may have left the live instance since: an administrator decides.
            var note = $"Retenu à la restauration du {Clock.ToParis(clock.GetUtcNow().UtcDateTime):dd/MM/yyyy à HH:mm} (sauvegarde du {Clock.ToParis(manifest.CreatedAtUtc):dd/MM/yyyy à HH:mm}) : il a pu partir entre-temps. Envoyez-le ou abandonnez-le.";
            await db.Set<OutboxMessage>().Where(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Held).SetProperty(m => m.LeaseOwner, (string?)null)
                    .SetProperty(m => m.LeaseUntilUtc, (DateTime?)null).SetProperty(m => m.LastError, note), ct);
            return manifest;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(work, recursive: true);
        }
    }

    private static ZipArchive OpenArchive(string path)
    {
        try
        {
            return ZipFile.OpenRead(path);
        }
        catch (InvalidDataException)
        {
            throw new BackupException($"{path} n'est pas une archive zip lisible : ce n'est pas une sauvegarde Copil, ou elle est tronquée. Rien n'a été restauré.");
        }
    }

    private async Task EnsureEmptyAsync(CancellationToken ct)
    {
        if (IsSqlite)
        {
            var target = new SqliteConnectionStringBuilder(connectionString).DataSource;
            if (File.Exists(target) && new FileInfo(target).Length > 0)
            {
                throw new BackupException($"La base {target} existe déjà : restaurez dans un fichier neuf (ou déplacez celui-ci), rien n'a été modifié.");
            }

            return;
        }

        await using var db = Open(provider, connectionString);
        var tables = await db.Database.SqlQueryRaw<long>("SELECT COUNT(*) AS \"Value\" FROM information_schema.tables WHERE table_schema = 'public'").SingleAsync(ct);
        if (tables > 0)
        {
            throw new BackupException("La base PostgreSQL configurée contient déjà des tables : restaurez dans une base neuve (CREATE DATABASE), rien n'a été modifié.");
        }
    }

    private static async Task<(SortedDictionary<string, long> Rows, List<BackupFile> Files, int Pending)> ReadContentsAsync(CopilDbContext db, CancellationToken ct)
    {
        var rows = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct())
        {
#pragma warning disable EF1002 // Table names come from the model, not from input.
            rows[table] = await db.Database.SqlQueryRaw<long>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync(ct);
#pragma warning restore EF1002
        }

        var files = new List<BackupFile>();
        await foreach (var file in db.Set<StoredFile>().AsNoTracking().OrderBy(f => f.Id).AsAsyncEnumerable().WithCancellation(ct))
        {
            files.Add(new BackupFile(file.Id, file.Content.LongLength, Convert.ToHexString(SHA256.HashData(file.Content))));
        }

        var pending = await db.Set<OutboxMessage>().CountAsync(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending, ct);
        return (rows, files, pending);
    }

    private static async Task<string> HashFileAsync(string path, CancellationToken ct)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>
    /// The PostgreSQL client tool (<c>Backup:PgBin</c>, else the newest <c>/usr/lib/postgresql/*/bin</c>, else the
    /// PATH), run with the connection in its environment so that the password never shows in a process list.
    /// </summary>
    private async Task RunPgAsync(string tool, IEnumerable<string> arguments, CancellationToken ct)
    {
        var executable = FindPgTool(tool, configuration["Backup:PgBin"])
            ?? throw new BackupException($"{tool} est introuvable : installez le client PostgreSQL (paquet postgresql-client, de la version du serveur ou plus récent) ou indiquez son dossier dans Backup:PgBin. La sauvegarde PostgreSQL passe par {tool}.");
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PGHOST"] = settings.Host;
        start.Environment["PGPORT"] = settings.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = settings.Username;
        start.Environment["PGDATABASE"] = settings.Database;
        if (!string.IsNullOrEmpty(settings.Password))
        {
            start.Environment["PGPASSWORD"] = settings.Password;
        }

        if (tool == "pg_restore")
        {
            start.ArgumentList.Add($"--dbname={settings.Database}");
        }

        using var process = Process.Start(start) ?? throw new BackupException($"{tool} n'a pas pu être lancé.");
        var error = process.StandardError.ReadToEndAsync(ct);
        await process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new BackupException($"{tool} a échoué (code {process.ExitCode}) : {(await error).Trim()}");
        }

        logger.LogInformation("{Tool} terminé", tool);
    }

    public static string? FindPgTool(string tool, string? configuredFolder)
    {
        var candidates = new List<string>();
        if (!string.IsNullOrWhiteSpace(configuredFolder))
        {
            candidates.Add(Path.Combine(configuredFolder, tool));
        }

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            candidates.AddRange(Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => int.TryParse(Path.GetFileName(d), out var v) ? v : 0).Select(d => Path.Combine(d, "bin", tool)));
        }

        candidates.AddRange((Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Select(p => Path.Combine(p, tool)));
        return candidates.FirstOrDefault(File.Exists);
    }
}

/// <summary>A backup or restore that cannot go on; its message, in French, says why and what to do.</summary>
public sealed class BackupException(string message) : Exception(message);
