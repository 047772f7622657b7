using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Features.Reporting;

namespace Copil.Web.Features.ActionSheets;

/// <summary>
/// The one use case that applies a steering committee decision to an action sheet, whatever made it: a decision the
/// secretariat records, a vote in a meeting, the closing of a written consultation (art. 13, 14, 15). It checks the
/// ceiling of the year (art. 16), lets the domain decide between the sheet and its pending change, stamps the year's
/// commitment when it validates, and tells the carrier and the members, in the caller's unit of work. A refusal is
/// always returned: the callers keep it (on the form, or on the vote that could not take effect).
/// </summary>
public sealed class CommitteeDecisions(ReportingQueries reporting, YearCommitmentStamp commitments, ActionSheetNotices notices)
{
    /// <param name="matter">What the vote was about (from its agenda point); null for a recorded decision, which decides what awaits.</param>
    /// <param name="announce">False for a decision entered afterwards (history): nobody is notified of a past event.</param>
    public async Task<Result<CommitteeDecision>> ApplyAsync(
        Agreement agreement, ActionSheet sheet, CommitteeMatter? matter, CommitteeOutcome outcome, DateOnly decidedOn, string reference, DecisionSource source, DateOnly today, CancellationToken ct,
        bool announce = true)
    {
        var onChange = (matter ?? sheet.AwaitedCommitteeMatter) == CommitteeMatter.ChangeRequest;
        var ceiling = await reporting.CeilingCheckAsync(agreement, sheet, ct);
        var decided = sheet.DecideByCommittee(matter, outcome, decidedOn, reference, source, today, ceiling);
        if (decided.IsFailure)
        {
            return decided;
        }

        if (outcome == CommitteeOutcome.Validated)
        {
            commitments.Stamp(agreement, ceiling);
        }

        if (announce)
        {
            await notices.CommitteeDecidedAsync(agreement, sheet, outcome, onChange, ct);
        }

        return decided;
    }

    /// <summary>
    /// Corrects a decision the secretariat recorded, with a reason: the ceiling of the year checked again when the
    /// correction validates, the commitment stamped, the carrier and the members told of the corrected decision.
    /// </summary>
    public async Task<Result<CommitteeDecision>> CorrectRecordedAsync(
        Agreement agreement, ActionSheet sheet, Guid decisionId, CommitteeOutcome outcome, string? reason, string correctedBy, DateOnly today, CancellationToken ct)
    {
        var ceiling = outcome == CommitteeOutcome.Validated ? await reporting.CeilingCheckAsync(agreement, sheet, ct) : Domain.Reporting.CeilingCheck.None;
        var corrected = sheet.CorrectRecordedDecision(decisionId, outcome, reason, today, correctedBy, ceiling);
        if (corrected.IsSuccess)
        {
            if (outcome == CommitteeOutcome.Validated)
            {
                commitments.Stamp(agreement, ceiling);
            }

            await notices.CommitteeDecidedAsync(agreement, sheet, outcome, sheet.ChangeRequests.Any(c => c.VersionNumber == corrected.Value.VersionNumber), ct);
        }

        return corrected;
    }

    /// <summary>
    /// Applies what a vote decided; when the decision cannot take effect, returns why (the caller records it on the vote)
    /// and tells the secretariat. Null when it took effect.
    /// </summary>
    public async Task<string?> ApplyVoteAsync(
        Agreement agreement, ActionSheet sheet, CommitteeMatter matter, CommitteeOutcome outcome, DateOnly decidedOn, string reference, Guid voteId, DateOnly today, CancellationToken ct,
        bool announce = true)
    {
        var applied = await ApplyAsync(agreement, sheet, matter, outcome, decidedOn, reference, DecisionSource.FromVote(voteId), today, ct, announce);
        if (applied.IsSuccess)
        {
            return null;
        }

        var reason = string.Join(" ", applied.Errors.Select(e => e.Message));
        if (announce)
        {
            await notices.CommitteeDecisionNotAppliedAsync(agreement, sheet, voteId, reference, reason, ct);
        }

        return reason;
    }
}
