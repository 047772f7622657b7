using System.Security.Cryptography;
using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Features.ActionSheets;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Attachments;

/// <summary>
/// Stores attachments on disk (<c>Attachments:Path</c>, by default <c>data/attachments</c>): the file is written first
/// under its id, then the row is saved, so that a crash leaves at worst an orphan file, never a row without its file.
/// </summary>
public sealed class AttachmentStore(CopilDbContext db, ActionSheetCommands sheets, UploadCheck uploads, IConfiguration configuration, IHostEnvironment environment, TimeProvider clock)
{
    private string Root
    {
        get
        {
            var path = configuration["Attachments:Path"] ?? "data/attachments";
            return Path.IsPathRooted(path) ? path : Path.Combine(environment.ContentRootPath, path);
        }
    }

    public Task<List<Attachment>> ListAsync(Guid agreementId, Guid sheetId, CancellationToken ct = default) =>
        db.Set<Attachment>().AsNoTracking().Where(a => a.AgreementId == agreementId && a.ActionSheetId == sheetId).OrderBy(a => a.UploadedAtUtc).ToListAsync(ct);

    public async Task<Result<Attachment>> AddAsync(Guid agreementId, Guid sheetId, AgreementGrant grant, string userName, string declaredName, Stream content, long declaredLength, string? description, CancellationToken ct = default)
    {
        var sheet = await sheets.LoadAsync(agreementId, sheetId, ct);
        if (sheet is null || !ActionSheetAccess.CanSee(sheet, grant.Memberships, grant.IsAdministrator))
        {
            return ActionSheetCommands.NotFound;
        }

        if (!ActionSheetAccess.CanCarry(sheet, grant.Memberships, grant.IsAdministrator))
        {
            return DomainError.Forbidden("attachment.forbidden", "Seul le porteur de la fiche ou le secrétariat joint des fichiers.");
        }

        if (declaredLength > FileInspector.MaxBytes)
        {
            return new DomainError("file.size", "Le fichier dépasse 10 Mo.", "File");
        }

        if (description is { Length: > 300 })
        {
            return new DomainError("attachment.description", "La description ne dépasse pas 300 caractères.", "Description");
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var inspected = await uploads.InspectAsync(bytes, declaredName, ct);
        if (inspected.IsFailure)
        {
            return Result<Attachment>.Failure(inspected.Errors);
        }

        var attachment = new Attachment
        {
            Id = Guid.NewGuid(),
            AgreementId = agreementId,
            ActionSheetId = sheetId,
            FileName = FileInspector.SafeName(declaredName, inspected.Value.Extension),
            ContentType = inspected.Value.ContentType,
            Size = bytes.LongLength,
            Sha256 = Convert.ToHexString(SHA256.HashData(bytes)),
            Description = string.IsNullOrWhiteSpace(description) ? "" : description.Trim(),
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            UploadedBy = userName,
        };
        Directory.CreateDirectory(Root);
        var path = Path.Combine(Root, attachment.Id.ToString("N"));
        await File.WriteAllBytesAsync(path, bytes, ct);
        db.Set<Attachment>().Add(attachment);
        await db.SaveChangesAsync(ct);
        return attachment;
    }

    public async Task<(Attachment Attachment, Stream Content)?> OpenAsync(Guid agreementId, Guid sheetId, Guid attachmentId, AgreementGrant grant, CancellationToken ct = default)
    {
        var sheet = await sheets.LoadAsync(agreementId, sheetId, ct);
        if (sheet is null || !ActionSheetAccess.CanSee(sheet, grant.Memberships, grant.IsAdministrator))
        {
            return null;
        }

        var attachment = await db.Set<Attachment>().AsNoTracking().FirstOrDefaultAsync(a => a.Id == attachmentId && a.ActionSheetId == sheetId && a.AgreementId == agreementId, ct);
        var path = attachment is null ? null : Path.Combine(Root, attachment.Id.ToString("N"));
        return attachment is null || !File.Exists(path) ? null : (attachment, File.OpenRead(path!));
    }
}
