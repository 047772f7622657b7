using Copil.Domain.Actions;
using Copil.Domain.Common;
using Copil.Domain.Reporting;

namespace Copil.Domain.Tests.Actions;

/// <summary>Every transition refuses to run from a state where it makes no sense, and says so in French.</summary>
public class WrongStateTests
{
    private static readonly DateOnly Today = ActionSheetBuilder.Today;

    public static TheoryData<string> TransitionsRefusedOnADraft =>
    [
        "opinion", "revision", "committee", "board", "reported", "start", "change", "decide-change", "report", "edit-report", "submit-report",
        "return-report", "accept-report", "close", "abandon",
    ];

    private static Result Run(string transition, ActionSheet sheet, Copil.Domain.Agreements.Agreement agreement) => transition switch
    {
        "opinion" => sheet.GiveOpinion(agreement, agreement.Parties[0].Id, OpinionVerdict.Favorable, null, null, Today, "x"),
        "revision" => sheet.RequestRevision("Revoir"),
        "committee" => sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today, "copil", DecisionSource.Recorded, Today, CeilingCheck.None),
        "board" => sheet.RecordBoardDecision(BoardOutcome.Approved, Today, "CA", Today),
        "reported" => sheet.MarkBoardDecisionReported(Today, Today),
        "start" => sheet.Start(Today, Today),
        "change" => sheet.ProposeChange(agreement, sheet.CurrentVersion.Content, "Changement", Today),
        "decide-change" => sheet.DecideChange(CommitteeOutcome.Validated, Today, "copil", DecisionSource.Recorded, Today, CeilingCheck.None),
        "report" => sheet.StartReport(),
        "edit-report" => sheet.EditReport(new CompletionReportContent([], [], [], null)),
        "submit-report" => sheet.SubmitReport(Today),
        "return-report" => sheet.ReturnReport(),
        "accept-report" => sheet.AcceptReport(Today),
        "close" => sheet.Close(),
        "abandon" => sheet.Abandon("Motif"),
        _ => throw new ArgumentOutOfRangeException(nameof(transition)),
    };

    [Theory]
    [MemberData(nameof(TransitionsRefusedOnADraft))]
    public void A_draft_refuses_every_step_but_editing_submitting_and_withdrawing(string transition)
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Drafted(agreement);
        var version = sheet.Version;

        var result = Run(transition, sheet, agreement);

        Assert.True(result.IsFailure);
        Assert.Equal(ActionStatus.Draft, sheet.Status);
        Assert.Equal(version, sheet.Version);
        Assert.All(result.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public void A_wrong_state_message_names_the_state_and_the_expected_one()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);

        var result = sheet.EditDraft(agreement, sheet.CurrentVersion.Content);

        Assert.Equal("Impossible de modifier la fiche : la fiche est « en cours » ; il faut qu'elle soit brouillon ou révision demandée.", result.Errors[0].Message);
    }

    [Fact]
    public void A_revision_needs_its_reason_and_a_decision_its_reference()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);

        Assert.Equal("revision.reason", sheet.RequestRevision(" ").Errors[0].Code);
        Assert.Equal("decision.reference", sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today, "", DecisionSource.Recorded, Today, CeilingCheck.None).Errors[0].Code);
        Assert.Equal("end.reason", sheet.Withdraw("").Errors[0].Code);
    }

    [Fact]
    public void An_action_cannot_start_before_the_board_decided()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today, "copil", DecisionSource.Recorded, Today, CeilingCheck.None);
        sheet.RecordBoardDecision(BoardOutcome.Approved, Today, "CA", Today);

        Assert.Equal("start.date", sheet.Start(Today.AddDays(-1), Today).Errors[0].Code);
        Assert.Equal("start.date", sheet.Start(Today.AddDays(1), Today).Errors[0].Code);
    }

    [Fact]
    public void A_refused_sheet_goes_no_further()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today, "copil", DecisionSource.Recorded, Today, CeilingCheck.None);
        sheet.RecordBoardDecision(BoardOutcome.Refused, Today, "CA", Today);

        Assert.Equal(ActionStatus.BoardRefused, sheet.Status);
        Assert.True(sheet.Start(Today, Today).IsFailure);
        Assert.True(sheet.Abandon("Motif").IsFailure);
    }
}
