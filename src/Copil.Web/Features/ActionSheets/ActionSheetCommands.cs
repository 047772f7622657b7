using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Data;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.ActionSheets;

/// <summary>
/// The use cases of an action sheet, shared by the pages and the API: load the sheet and its agreement, call the
/// domain, save. Each takes the version the caller saw; a concurrent change is reported, never overwritten.
/// </summary>
public sealed class ActionSheetCommands(CopilDbContext db, AgreementReader agreements, TimeProvider clock, ActionSheetNotices notices, CommitteeDecisions committeeDecisions)
{
    public static readonly DomainError Conflict = DomainError.Conflict("La fiche a été modifiée par quelqu'un d'autre pendant que vous travailliez : vos saisies sont conservées ci-dessous ; vérifiez la version à jour puis enregistrez à nouveau.");

    public static readonly DomainError NotFound = DomainError.NotFound("Cette fiche action n'existe pas.");

    public DateOnly Today => clock.TodayInParis();

    public Task<ActionSheet?> LoadAsync(Guid agreementId, Guid sheetId, CancellationToken ct = default) =>
        db.ActionSheets.AsSplitQuery().FirstOrDefaultAsync(s => s.Id == sheetId && s.AgreementId == agreementId, ct);

    public async Task<Result<ActionSheet>> DraftAsync(Guid agreementId, string carrierOrganisation, ActionSheetContent content, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return AgreementCommands.NotFound;
        }

        if (await UnknownCampusAsync(content, ct) is { } unknown)
        {
            return unknown;
        }

        // Numbers are per agreement; the unique index catches two drafts racing for the same one.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var number = (await db.ActionSheets.Where(s => s.AgreementId == agreementId).MaxAsync(s => (int?)s.Number, ct) ?? 0) + 1;
            var drafted = ActionSheet.Draft(agreement, number, carrierOrganisation, content, Today);
            if (drafted.IsFailure)
            {
                return drafted;
            }

            db.ActionSheets.Add(drafted.Value);
            try
            {
                await db.SaveChangesAsync(ct);
                return drafted;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                db.ChangeTracker.Clear();
                agreement = (await agreements.LoadAsync(agreementId, ct))!;
            }
        }

        throw new InvalidOperationException("Could not number the action sheet.");
    }

    public async Task<Result<ActionSheet>> EditDraftAsync(Guid agreementId, Guid sheetId, int? expectedVersion, ActionSheetContent content, CancellationToken ct = default) =>
        await UnknownCampusAsync(content, ct) is { } unknown
            ? unknown
            : await ExecuteAsync(agreementId, sheetId, expectedVersion, (a, s) => s.EditDraft(a, content), ct);

    /// <summary>Campus ids come from the editable reference table, which the domain does not see.</summary>
    private async Task<DomainError?> UnknownCampusAsync(ActionSheetContent content, CancellationToken ct)
    {
        if (content.CampusIds.Count == 0)
        {
            return null;
        }

        var ids = content.CampusIds.Distinct().ToList();
        var known = await db.TradesCampuses.CountAsync(c => ids.Contains(c.Id), ct);
        return known == ids.Count ? null : new DomainError("sheet.campus.unknown", "Un campus des métiers choisi n'existe pas dans le référentiel.", nameof(ActionSheetContent.CampusIds));
    }

    /// <summary>Submits the sheet and, in the same transaction, notifies the reviewers of every ministry whose opinion is awaited.</summary>
    public Task<Result<ActionSheet>> SubmitAsync(Guid agreementId, Guid sheetId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (a, s) => s.Submit(a, Today), ct, (a, s) => notices.SubmittedAsync(a, s, ct));

    /// <param name="givenOn">The day a past opinion was given (history); null for today. A past opinion tells nobody.</param>
    public Task<Result<ActionSheet>> GiveOpinionAsync(
        Guid agreementId, Guid sheetId, int? expectedVersion, Guid partyId, OpinionVerdict verdict, string? recommendations, string? comment, string givenBy, DateOnly? givenOn, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (a, s) => s.GiveOpinion(a, partyId, verdict, recommendations, comment, Today, givenBy, givenOn), ct,
            (a, s) => givenOn is { } day && day < Today ? Task.CompletedTask : notices.OpinionGivenAsync(a, s, partyId, ct));

    /// <summary>Corrects an opinion with a reason while the committee has not decided; the carrier and the secretariat are told.</summary>
    public Task<Result<ActionSheet>> CorrectOpinionAsync(
        Guid agreementId, Guid sheetId, int? expectedVersion, Guid partyId, OpinionVerdict verdict, string? recommendations, string? comment, string? reason, string correctedBy, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.CorrectOpinion(partyId, verdict, recommendations, comment, reason, Today, correctedBy), ct,
            (a, s) => notices.OpinionCorrectedAsync(a, s, partyId, ct));

    public Task<Result<ActionSheet>> RequestRevisionAsync(Guid agreementId, Guid sheetId, int? expectedVersion, string reason, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.RequestRevision(reason), ct, (a, s) => notices.RevisionRequestedAsync(a, s, reason, ct));

    /// <summary>The secretariat records a decision the committee took (in a meeting kept outside Copil, or before Copil).</summary>
    public Task<Result<ActionSheet>> RecordCommitteeDecisionAsync(Guid agreementId, Guid sheetId, int? expectedVersion, CommitteeOutcome outcome, DateOnly decidedOn, string reference, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, async (a, s) =>
            await committeeDecisions.ApplyAsync(a, s, matter: null, outcome, decidedOn, reference, DecisionSource.Recorded, Today, ct), ct);

    /// <summary>Corrects a committee decision recorded by the secretariat, with a reason, while the sheet stands where it left it.</summary>
    public Task<Result<ActionSheet>> CorrectCommitteeDecisionAsync(Guid agreementId, Guid sheetId, int? expectedVersion, Guid decisionId, CommitteeOutcome outcome, string? reason, string correctedBy, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, async (a, s) =>
            await committeeDecisions.CorrectRecordedAsync(a, s, decisionId, outcome, reason, correctedBy, Today, ct), ct);

    public Task<Result<ActionSheet>> RecordBoardDecisionAsync(Guid agreementId, Guid sheetId, int? expectedVersion, BoardOutcome outcome, DateOnly decidedOn, string reference, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.RecordBoardDecision(outcome, decidedOn, reference, Today), ct,
            (a, s) => notices.BoardDecidedAsync(a, s, outcome, ct));

    /// <summary>Corrects the board's decision as recorded, with a reason, before the action starts; the carrier and the members are told.</summary>
    public Task<Result<ActionSheet>> CorrectBoardDecisionAsync(Guid agreementId, Guid sheetId, int? expectedVersion, BoardOutcome outcome, string? reason, string correctedBy, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.CorrectBoardDecision(outcome, reason, Today, correctedBy), ct,
            (a, s) => notices.BoardDecidedAsync(a, s, outcome, ct));

    public Task<Result<ActionSheet>> MarkBoardDecisionReportedAsync(Guid agreementId, Guid sheetId, int? expectedVersion, DateOnly on, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.MarkBoardDecisionReported(on, Today), ct);

    public Task<Result<ActionSheet>> StartAsync(Guid agreementId, Guid sheetId, int? expectedVersion, DateOnly startedOn, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.Start(startedOn, Today), ct);

    public async Task<Result<ActionSheet>> ProposeChangeAsync(Guid agreementId, Guid sheetId, int? expectedVersion, ActionSheetContent content, string reason, CancellationToken ct = default) =>
        await UnknownCampusAsync(content, ct) is { } unknown
            ? unknown
            : await ExecuteAsync(agreementId, sheetId, expectedVersion, (a, s) => s.ProposeChange(a, content, reason, Today), ct,
                (a, s) => notices.ChangeProposedAsync(a, s, reason, ct));

    public Task<Result<ActionSheet>> StartReportAsync(Guid agreementId, Guid sheetId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.StartReport(), ct);

    public Task<Result<ActionSheet>> EditReportAsync(Guid agreementId, Guid sheetId, int? expectedVersion, CompletionReportContent content, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.EditReport(content), ct);

    public Task<Result<ActionSheet>> SubmitReportAsync(Guid agreementId, Guid sheetId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.SubmitReport(Today), ct, (a, s) => notices.ReportSubmittedAsync(a, s, ct));

    public Task<Result<ActionSheet>> ReturnReportAsync(Guid agreementId, Guid sheetId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.ReturnReport(), ct, (a, s) => notices.ReportAnsweredAsync(a, s, accepted: false, ct));

    public Task<Result<ActionSheet>> AcceptReportAsync(Guid agreementId, Guid sheetId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.AcceptReport(Today), ct, (a, s) => notices.ReportAnsweredAsync(a, s, accepted: true, ct));

    public Task<Result<ActionSheet>> CloseAsync(Guid agreementId, Guid sheetId, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.Close(), ct);

    public Task<Result<ActionSheet>> WithdrawAsync(Guid agreementId, Guid sheetId, int? expectedVersion, string reason, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.Withdraw(reason), ct);

    public Task<Result<ActionSheet>> AbandonAsync(Guid agreementId, Guid sheetId, int? expectedVersion, string reason, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (_, s) => s.Abandon(reason), ct);

    private Task<Result<ActionSheet>> ExecuteAsync(Guid agreementId, Guid sheetId, int? expectedVersion, Func<Agreement, ActionSheet, Result> change, CancellationToken ct, Func<Agreement, ActionSheet, Task>? alsoInTheSameTransaction = null) =>
        ExecuteAsync(agreementId, sheetId, expectedVersion, (a, s) => Task.FromResult(change(a, s)), ct, alsoInTheSameTransaction);

    private async Task<Result<ActionSheet>> ExecuteAsync(Guid agreementId, Guid sheetId, int? expectedVersion, Func<Agreement, ActionSheet, Task<Result>> change, CancellationToken ct, Func<Agreement, ActionSheet, Task>? alsoInTheSameTransaction = null)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var sheet = agreement is null ? null : await LoadAsync(agreementId, sheetId, ct);
        if (agreement is null || sheet is null)
        {
            return NotFound;
        }

        if (expectedVersion is { } expected && expected != sheet.Version)
        {
            return Conflict;
        }

        var result = await change(agreement, sheet);
        if (result.IsFailure)
        {
            db.ChangeTracker.Clear();
            return Result<ActionSheet>.Failure(result.Errors);
        }

        if (alsoInTheSameTransaction is not null)
        {
            await alsoInTheSameTransaction(agreement, sheet);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return sheet;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict;
        }
    }
}
