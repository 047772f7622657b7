using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Voting;
using Copil.Web.Data;
using Copil.Web.Features.ActionSheets;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Committee;

/// <summary>
/// The committee's use cases, shared by the pages and the API: each loads the agreement and the meeting, calls the
/// domain, and saves in one transaction with what follows from it (a sheet's decision, notices). Each takes the
/// version the caller saw: a concurrent change is reported, never overwritten.
/// </summary>
public sealed class MeetingCommands(CopilDbContext db, AgreementReader agreements, CommitteeNotices notices, CommitteeDecisions committeeDecisions, ActionSheetNotices sheetNotices, TimeProvider clock)
{
    public static readonly DomainError NotFound = DomainError.NotFound("Cette réunion n'existe pas.");

    public static readonly DomainError Conflict = DomainError.Conflict("La réunion a été modifiée par quelqu'un d'autre pendant que vous travailliez : vos saisies sont conservées ci-dessous ; vérifiez la version à jour puis enregistrez à nouveau.");

    public DateOnly Today => clock.TodayInParis();

    public DateTimeOffset Now => clock.GetUtcNow();

    public Task<Meeting?> LoadAsync(Guid agreementId, Guid meetingId, CancellationToken ct = default) =>
        db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId && m.AgreementId == agreementId, ct);

    public Task<List<Meeting>> ListAsync(Guid agreementId, CancellationToken ct = default) =>
        db.Meetings.AsNoTracking().Where(m => m.AgreementId == agreementId).OrderByDescending(m => m.MeetsOn).ToListAsync(ct);

    /// <summary>Sheets that can be put before the committee: ready for it, or running with a change request pending.</summary>
    public Task<List<ActionSheet>> SheetsForAgendaAsync(Guid agreementId, CancellationToken ct = default) =>
        db.ActionSheets.AsNoTracking().AsSplitQuery()
            .Where(s => s.AgreementId == agreementId && (s.Status == ActionStatus.ReadyForCommittee || s.Status == ActionStatus.CommitteeValidated || s.Status == ActionStatus.BoardApproved || s.Status == ActionStatus.InProgress))
            .OrderBy(s => s.Number).ToListAsync(ct);

    public async Task<Result<Meeting>> PlanAsync(Guid agreementId, MeetingDetails details, CancellationToken ct = default)
    {
        if (await agreements.LoadAsync(agreementId, ct) is not { } agreement)
        {
            return AgreementCommands.NotFound;
        }

        var planned = Meeting.Plan(agreement, details, Today);
        if (planned.IsSuccess && Meeting.SameDayAs(planned.Value, await OthersAsync(agreementId, ct)) is { } sameDay)
        {
            return sameDay;
        }

        if (planned.IsSuccess)
        {
            db.Meetings.Add(planned.Value);
            await db.SaveChangesAsync(ct);
        }

        return planned;
    }

    private Task<List<Meeting>> OthersAsync(Guid agreementId, CancellationToken ct) =>
        db.Meetings.AsNoTracking().Where(m => m.AgreementId == agreementId).ToListAsync(ct);

    /// <summary>Records a planned meeting as already held (history entered afterwards): no convocation, no notice.</summary>
    public Task<Result<Meeting>> RecordAsPastAsync(Guid agreementId, Guid meetingId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, meetingId, expectedVersion, (_, m) => m.RecordAsPast(Today), ct);

    /// <summary>Corrects the meeting; a convened one that moves (day, time, place, link) sends everyone convened the revised invitation, in the same transaction.</summary>
    public async Task<Result<Meeting>> EditAsync(Guid agreementId, Guid meetingId, int? expectedVersion, MeetingDetails details, CancellationToken ct = default)
    {
        var others = await OthersAsync(agreementId, ct);
        var (before, sequence) = (default(MeetingDetails), 0);
        return await ExecuteAsync(agreementId, meetingId, expectedVersion, (a, m) =>
        {
            (before, sequence) = (m.Details, m.CalendarSequence);
            var edited = m.Edit(a, details, Today);
            return edited.IsSuccess && Meeting.SameDayAs(m, others) is { } sameDay ? sameDay : edited;
        }, ct, Then((a, m) => m.CalendarSequence > sequence ? notices.RescheduledAsync(a, m, before!, ct) : Task.CompletedTask));
    }

    public async Task<Result<Meeting>> AddItemAsync(Guid agreementId, Guid meetingId, int? expectedVersion, AgendaItemKind kind, string? title, Guid? sheetId, bool needsVote, CancellationToken ct = default)
    {
        if (sheetId is { } id && kind is AgendaItemKind.ActionSheet or AgendaItemKind.ChangeRequest)
        {
            var sheet = await db.ActionSheets.AsNoTracking().AsSplitQuery().FirstOrDefaultAsync(s => s.Id == id && s.AgreementId == agreementId, ct);
            return sheet is null
                ? new DomainError("item.sheet", "Cette fiche action n'existe pas dans la convention.", "ActionSheetId")
                : await ExecuteAsync(agreementId, meetingId, expectedVersion, (_, m) => m.AddSheetItem(sheet, kind), ct, AnnounceAgendaChange(ct));
        }

        return await ExecuteAsync(agreementId, meetingId, expectedVersion, (_, m) => m.AddItem(kind, title, sheetId, needsVote), ct, AnnounceAgendaChange(ct));
    }

    /// <summary>
    /// Puts several sheets on the agenda at once, each for what awaits the committee (its decision or its change
    /// request); sheets already on it are left out. After the convocation, each addition is announced.
    /// </summary>
    public async Task<Result<Meeting>> AddSheetItemsAsync(Guid agreementId, Guid meetingId, int? expectedVersion, IReadOnlyCollection<Guid> sheetIds, CancellationToken ct = default)
    {
        if (sheetIds.Count == 0)
        {
            return new DomainError("item.sheets", "Cochez au moins une fiche à inscrire.", "SheetIds");
        }

        var sheets = await db.ActionSheets.AsNoTracking().AsSplitQuery().Where(s => s.AgreementId == agreementId && sheetIds.Contains(s.Id)).OrderBy(s => s.Number).ToListAsync(ct);
        if (sheets.Count != sheetIds.Distinct().Count())
        {
            return new DomainError("item.sheet", "Une des fiches cochées n'existe pas dans la convention.", "SheetIds");
        }

        var added = new List<AgendaItem>();
        return await ExecuteAsync(agreementId, meetingId, expectedVersion, (_, m) =>
        {
            foreach (var sheet in sheets.Where(x => m.Items.All(i => i.ActionSheetId != x.Id)))
            {
                var item = m.AddSheetItem(sheet, Meeting.AgendaKindFor(sheet));
                if (item.IsFailure)
                {
                    return Result.Failure(item.Errors);
                }

                added.Add(item.Value);
            }

            return Result.Success();
        }, ct, Then(async (a, m) =>
        {
            if (m.HasPeopleConvened)
            {
                foreach (var item in added)
                {
                    await notices.AgendaChangedAsync(a, m, item, added: true, ct);
                }
            }
        }));
    }

    /// <summary>Withdraws a point; after the convocation, everyone convened is told.</summary>
    public Task<Result<Meeting>> RemoveItemAsync(Guid agreementId, Guid meetingId, int? expectedVersion, Guid itemId, CancellationToken ct = default)
    {
        AgendaItem? removed = null;
        return ExecuteAsync(agreementId, meetingId, expectedVersion, (_, m) =>
        {
            var result = m.RemoveItem(itemId);
            removed = result.IsSuccess ? result.Value : null;
            return result;
        }, ct, Then((a, m) => m.HasPeopleConvened && removed is not null ? notices.AgendaChangedAsync(a, m, removed, added: false, ct) : Task.CompletedTask));
    }

    /// <summary>A point added once the meeting is convened is announced to everyone convened (the last point is the one just added).</summary>
    private Func<Agreement, Meeting, Task<Result?>> AnnounceAgendaChange(CancellationToken ct) =>
        Then((a, m) => m.HasPeopleConvened ? notices.AgendaChangedAsync(a, m, m.Items[^1], added: true, ct) : Task.CompletedTask);

    /// <summary>Convenes the meeting and, in the same transaction, sends every member the notice with the agenda and an .ics.</summary>
    public Task<Result<Meeting>> ConveneAsync(Guid agreementId, Guid meetingId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, meetingId, expectedVersion, (_, m) => m.Convene(Today), ct, Then((a, m) => notices.ConvenedAsync(a, m, ct)));

    public Task<Result<Meeting>> RecordAttendanceAsync(Guid agreementId, Guid meetingId, int? expectedVersion, IReadOnlyList<SeatPresence> presences, IReadOnlyList<Guid> invitees, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, meetingId, expectedVersion, (a, m) => m.RecordAttendance(a, presences, invitees, Today), ct);

    /// <summary>
    /// Records a vote; when it decides on an action sheet or a change request, the sheet moves on in the same
    /// transaction, its decision linked to the vote, and the carrier and members are told (art. 14).
    /// </summary>
    /// <param name="choices">The seats' votes; null for « unanimité des présents » (every seat present or represented votes for).</param>
    /// <param name="notes">The point's notes for the minutes, saved with the vote when given (null: left as they are).</param>
    public async Task<Result<Meeting>> RecordVoteAsync(
        Guid agreementId, Guid meetingId, int? expectedVersion, Guid itemId, IReadOnlyList<(Guid SeatId, VoteChoice Choice)>? choices, string recordedBy, string? notes,
        CancellationToken ct = default)
    {
        ItemVote? vote = null;
        return await ExecuteAsync(agreementId, meetingId, expectedVersion, (a, m) =>
        {
            var recorded = m.RecordVote(a, itemId, choices ?? m.UnanimityOfThosePresent(), recordedBy, Today);
            vote = recorded.IsSuccess ? recorded.Value : null;
            return recorded.IsSuccess && notes is not null && m.WriteItemNotes(itemId, notes) is { IsFailure: true } refused ? refused : recorded;
        }, ct, async (agreement, meeting) =>
        {
            var item = meeting.Items.Single(i => i.Id == itemId);
            if (item.ActionSheetId is not { } sheetId || vote?.SheetOutcome is not { } outcome)
            {
                return null;
            }

            // The vote stands as the members cast it; a decision that cannot take effect is kept on it, not dropped.
            var sheet = await db.ActionSheets.AsSplitQuery().FirstAsync(s => s.Id == sheetId, ct);
            if (await committeeDecisions.ApplyVoteAsync(agreement, sheet, ItemVote.MatterOf(item.Kind), outcome, meeting.MeetsOn, meeting.Label, vote.Id, Today, ct, announce: !meeting.EnteredAfterwards) is { } notApplied)
            {
                return meeting.RecordDecisionNotApplied(vote.Id, notApplied);
            }

            return null;
        });
    }

    /// <summary>
    /// Corrects a recorded vote with a reason, before the minutes are validated (art. 14); when what it decides on a
    /// sheet changes, the decision it had made is withdrawn and the corrected one applied, in the same transaction.
    /// </summary>
    /// <param name="choices">The corrected ballots; null for « unanimité des présents ».</param>
    public async Task<Result<Meeting>> CorrectVoteAsync(
        Guid agreementId, Guid meetingId, int? expectedVersion, Guid itemId, IReadOnlyList<(Guid SeatId, VoteChoice Choice)>? choices, string? reason, string correctedBy,
        CancellationToken ct = default)
    {
        var minutes = await db.Minutes.AsNoTracking().FirstOrDefaultAsync(m => m.MeetingId == meetingId && m.AgreementId == agreementId, ct);
        (ItemVote Before, ItemVote After)? corrected = null;
        return await ExecuteAsync(agreementId, meetingId, expectedVersion, (a, m) =>
        {
            var result = m.CorrectVote(a, itemId, choices ?? m.UnanimityOfThosePresent(), reason, correctedBy, Today, minutes);
            corrected = result.IsSuccess ? result.Value : null;
            return result;
        }, ct, (a, m) => RerunDecisionsAsync(a, m, corrected is { } c ? [c] : [], ct));
    }

    /// <summary>Corrects the attendance once votes rest on it, with a reason; every vote is counted again, and the decisions whose outcome changed are re-run.</summary>
    public async Task<Result<Meeting>> CorrectAttendanceAsync(
        Guid agreementId, Guid meetingId, int? expectedVersion, IReadOnlyList<SeatPresence> presences, IReadOnlyList<Guid> invitees, string? reason, string correctedBy, CancellationToken ct = default)
    {
        var minutes = await db.Minutes.AsNoTracking().FirstOrDefaultAsync(m => m.MeetingId == meetingId && m.AgreementId == agreementId, ct);
        IReadOnlyList<(ItemVote Before, ItemVote After)> recounted = [];
        return await ExecuteAsync(agreementId, meetingId, expectedVersion, (a, m) =>
        {
            var result = m.CorrectAttendance(a, presences, invitees, reason, correctedBy, Today, minutes);
            recounted = result.IsSuccess ? result.Value : [];
            return result;
        }, ct, (a, m) => RerunDecisionsAsync(a, m, recounted, ct));
    }

    /// <summary>
    /// What a corrected vote changes on its sheet: when the decision it carries changed, the one it had made is withdrawn
    /// (refused by name if the sheet has moved on since: then nothing is saved) and the corrected one applied like any
    /// vote — ceiling of art. 16 included, a refusal kept on the vote. The carrier and members are told.
    /// </summary>
    private async Task<Result?> RerunDecisionsAsync(Agreement agreement, Meeting meeting, IReadOnlyList<(ItemVote Before, ItemVote After)> votes, CancellationToken ct)
    {
        foreach (var (before, after) in votes)
        {
            var item = meeting.Items.Single(i => i.Id == after.ItemId);
            var tookEffect = before.SheetOutcome is not null && before.DecisionNotApplied is null;
            if (item.ActionSheetId is null || (tookEffect && before.SheetOutcome == after.SheetOutcome) || (!tookEffect && after.SheetOutcome is null))
            {
                continue;
            }

            var sheet = await db.ActionSheets.AsSplitQuery().FirstAsync(s => s.Id == item.ActionSheetId, ct);
            if (tookEffect)
            {
                if (sheet.WithdrawVoteDecision(after.Id) is { IsFailure: true } movedOn)
                {
                    return movedOn;
                }

                if (!meeting.EnteredAfterwards)
                {
                    await sheetNotices.CommitteeDecisionWithdrawnAsync(agreement, sheet, after.Id, meeting.Label.ToLowerInvariant(), after.CorrectionHistory[^1].Describe(), ct);
                }
            }

            if (after.SheetOutcome is { } outcome
                && await committeeDecisions.ApplyVoteAsync(agreement, sheet, ItemVote.MatterOf(item.Kind), outcome, meeting.MeetsOn, meeting.Label, after.Id, Today, ct, announce: !meeting.EnteredAfterwards) is { } notApplied)
            {
                meeting.RecordDecisionNotApplied(after.Id, notApplied);
            }
        }

        return null;
    }

    public Task<Result<Meeting>> WriteNotesAsync(Guid agreementId, Guid meetingId, int? expectedVersion, Guid itemId, string? text, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, meetingId, expectedVersion, (_, m) => m.WriteItemNotes(itemId, text), ct);

    public Task<Result<Meeting>> CloseAsync(Guid agreementId, Guid meetingId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, meetingId, expectedVersion, (_, m) => m.Close(Today), ct);

    /// <summary>Cancels the meeting; a convened one sends everyone convened the cancellation of their invitation.</summary>
    public Task<Result<Meeting>> CancelAsync(Guid agreementId, Guid meetingId, int? expectedVersion, string? reason, CancellationToken ct = default)
    {
        var wasConvened = false;
        return ExecuteAsync(agreementId, meetingId, expectedVersion, (_, m) =>
        {
            wasConvened = m.HasPeopleConvened;
            return m.Cancel(reason);
        }, ct, Then((a, m) => wasConvened ? notices.CancelledAsync(a, m, ct) : Task.CompletedTask));
    }

    /// <summary>A step that follows the change in its transaction and cannot fail.</summary>
    private static Func<Agreement, Meeting, Task<Result?>> Then(Func<Agreement, Meeting, Task> step) => async (a, m) =>
    {
        await step(a, m);
        return null;
    };

    private async Task<Result<Meeting>> ExecuteAsync(Guid agreementId, Guid meetingId, int? expectedVersion, Func<Agreement, Meeting, Result> change, CancellationToken ct, Func<Agreement, Meeting, Task<Result?>>? alsoInTheSameTransaction = null)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var meeting = agreement is null ? null : await LoadAsync(agreementId, meetingId, ct);
        if (agreement is null || meeting is null)
        {
            return NotFound;
        }

        if (expectedVersion is { } expected && expected != meeting.Version)
        {
            return Conflict;
        }

        var result = change(agreement, meeting);
        if (result.IsFailure)
        {
            return Result<Meeting>.Failure(result.Errors);
        }

        if (alsoInTheSameTransaction is not null && await alsoInTheSameTransaction(agreement, meeting) is { IsFailure: true } failed)
        {
            db.ChangeTracker.Clear();
            return Result<Meeting>.Failure(failed.Errors);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return meeting;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict;
        }
    }
}
