using Copil.Domain.Actions;
using Copil.Domain.Committee;
using Copil.Domain.Reporting;
using Copil.Domain.Tests.Actions;
using Copil.Domain.Voting;

namespace Copil.Domain.Tests.Committee;

/// <summary>Corrections of a meeting (art. 14): attendance and votes corrected with a reason until the minutes are validated.</summary>
public sealed class CorrectionTests
{
    private const string Secretariat = "Secrétariat OPCO";

    [Fact]
    public void A_vote_is_corrected_with_its_reason_kept_on_it_and_keeps_its_identity()
    {
        var (agreement, meeting, sheet, _) = MeetingTests.Convened();
        var day = meeting.MeetsOn;
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        meeting.RecordAttendance(agreement, MeetingTests.AllPresent(agreement), [], day);
        var recorded = meeting.RecordVote(agreement, sheet.Id, [(seats[0], VoteChoice.For), (seats[1], VoteChoice.For), (seats[2], VoteChoice.For), (seats[3], VoteChoice.Against)], Secretariat, day).Value;

        var (before, after) = meeting.CorrectVote(agreement, sheet.Id, [(seats[0], VoteChoice.Against), (seats[1], VoteChoice.Against), (seats[2], VoteChoice.For), (seats[3], VoteChoice.Against)],
            "  Les deux sièges de l'OPCO ont voté contre : erreur de saisie.  ", Secretariat, day.AddDays(2), minutes: null).Value;

        Assert.Equal((recorded, recorded.Id, TallyOutcome.Rejected), (before, after.Id, after.Outcome));
        Assert.Equal(after, Assert.Single(meeting.Votes));
        var correction = Assert.Single(after.CorrectionHistory);
        Assert.Equal((day.AddDays(2), Secretariat, "Les deux sièges de l'OPCO ont voté contre : erreur de saisie."), (correction.On, correction.By, correction.Reason));
        Assert.StartsWith("adopté — pour : OPCO Mobilités — Représentant OPCO 1, OPCO Mobilités — Représentant OPCO 2, MENJS — Représentant MENJS ; contre : MESRI", correction.Before, StringComparison.Ordinal);
        Assert.StartsWith("rejeté — pour : MENJS — Représentant MENJS ; contre : ", correction.After, StringComparison.Ordinal);
        Assert.Equal(day, after.On);

        // A second correction adds to the first.
        var again = meeting.CorrectVote(agreement, sheet.Id, [(seats[0], VoteChoice.Abstain), (seats[1], VoteChoice.Against), (seats[2], VoteChoice.For), (seats[3], VoteChoice.Against)], "Abstention du siège OPCO 1.", Secretariat, day.AddDays(3), null).Value;
        Assert.Equal(2, again.After.CorrectionHistory.Count);
    }

    [Theory]
    [InlineData(null, "correction.reason")]
    [InlineData("   ", "correction.reason")]
    [InlineData("same", "correction.nothing")]
    [InlineData("absent", "vote.seat.absent")]
    [InlineData("none", "vote.correct.none")]
    public void A_correction_without_reason_changing_nothing_or_breaking_a_rule_is_refused_and_changes_nothing(string? reason, string code)
    {
        var (agreement, meeting, sheet, info) = MeetingTests.Convened();
        var day = meeting.MeetsOn;
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        meeting.RecordAttendance(agreement, [.. MeetingTests.AllPresent(agreement).Select((p, i) => i == 1 ? p with { Presence = Presence.Absent } : p)], [], day);
        meeting.RecordVote(agreement, sheet.Id, [(seats[0], VoteChoice.For), (seats[2], VoteChoice.For)], Secretariat, day);
        var votes = meeting.Votes;
        var version = meeting.Version;
        IReadOnlyList<(Guid, VoteChoice)> choices = reason switch
        {
            "same" => [(seats[0], VoteChoice.For), (seats[2], VoteChoice.For)],
            "absent" => [(seats[1], VoteChoice.For)],
            _ => [(seats[0], VoteChoice.Against)],
        };

        var refused = meeting.CorrectVote(agreement, reason == "none" ? info.Id : sheet.Id, choices, reason is "same" or "absent" or "none" ? "motif" : reason, Secretariat, day, null);

        Assert.Equal(code, refused.Errors[0].Code);
        Assert.Equal((votes, version), (meeting.Votes, meeting.Version));
    }

    [Fact]
    public void Once_the_minutes_are_validated_attendance_and_votes_are_frozen_and_the_page_says_what_to_do()
    {
        var (agreement, meeting, minutes) = MinutesTests.Drafted();
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        minutes.SendForReview(agreement, new DateOnly(2021, 6, 11));
        minutes.Review(agreement, MinutesTests.Party(agreement, "DGESCO"), true, null, "dgesco", new DateOnly(2021, 6, 14));
        minutes.Review(agreement, MinutesTests.Party(agreement, "DGESIP"), true, null, "dgesip", new DateOnly(2021, 6, 15));
        minutes.SubmitForValidation(agreement, new DateOnly(2021, 6, 15));
        minutes.RecordValidation(agreement, [(seats[0], VoteChoice.For), (seats[1], VoteChoice.For), (seats[2], VoteChoice.For)], "s", new DateOnly(2021, 6, 25));
        var item = meeting.Votes[0].ItemId;

        var vote = meeting.CorrectVote(agreement, item, [(seats[0], VoteChoice.Against)], "Erreur de saisie", Secretariat, new DateOnly(2021, 7, 1), minutes);
        var attendance = meeting.CorrectAttendance(agreement, MeetingTests.AllPresent(agreement), [], "Erreur", Secretariat, new DateOnly(2021, 7, 1), minutes);

        Assert.Equal("correction.frozen", Assert.Single(vote.Errors).Code);
        Assert.Equal("correction.frozen", Assert.Single(attendance.Errors).Code);
        Assert.Contains("validé depuis le 25 juin 2021", vote.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("inscrivez-la à l'ordre du jour d'une prochaine réunion", vote.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Correcting_the_attendance_counts_every_vote_again_and_says_which_changed()
    {
        var (agreement, meeting, sheet, _) = MeetingTests.Convened();
        Assert.True(agreement.Correct(agreement.Details with { QuorumBasisPoints = 7500 }, agreement.Terms, MeetingTests.Today).IsSuccess);
        var day = meeting.MeetsOn;
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        meeting.RecordAttendance(agreement, [.. MeetingTests.AllPresent(agreement).Select((p, i) => i < 2 ? p with { Presence = Presence.Absent } : p)], [], day);
        meeting.RecordVote(agreement, sheet.Id, [(seats[2], VoteChoice.For), (seats[3], VoteChoice.For)], Secretariat, day);
        Assert.Equal(TallyOutcome.QuorumNotReached, meeting.Votes[0].Outcome);

        // The first OPCO seat was in the room but did not vote: three seats of four present, the quorum is reached.
        var corrected = meeting.CorrectAttendance(agreement, [.. MeetingTests.AllPresent(agreement).Select((p, i) => i == 1 ? p with { Presence = Presence.Absent } : p)], [], "Le représentant OPCO 1 était présent.", Secretariat, day.AddDays(1), null);

        var (before, after) = Assert.Single(corrected.Value);
        Assert.Equal((TallyOutcome.QuorumNotReached, TallyOutcome.Adopted, before.Id), (before.Outcome, after.Outcome, after.Id));
        Assert.Equal(after, meeting.Votes[0]);
        Assert.StartsWith("présences corrigées : Le représentant OPCO 1", Assert.Single(after.CorrectionHistory).Reason, StringComparison.Ordinal);
        var seat = meeting.Presences[0];
        Assert.Equal((Presence.Present, "absent", "présent"), (seat.Presence, seat.Corrected!.Before, seat.Corrected.After));
        Assert.Null(meeting.Presences[2].Corrected);

        // A seat that voted cannot be made absent before its ballot is corrected.
        var voted = meeting.CorrectAttendance(agreement, [.. MeetingTests.AllPresent(agreement).Select((p, i) => i == 2 ? p with { Presence = Presence.Absent } : p)], [], "Erreur", Secretariat, day.AddDays(1), null);
        Assert.Equal("attendance.correct.voted", Assert.Single(voted.Errors).Code);
        Assert.Contains("corrigez d'abord ce vote", voted.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_decision_a_corrected_vote_had_made_is_withdrawn_while_the_sheet_stands_where_it_left_it()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        var vote = Guid.NewGuid();
        var today = ActionSheetBuilder.Today;
        Assert.True(sheet.DecideByCommittee(CommitteeMatter.Sheet, CommitteeOutcome.Validated, today, "copil", DecisionSource.FromVote(vote), today, CeilingCheck.None).IsSuccess);

        Assert.True(sheet.WithdrawVoteDecision(vote).IsSuccess);

        Assert.Equal((ActionStatus.ReadyForCommittee, (int?)null), (sheet.Status, sheet.ApprovedVersionNumber));
        Assert.Empty(sheet.CommitteeDecisions);
        Assert.True(sheet.WithdrawVoteDecision(Guid.NewGuid()).IsSuccess); // a vote that decided nothing: nothing to undo
        Assert.True(sheet.DecideByCommittee(CommitteeMatter.Sheet, CommitteeOutcome.Rejected, today, "copil", DecisionSource.FromVote(vote), today, CeilingCheck.None).IsSuccess);
        Assert.Equal(ActionStatus.CommitteeRejected, sheet.Status);
    }

    [Fact]
    public void Once_the_board_decided_the_sheet_has_moved_on_and_the_vote_that_validated_it_is_no_longer_corrected()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        var vote = Guid.NewGuid();
        var today = ActionSheetBuilder.Today;
        sheet.DecideByCommittee(CommitteeMatter.Sheet, CommitteeOutcome.Validated, today, "copil", DecisionSource.FromVote(vote), today, CeilingCheck.None);
        sheet.RecordBoardDecision(BoardOutcome.Approved, today, "CA", today);
        var version = sheet.Version;

        var refused = sheet.WithdrawVoteDecision(vote);

        Assert.Equal("decision.withdraw.moved-on", Assert.Single(refused.Errors).Code);
        Assert.Contains("une nouvelle décision se prend à une prochaine réunion", refused.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal((ActionStatus.BoardApproved, version), (sheet.Status, sheet.Version));
    }

    [Fact]
    public void Withdrawing_the_validation_of_a_change_request_puts_the_previous_version_back_in_force_and_the_request_pending()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);
        var approved = sheet.ApprovedVersionNumber;
        var today = ActionSheetBuilder.Today;
        var changed = ActionSheetBuilder.Complete(agreement) with { Title = "Forum des métiers (deux journées)" };
        Assert.True(sheet.ProposeChange(agreement, changed, "Une journée de plus", today).IsSuccess);
        var vote = Guid.NewGuid();
        Assert.True(sheet.DecideByCommittee(CommitteeMatter.ChangeRequest, CommitteeOutcome.Validated, today, "copil", DecisionSource.FromVote(vote), today, CeilingCheck.None).IsSuccess);
        Assert.NotEqual(approved, sheet.ApprovedVersionNumber);

        Assert.True(sheet.WithdrawVoteDecision(vote).IsSuccess);

        Assert.Equal(approved, sheet.ApprovedVersionNumber);
        Assert.NotNull(sheet.PendingChange);
        Assert.Equal((ActionStatus.InProgress, CommitteeMatter.ChangeRequest), (sheet.Status, sheet.AwaitedCommitteeMatter));
    }

    [Fact]
    public void A_recorded_decision_is_corrected_with_its_reason_and_one_made_by_a_vote_is_corrected_on_its_vote()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        var today = ActionSheetBuilder.Today;
        var recorded = sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, today, "copil du 1er mars 2022, point 2", DecisionSource.Recorded, today, CeilingCheck.None).Value;

        Assert.Equal("correction.reason", sheet.CorrectRecordedDecision(recorded.Id, CommitteeOutcome.Rejected, null, today, Secretariat, CeilingCheck.None).Errors[0].Code);
        Assert.Equal("correction.nothing", sheet.CorrectRecordedDecision(recorded.Id, CommitteeOutcome.Validated, "Erreur", today, Secretariat, CeilingCheck.None).Errors[0].Code);
        var corrected = sheet.CorrectRecordedDecision(recorded.Id, CommitteeOutcome.Rejected, "Le comité a rejeté la fiche ; la saisie était erronée.", today.AddDays(2), Secretariat, CeilingCheck.None).Value;

        Assert.Equal(ActionStatus.CommitteeRejected, sheet.Status);
        Assert.Equal(corrected, Assert.Single(sheet.CommitteeDecisions));
        Assert.Equal((today, "copil du 1er mars 2022, point 2"), (corrected.DecidedOn, corrected.Reference));
        Assert.Equal(("validée", "rejetée"), (Assert.Single(corrected.Corrections).Before, corrected.Corrections[0].After));

        var voted = ActionSheetBuilder.ReadyForCommittee(agreement);
        var byVote = voted.DecideByCommittee(CommitteeMatter.Sheet, CommitteeOutcome.Validated, today, "copil", DecisionSource.FromVote(Guid.NewGuid()), today, CeilingCheck.None).Value;
        Assert.Equal("decision.correct.vote", Assert.Single(voted.CorrectRecordedDecision(byVote.Id, CommitteeOutcome.Rejected, "Erreur", today, Secretariat, CeilingCheck.None).Errors).Code);
    }

    [Fact]
    public void The_board_decision_is_corrected_with_its_reason_until_the_action_starts()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        var today = ActionSheetBuilder.Today;
        sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, today, "copil", DecisionSource.Recorded, today, CeilingCheck.None);
        sheet.RecordBoardDecision(BoardOutcome.Refused, today, "CA du 1er mars 2022", today);
        sheet.MarkBoardDecisionReported(today, today);

        Assert.Equal("correction.reason", sheet.CorrectBoardDecision(BoardOutcome.Approved, "", today, Secretariat).Errors[0].Code);
        var corrected = sheet.CorrectBoardDecision(BoardOutcome.Approved, "Le conseil a approuvé l'action ; la saisie était erronée.", today, Secretariat).Value;

        Assert.Equal((ActionStatus.BoardApproved, "CA du 1er mars 2022", (DateOnly?)today), (sheet.Status, corrected.Reference, corrected.ReportedToCommitteeOn));
        Assert.Equal(("refusée", "approuvée"), (Assert.Single(corrected.Corrections).Before, corrected.Corrections[0].After));
        Assert.True(sheet.Start(today, today).IsSuccess);
        Assert.Equal("board.correct.state", Assert.Single(sheet.CorrectBoardDecision(BoardOutcome.Refused, "Erreur", today, Secretariat).Errors).Code);
    }
}
