using System.Security.Cryptography;
using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Features.ActionSheets;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Attachments;

/// <summary>Stores attachments in the database (<see cref="FileStore"/>): the row and its bytes are saved in one transaction.</summary>
public sealed class AttachmentStore(CopilDbContext db, ActionSheetCommands sheets, UploadCheck uploads, FileStore files, TimeProvider clock)
{
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
        files.Add(attachment.Id, bytes);
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
        var content = attachment is null ? null : await files.OpenAsync(attachment.Id, ct);
        return attachment is null || content is null ? null : (attachment, content);
    }
}
