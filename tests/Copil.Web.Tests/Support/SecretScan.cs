using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Tests.Support;

/// <summary>Searches everything Copil keeps — every table, the SQLite files byte by byte, its logs, given folders — for secrets in clear.</summary>
public static class SecretScan
{
    /// <summary>Where each secret was found ("table X", "log line", a file): empty when none is anywhere.</summary>
    public static async Task<List<string>> WhereAsync(CopilFactory factory, IReadOnlyCollection<string> secrets, params string[] folders)
    {
        Assert.NotEmpty(secrets);
        var found = new List<string>();
        void Look(string where, string text)
        {
            found.AddRange(secrets.Where(s => text.Contains(s, StringComparison.Ordinal)).Select(s => $"{where.Replace(s, s[..6] + "…", StringComparison.Ordinal)} holds {s[..6]}…"));
        }

        await factory.WithDbAsync(async db =>
        {
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>().Distinct().ToList();
            Assert.Contains("OutboxMessages", tables);
            Assert.Contains("AuditEntries", tables);
            foreach (var table in tables)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT * FROM \"{table}\"";
                await using var reader = await command.ExecuteReaderAsync();
                var text = new StringBuilder();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        text.Append(reader.IsDBNull(i) ? "" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
                    }
                }

                Look($"table {table}", text.ToString());
            }

            if (db.Database.IsSqlite())
            {
                // Byte by byte, free pages and the write-ahead log included: a secret once written and deleted would still be there.
                var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
                foreach (var path in new[] { file, file + "-wal" }.Where(File.Exists))
                {
                    using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
                    using var memory = new MemoryStream();
                    await stream.CopyToAsync(memory);
                    Look(Path.GetFileName(path), Encoding.Latin1.GetString(memory.ToArray()));
                }
            }

            return 0;
        });

        foreach (var line in factory.Logs.Lines)
        {
            // The line itself (secret cut) says which logger wrote it.
            Look($"the log line « {(line.Length > 600 ? line[..600] : line)} »", line);
        }

        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
            {
                Look(file, await File.ReadAllTextAsync(file));
            }
        }

        return found;
    }
}
