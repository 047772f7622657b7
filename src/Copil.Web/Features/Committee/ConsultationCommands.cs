using Copil.Domain.Actions;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;
using Copil.Web.Data;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Committee;

/// <summary>
/// The written consultations' use cases (art. 14), shared by the pages and the API: open one on sheets or on minutes, vote
/// from the app. The e-mailed invitations are <see cref="ConsultationInvitations"/>, the personal links <see cref="VoteLinks"/>,
/// the closing <see cref="ConsultationClosing"/>.
/// </summary>
public sealed class ConsultationCommands(CopilDbContext db, AgreementReader agreements, ConsultationInvitations invitations, TimeProvider clock)
{
    public static readonly DomainError NotFound = DomainError.NotFound("Cette consultation n'existe pas.");

    public DateOnly Today => clock.TodayInParis();

    public Task<Consultation?> LoadAsync(Guid agreementId, Guid consultationId, CancellationToken ct = default) =>
        db.Set<Consultation>().FirstOrDefaultAsync(c => c.Id == consultationId && c.AgreementId == agreementId, ct);

    public Task<List<Consultation>> ListAsync(Guid agreementId, CancellationToken ct = default) =>
        db.Set<Consultation>().AsNoTracking().Where(c => c.AgreementId == agreementId).OrderByDescending(c => c.OpenedOn).ToListAsync(ct);

    /// <summary>
    /// Opens the consultation and, in the same transaction, e-mails each seat holder their personal links (one per
    /// point, sent at once whatever their digest choice: a vote has a closing date) and lists it in their notifications.
    /// </summary>
    public async Task<Result<Consultation>> OpenAsync(Guid agreementId, string? subject, DateOnly? closesOn, IReadOnlyList<Guid> sheetIds, string? otherPoint, CancellationToken ct = default)
    {
        if (await agreements.LoadAsync(agreementId, ct) is not { } agreement)
        {
            return AgreementCommands.NotFound;
        }

        var items = new List<(AgendaItemKind, string, Guid?)>();
        foreach (var sheetId in sheetIds.Distinct())
        {
            var sheet = await db.ActionSheets.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(s => s.Id == sheetId && s.AgreementId == agreementId, ct);
            if (sheet?.AwaitedCommitteeMatter is not { } matter)
            {
                return new DomainError("consultation.sheet", "Une fiche choisie n'est pas prête pour une décision du comité (avis des ministères rendus, ou demande de modification en attente).", "SheetIds");
            }

            var kind = matter == CommitteeMatter.ChangeRequest ? AgendaItemKind.ChangeRequest : AgendaItemKind.ActionSheet;
            items.Add((kind, AgendaItem.TitleFor(sheet, kind), sheet.Id));
        }

        if (!string.IsNullOrWhiteSpace(otherPoint))
        {
            items.Add((AgendaItemKind.Other, otherPoint.Trim(), null));
        }

        var opened = Consultation.Open(agreement, subject, closesOn ?? default, items, Today);
        if (opened.IsFailure)
        {
            return opened;
        }

        db.Add(opened.Value);
        await invitations.InviteAsync(agreement, opened.Value, ct);
        await db.SaveChangesAsync(ct);
        return opened.Value;
    }

    /// <summary>Puts minutes awaiting validation to the members in writing; the consultation's result validates them or not.</summary>
    public async Task<Result<Consultation>> OpenForMinutesAsync(Guid agreementId, Guid meetingId, DateOnly? closesOn, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var meeting = agreement is null ? null : await db.Meetings.AsNoTracking().FirstOrDefaultAsync(m => m.Id == meetingId && m.AgreementId == agreementId, ct);
        var minutes = meeting is null ? null : await db.Minutes.FirstOrDefaultAsync(m => m.MeetingId == meetingId, ct);
        if (agreement is null || meeting is null || minutes is null)
        {
            return NotFound;
        }

        var opened = Consultation.ForMinutes(agreement, minutes, meeting, closesOn ?? default, Today);
        if (opened.IsFailure)
        {
            return opened;
        }

        db.Add(opened.Value);
        await invitations.InviteAsync(agreement, opened.Value, ct);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainError.Conflict("Le compte rendu vient d'être modifié : rechargez la page.");
        }

        return opened.Value;
    }

    public static string ConsultationPath(Guid agreementId, Guid consultationId) => $"/conventions/{agreementId}/comite/consultations/{consultationId}";

    /// <summary>Votes from the app, for the caller's own seat; the matching personal link is spent too.</summary>
    public async Task<Result<Consultation>> VoteInAppAsync(Guid agreementId, Guid consultationId, Guid itemId, Guid seatId, VoteChoice choice, string by, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var consultation = agreement is null ? null : await LoadAsync(agreementId, consultationId, ct);
        if (agreement is null || consultation is null)
        {
            return NotFound;
        }

        var cast = consultation.Cast(agreement, itemId, seatId, choice, by, "application", clock.GetUtcNow().UtcDateTime, Today);
        if (cast.IsFailure)
        {
            return Result<Consultation>.Failure(cast.Errors);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var link in await db.Set<VoteLink>().Where(l => l.ConsultationId == consultationId && l.ItemId == itemId && l.SeatId == seatId && l.UsedAtUtc == null).ToListAsync(ct))
        {
            link.UsedAtUtc = now;
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return consultation;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return DomainError.Conflict("Un autre vote vient d'être enregistré : rechargez la page et votez à nouveau si besoin.");
        }
    }

}
