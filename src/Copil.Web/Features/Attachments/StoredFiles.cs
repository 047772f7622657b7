using System.Security.Cryptography;
using Copil.Web.Data;
using Copil.Web.Features.Committee;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Attachments;

/// <summary>
/// The bytes of an attachment or of a meeting document, under the id of the row that describes it. In the database,
/// so that every instance sees every file, a backup of the database is a backup of the files, and a file and its row
/// are saved, or lost, together (docs/decisions/0017-operations.md).
/// </summary>
public sealed class StoredFile
{
    public Guid Id { get; set; }

    public byte[] Content { get; set; } = [];
}

/// <summary>Adds file contents to the caller's unit of work and reads them back without tracking.</summary>
public sealed class FileStore(CopilDbContext db)
{
    public void Add(Guid id, byte[] content) => db.Set<StoredFile>().Add(new StoredFile { Id = id, Content = content });

    public async Task<Stream?> OpenAsync(Guid id, CancellationToken ct = default)
    {
        var content = await db.Set<StoredFile>().AsNoTracking().Where(f => f.Id == id).Select(f => f.Content).FirstOrDefaultAsync(ct);
        return content is null ? null : new MemoryStream(content, writable: false);
    }
}

/// <summary>
/// Moves the files that earlier versions wrote on disk (<c>Attachments:Path</c>, by default <c>attachments</c> in the data
/// folder) into the database, once, at start-up: each file is checked against the SHA-256 of its row, saved, then
/// deleted from disk. Run again after a crash, it resumes where it stopped.
/// </summary>
public static class StoredFileImport
{
    public static async Task<(int Moved, int Missing)> RunAsync(CopilDbContext db, IConfiguration configuration, IHostEnvironment environment, ILogger logger, CancellationToken ct = default)
    {
        var folder = AppPaths.InData(configuration, environment, configuration["Attachments:Path"] ?? "attachments");
        var described = await db.Set<Attachment>().AsNoTracking().Where(a => !db.Set<StoredFile>().Any(f => f.Id == a.Id)).Select(a => new { a.Id, a.Sha256 })
            .Concat(db.Set<MeetingDocument>().AsNoTracking().Where(d => !db.Set<StoredFile>().Any(f => f.Id == d.Id)).Select(d => new { d.Id, d.Sha256 }))
            .ToListAsync(ct);
        var (moved, missing) = (0, 0);
        foreach (var file in described)
        {
            var path = Path.Combine(folder, file.Id.ToString("N"));
            if (!File.Exists(path))
            {
                missing++;
                continue;
            }

            var content = await File.ReadAllBytesAsync(path, ct);
            if (!string.Equals(Convert.ToHexString(SHA256.HashData(content)), file.Sha256, StringComparison.OrdinalIgnoreCase))
            {
                logger.LogError("Fichier {Path} : son contenu ne correspond pas à l'empreinte enregistrée ; il reste sur le disque, non importé", path);
                missing++;
                continue;
            }

            db.Set<StoredFile>().Add(new StoredFile { Id = file.Id, Content = content });
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            File.Delete(path);
            moved++;
        }

        if (moved > 0 || missing > 0)
        {
            logger.LogWarning("Fichiers joints : {Moved} déplacés du dossier {Folder} vers la base ; {Missing} introuvables ou altérés (la pièce reste décrite, son contenu manque)", moved, folder, missing);
        }

        return (moved, missing);
    }
}
