using System.Security.Cryptography;
using Copil.Domain.Common;
using Copil.Web.Data;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Attachments;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Committee;

/// <summary>
/// A working document of a meeting, one version of it: a new file under the same title is its next version. The
/// instant it was posted is kept, and whether that was after the deadline of art. 14 (at least a week before).
/// </summary>
public sealed class MeetingDocument
{
    public Guid Id { get; set; }

    public Guid AgreementId { get; set; }

    public Guid MeetingId { get; set; }

    public string Title { get; set; } = "";

    public int VersionNumber { get; set; }

    public string FileName { get; set; } = "";

    public string ContentType { get; set; } = "";

    public long Size { get; set; }

    public string Sha256 { get; set; } = "";

    public DateTime UploadedAtUtc { get; set; }

    public string UploadedBy { get; set; } = "";

    /// <summary>Posted after the deadline for working documents: flagged as sent late.</summary>
    public bool Late { get; set; }
}

/// <summary>Stores meeting documents in the database like the sheets' attachments: the row and its bytes in one transaction.</summary>
public sealed class MeetingDocumentStore(CopilDbContext db, AgreementReader agreements, CommitteeNotices notices, Attachments.UploadCheck uploads, Attachments.FileStore files, TimeProvider clock)
{
    public Task<List<MeetingDocument>> ListAsync(Guid agreementId, Guid meetingId, CancellationToken ct = default) =>
        db.Set<MeetingDocument>().AsNoTracking().Where(d => d.AgreementId == agreementId && d.MeetingId == meetingId)
            .OrderBy(d => d.Title).ThenByDescending(d => d.VersionNumber).ToListAsync(ct);

    public async Task<Result<MeetingDocument>> AddAsync(Guid agreementId, Guid meetingId, string? title, string declaredName, Stream content, long declaredLength, string userName, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var meeting = agreement is null ? null : await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.AgreementId == agreementId, ct);
        if (agreement is null || meeting is null)
        {
            return MeetingCommands.NotFound;
        }

        if (meeting.Status is Domain.Committee.MeetingStatus.Held or Domain.Committee.MeetingStatus.Cancelled)
        {
            return new DomainError("document.closed", "La réunion est tenue ou annulée : ses documents de travail ne changent plus.");
        }

        if (string.IsNullOrWhiteSpace(title) || title.Trim().Length > 200)
        {
            return new DomainError("document.title", "Donnez un titre au document (200 caractères au plus) ; un nouveau fichier sous le même titre en devient la version suivante.", "Title");
        }

        var staged = await StageAsync(agreement, meeting, title.Trim(), declaredName, content, declaredLength, userName, ct);
        if (staged.IsFailure)
        {
            return staged;
        }

        var document = staged.Value;
        if (meeting.HasPeopleConvened)
        {
            // Saved with the document: everyone convened hears of it once.
            await notices.DocumentPostedAsync(agreement, meeting, document, ct);
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two versions of the same title at once: the unique index keeps one; the other person tries again.
            db.ChangeTracker.Clear();
            return new DomainError("document.race", "Une autre version de ce document vient d'être déposée : déposez la vôtre à nouveau.", "Title");
        }

        return document;
    }

    /// <summary>
    /// The signed minutes of a meeting entered afterwards, kept among its documents: checked like any upload and added to the unit of work of the caller, who saves it with the minutes that point to it.
    /// </summary>
    public Task<Result<MeetingDocument>> StageSignedMinutesAsync(Domain.Agreements.Agreement agreement, Domain.Committee.Meeting meeting, string declaredName, Stream content, long declaredLength, string userName, CancellationToken ct = default) =>
        StageAsync(agreement, meeting, "Compte rendu signé", declaredName, content, declaredLength, userName, ct, late: false);

    private async Task<Result<MeetingDocument>> StageAsync(
        Domain.Agreements.Agreement agreement, Domain.Committee.Meeting meeting, string title, string declaredName, Stream content, long declaredLength, string userName, CancellationToken ct, bool? late = null)
    {
        if (declaredLength > FileInspector.MaxBytes)
        {
            return new DomainError("file.size", "Le fichier dépasse 10 Mo.", "File");
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var inspected = await uploads.InspectAsync(bytes, declaredName, ct);
        if (inspected.IsFailure)
        {
            return Result<MeetingDocument>.Failure(inspected.Errors);
        }

        var previous = await db.Set<MeetingDocument>().Where(d => d.MeetingId == meeting.Id && d.Title == title).MaxAsync(d => (int?)d.VersionNumber, ct) ?? 0;
        var document = new MeetingDocument
        {
            Id = Guid.NewGuid(),
            AgreementId = agreement.Id,
            MeetingId = meeting.Id,
            Title = title,
            VersionNumber = previous + 1,
            FileName = FileInspector.SafeName(declaredName, inspected.Value.Extension),
            ContentType = inspected.Value.ContentType,
            Size = bytes.LongLength,
            Sha256 = Convert.ToHexString(SHA256.HashData(bytes)),
            UploadedAtUtc = clock.GetUtcNow().UtcDateTime,
            UploadedBy = userName,
            Late = late ?? meeting.IsLate(agreement, clock.TodayInParis()),
        };
        files.Add(document.Id, bytes);
        db.Set<MeetingDocument>().Add(document);
        return document;
    }

    public async Task<(MeetingDocument Document, Stream Content)?> OpenAsync(Guid agreementId, Guid meetingId, Guid documentId, CancellationToken ct = default)
    {
        var document = await db.Set<MeetingDocument>().AsNoTracking().FirstOrDefaultAsync(d => d.Id == documentId && d.MeetingId == meetingId && d.AgreementId == agreementId, ct);
        var content = document is null ? null : await files.OpenAsync(document.Id, ct);
        return document is null || content is null ? null : (document, content);
    }
}
