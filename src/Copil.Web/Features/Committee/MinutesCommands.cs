using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Committee;

/// <summary>The minutes' use cases (art. 14), shared by the pages and the API, each with its notices in the same transaction.</summary>
public sealed class MinutesCommands(CopilDbContext db, AgreementReader agreements, CommitteeNotices notices, TimeProvider clock)
{
    public static readonly DomainError NotFound = DomainError.NotFound("Ce compte rendu n'existe pas.");

    public static readonly DomainError Conflict = DomainError.Conflict("Le compte rendu a été modifié par quelqu'un d'autre pendant que vous travailliez : votre texte est conservé ci-dessous ; vérifiez la version à jour puis enregistrez à nouveau.");

    public DateOnly Today => clock.TodayInParis();

    public Task<Minutes?> LoadAsync(Guid agreementId, Guid meetingId, CancellationToken ct = default) =>
        db.Minutes.FirstOrDefaultAsync(m => m.MeetingId == meetingId && m.AgreementId == agreementId, ct);

    /// <summary>A signed copy of past minutes, uploaded with them (page only).</summary>
    public sealed record SignedCopy(string FileName, Stream Content, long Length);

    /// <summary>
    /// Records the minutes of a meeting entered afterwards, validated outside Copil, with their real dates (art. 14):
    /// the typed text, or the signed copy kept among the meeting's documents; frozen at once, nobody notified. The
    /// text is checked before the file is stored, and both are saved together.
    /// </summary>
    public async Task<Result<Minutes>> RecordPastAsync(
        Guid agreementId, Guid meetingId, string? text, DateOnly? sentOn, DateOnly? reviewedOn, DateOnly? validatedOn, SignedCopy? signedCopy, string by, MeetingDocumentStore documents,
        CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var meeting = agreement is null ? null : await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.AgreementId == agreementId, ct);
        if (agreement is null || meeting is null)
        {
            return MeetingCommands.NotFound;
        }

        if (await LoadAsync(agreementId, meetingId, ct) is not null)
        {
            return new DomainError("minutes.exists", "Le compte rendu de cette réunion est déjà enregistré.");
        }

        var body = string.IsNullOrWhiteSpace(text) && signedCopy is not null
            ? $"Compte rendu de la réunion du {FrenchText.Date(meeting.MeetsOn)}, saisi a posteriori : le texte signé est le document « Compte rendu signé » ({signedCopy.FileName}) déposé avec la réunion."
            : text;
        var now = clock.GetUtcNow().UtcDateTime;
        // Checked first: a refused entry stores no file.
        var check = Minutes.RecordPast(agreement, meeting, body, sentOn, reviewedOn, validatedOn, null, by, now, Today);
        if (check.IsFailure)
        {
            return check;
        }

        Guid? documentId = null;
        if (signedCopy is not null)
        {
            var staged = await documents.StageSignedMinutesAsync(agreement, meeting, signedCopy.FileName, signedCopy.Content, signedCopy.Length, by, ct);
            if (staged.IsFailure)
            {
                return Result<Minutes>.Failure(staged.Errors);
            }

            documentId = staged.Value.Id;
        }

        var recorded = Minutes.RecordPast(agreement, meeting, body, sentOn, reviewedOn, validatedOn, documentId, by, now, Today);
        db.Minutes.Add(recorded.Value);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return new DomainError("minutes.exists", "Le compte rendu de cette réunion vient d'être enregistré par quelqu'un d'autre.");
        }

        return recorded;
    }

    public async Task<Result<Minutes>> DraftAsync(Guid agreementId, Guid meetingId, string by, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var meeting = agreement is null ? null : await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.AgreementId == agreementId, ct);
        if (agreement is null || meeting is null)
        {
            return MeetingCommands.NotFound;
        }

        if (await LoadAsync(agreementId, meetingId, ct) is not null)
        {
            return new DomainError("minutes.exists", "Le compte rendu de cette réunion est déjà rédigé : modifiez-le.");
        }

        var sheetIds = meeting.Items.Where(i => i.ActionSheetId is not null).Select(i => i.ActionSheetId!.Value).ToList();
        var titles = await db.ActionSheets.AsNoTracking().Where(s => sheetIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Number, s.Title, s.CarrierOrganisation }).ToDictionaryAsync(s => s.Id, s => $"Fiche n° {s.Number} — {s.Title} ({s.CarrierOrganisation})", ct);
        var drafted = Minutes.Draft(agreement, meeting, id => titles.GetValueOrDefault(id), by, clock.GetUtcNow().UtcDateTime);
        if (drafted.IsSuccess)
        {
            db.Minutes.Add(drafted.Value);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two drafts at once: the unique index keeps one.
                db.ChangeTracker.Clear();
                return new DomainError("minutes.exists", "Le compte rendu de cette réunion vient d'être rédigé par quelqu'un d'autre : modifiez-le.");
            }
        }

        return drafted;
    }

    public Task<Result<Minutes>> ReviseAsync(Guid agreementId, Guid meetingId, int? expectedVersion, string? text, string by, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, meetingId, expectedVersion, (_, _, m) => m.Revise(text, by, clock.GetUtcNow().UtcDateTime), ct);

    public Task<Result<Minutes>> SendForReviewAsync(Guid agreementId, Guid meetingId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, meetingId, expectedVersion, (a, _, m) => m.SendForReview(a, Today), ct, (a, meeting, m) => notices.MinutesSentForReviewAsync(a, meeting, m, ct));

    /// <summary>A directorate approves or comments the current version for its ministry; it answers for no other (art. 14).</summary>
    public Task<Result<Minutes>> ReviewAsync(Guid agreementId, Guid meetingId, int? expectedVersion, Guid partyId, bool approved, string? comment, AgreementGrant reviewer, string by, CancellationToken ct = default) =>
        !ActionSheetAccess.SpeaksFor(reviewer.Memberships, reviewer.IsAdministrator, partyId)
            ? Task.FromResult(Result<Minutes>.Failure(DomainError.Forbidden("minutes.review.party", "Vous ne relisez le compte rendu que pour le ministère pour lequel vous êtes habilité.")))
            : ExecuteAsync(agreementId, meetingId, expectedVersion, (a, _, m) => m.Review(a, partyId, approved, comment, by, Today), ct, (a, meeting, m) => notices.MinutesReviewedAsync(a, meeting, m, ct));

    public Task<Result<Minutes>> SubmitForValidationAsync(Guid agreementId, Guid meetingId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, meetingId, expectedVersion, (a, _, m) => m.SubmitForValidation(a, Today), ct, (a, meeting, m) => notices.MinutesSubmittedAsync(a, meeting, m, ct));

    /// <summary>The members' vote; once validated, the minutes go to the members and to the carriers of the sheets the meeting decided on.</summary>
    public Task<Result<Minutes>> RecordValidationAsync(Guid agreementId, Guid meetingId, int? expectedVersion, IReadOnlyList<(Guid SeatId, VoteChoice Choice)> choices, string by, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, meetingId, expectedVersion, (a, _, m) => m.RecordValidation(a, choices, by, Today), ct, async (a, meeting, m) =>
        {
            if (m.Status != MinutesStatus.Validated)
            {
                return;
            }

            var sheetIds = meeting.Items.Where(i => i.ActionSheetId is not null).Select(i => i.ActionSheetId!.Value).ToList();
            var carriers = await db.ActionSheets.AsNoTracking().Where(s => sheetIds.Contains(s.Id)).Select(s => s.CarrierOrganisation).Distinct().ToListAsync(ct);
            await notices.MinutesValidatedAsync(a, meeting, m, carriers, ct);
        });

    private async Task<Result<Minutes>> ExecuteAsync(Guid agreementId, Guid meetingId, int? expectedVersion, Func<Agreement, Meeting, Minutes, Result> change, CancellationToken ct, Func<Agreement, Meeting, Minutes, Task>? alsoInTheSameTransaction = null)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var meeting = agreement is null ? null : await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.AgreementId == agreementId, ct);
        var minutes = meeting is null ? null : await LoadAsync(agreementId, meetingId, ct);
        if (agreement is null || meeting is null || minutes is null)
        {
            return NotFound;
        }

        if (expectedVersion is { } expected && expected != minutes.Version)
        {
            return Conflict;
        }

        var result = change(agreement, meeting, minutes);
        if (result.IsFailure)
        {
            return Result<Minutes>.Failure(result.Errors);
        }

        if (alsoInTheSameTransaction is not null)
        {
            await alsoInTheSameTransaction(agreement, meeting, minutes);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return minutes;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict;
        }
    }
}
