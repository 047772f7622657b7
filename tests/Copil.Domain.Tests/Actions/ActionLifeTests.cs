using Copil.Domain.Actions;
using Copil.Domain.Reporting;

namespace Copil.Domain.Tests.Actions;

/// <summary>Art. 14 and 15 of the seed: ministries' opinions, the committee's then the board's decisions.</summary>
public class ActionLifeTests
{
    private static readonly DateOnly Today = ActionSheetBuilder.Today;

    [Fact]
    public void No_new_sheet_once_the_agreement_has_ended()
    {
        var agreement = ActionSheetBuilder.Agreement();

        var result = ActionSheet.Draft(agreement, 1, "Fédération", new ActionSheetContent(), new DateOnly(2023, 12, 1));

        Assert.Equal("agreement.ended", result.Errors[0].Code);
    }

    [Fact]
    public void A_draft_may_be_incomplete_but_not_submitted_incomplete()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheet.Draft(agreement, 1, "Fédération", new ActionSheetContent { Title = "Projet" }, Today).Value;

        var submitted = sheet.Submit(agreement, Today);

        Assert.True(submitted.Errors.Count > 10);
        Assert.Equal(ActionStatus.Draft, sheet.Status);
    }

    [Fact]
    public void Each_ministry_gives_one_opinion_and_the_sheet_is_then_ready_for_the_committee()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Submitted(agreement);
        var ministries = agreement.Parties.Where(p => p.IsState).ToList();

        Assert.Equal(ActionStatus.Submitted, sheet.Status);
        Assert.Equal(2, sheet.AwaitedOpinions(agreement).Count);
        sheet.GiveOpinion(agreement, ministries[0].Id, OpinionVerdict.Favorable, null, "Très bien", Today, "dgesco");
        Assert.Equal(ActionStatus.UnderReview, sheet.Status);
        Assert.Equal([ministries[1]], sheet.AwaitedOpinions(agreement));
        sheet.GiveOpinion(agreement, ministries[1].Id, OpinionVerdict.Favorable, null, null, Today, "dgesip");
        Assert.Equal(ActionStatus.ReadyForCommittee, sheet.Status);
        Assert.True(sheet.Opinions.All(o => o.MeansSupport));
    }

    [Fact]
    public void A_reserved_opinion_must_state_its_recommendations()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Submitted(agreement);

        var result = sheet.GiveOpinion(agreement, agreement.Parties[0].Id, OpinionVerdict.Reserved, " ", null, Today, "dgesco");

        Assert.Equal("Un avis réservé précise les recommandations permettant d'obtenir un avis favorable (art. 14).", result.Errors[0].Message);
        Assert.Empty(sheet.Opinions);
    }

    [Fact]
    public void An_opinion_is_given_once_per_version_and_only_by_a_ministry()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Submitted(agreement);
        var opco = agreement.Parties.Single(p => !p.IsState);
        sheet.GiveOpinion(agreement, agreement.Parties[0].Id, OpinionVerdict.Unfavorable, null, "Hors champ", Today, "dgesco");

        var twice = sheet.GiveOpinion(agreement, agreement.Parties[0].Id, OpinionVerdict.Favorable, null, null, Today, "dgesco");
        var byOpco = sheet.GiveOpinion(agreement, opco.Id, OpinionVerdict.Favorable, null, null, Today, "opco");

        Assert.Equal("opinion.twice", twice.Errors[0].Code);
        Assert.Equal("opinion.party", byOpco.Errors[0].Code);
        Assert.Equal(OpinionVerdict.Unfavorable, Assert.Single(sheet.Opinions).Verdict);
    }

    [Fact]
    public void A_revised_version_asks_every_opinion_again_and_keeps_the_former_ones()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Submitted(agreement);
        var (men, mesr) = (agreement.Parties[0], agreement.Parties[1]);
        sheet.GiveOpinion(agreement, men.Id, OpinionVerdict.Reserved, "Associer les CIO.", null, Today, "dgesco");
        sheet.GiveOpinion(agreement, mesr.Id, OpinionVerdict.Favorable, null, null, Today, "dgesip");

        Assert.True(sheet.RequestRevision("Suivre les recommandations du MENJS.").IsSuccess);
        Assert.True(sheet.EditDraft(agreement, sheet.CurrentVersion.Content with { Partners = "Campus, DRAFPIC, CIO" }).IsSuccess);
        Assert.True(sheet.Submit(agreement, Today).IsSuccess);

        Assert.Equal(2, sheet.CurrentVersion.Number);
        Assert.Equal(2, sheet.AwaitedOpinions(agreement).Count);
        Assert.Equal(2, sheet.OpinionsOn(1).Count);
        Assert.Equal("Campus des métiers, DRAFPIC", sheet.Versions[0].Content.Partners);
    }

    [Fact]
    public void The_version_under_review_does_not_depend_on_the_order_the_database_returned_the_versions_in()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Submitted(agreement);
        var (men, mesr) = (agreement.Parties[0], agreement.Parties[1]);
        sheet.GiveOpinion(agreement, men.Id, OpinionVerdict.Reserved, "Associer les CIO.", null, Today, "dgesco");
        sheet.GiveOpinion(agreement, mesr.Id, OpinionVerdict.Favorable, null, null, Today, "dgesip");
        sheet.RequestRevision("Suivre les recommandations du MENJS.");
        sheet.Submit(agreement, Today);

        // As a sheet loaded from PostgreSQL may come: its rows in another order than they were written.
        var loaded = System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(typeof(ActionSheet));
        foreach (var field in typeof(ActionSheet).GetFields(System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public))
        {
            var value = field.GetValue(sheet);
            field.SetValue(loaded, field.Name == "_inOrder" ? false
                : value is System.Collections.IList list && field.FieldType.IsGenericType && field.FieldType.GetGenericTypeDefinition() == typeof(List<>) ? Reversed(field.FieldType, list)
                : value);
        }

        var reloaded = (ActionSheet)loaded;
        Assert.Equal(2, reloaded.ReviewedVersion!.Number);
        Assert.Equal(2, reloaded.CurrentVersion.Number);
        Assert.Equal([1, 2], reloaded.Versions.Select(v => v.Number));
        Assert.True(reloaded.GiveOpinion(agreement, men.Id, OpinionVerdict.Favorable, null, null, Today, "dgesco").IsSuccess);
    }

    private static object Reversed(Type listType, System.Collections.IList items)
    {
        var copy = (System.Collections.IList)Activator.CreateInstance(listType)!;
        foreach (var item in items.Cast<object>().Reverse())
        {
            copy.Add(item);
        }

        return copy;
    }

    [Fact]
    public void The_committee_decides_only_once_every_opinion_is_in()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Submitted(agreement);

        var result = sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today, "copil", DecisionSource.Recorded, Today, CeilingCheck.None);

        Assert.Equal("Impossible d'enregistrer la décision du comité : la fiche est « soumise » ; il faut qu'elle soit prête pour le comité (tous les avis rendus).", result.Errors[0].Message);
    }

    [Theory]
    [InlineData(CommitteeOutcome.Validated, ActionStatus.CommitteeValidated)]
    [InlineData(CommitteeOutcome.Rejected, ActionStatus.CommitteeRejected)]
    [InlineData(CommitteeOutcome.Adjourned, ActionStatus.ReadyForCommittee)]
    public void The_committee_validates_rejects_or_adjourns(CommitteeOutcome outcome, ActionStatus expected)
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);

        sheet.RecordCommitteeDecision(outcome, Today, "copil du 1er mars 2022, point 2", DecisionSource.Recorded, Today, CeilingCheck.None);

        Assert.Equal(expected, sheet.Status);
        Assert.Equal(outcome == CommitteeOutcome.Validated ? 1 : null, sheet.ApprovedVersionNumber);
    }

    [Fact]
    public void A_decision_can_come_from_a_vote()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        var vote = Guid.NewGuid();

        var decision = sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today, "copil", DecisionSource.FromVote(vote), Today, CeilingCheck.None).Value;

        Assert.Equal(("vote", vote), (decision.SourceKind, decision.VoteId!.Value));
    }

    [Fact]
    public void A_decision_cannot_be_dated_in_the_future_nor_before_the_submission()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);

        Assert.Equal("decision.future", sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today.AddDays(1), "copil", DecisionSource.Recorded, Today, CeilingCheck.None).Errors[0].Code);
        Assert.Equal("decision.before", sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today.AddDays(-1), "copil", DecisionSource.Recorded, Today, CeilingCheck.None).Errors[0].Code);
    }

    [Fact]
    public void The_board_decides_after_the_committee_then_the_action_starts()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);

        Assert.True(sheet.RecordBoardDecision(BoardOutcome.Approved, Today, "CA", Today).IsFailure);
        sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today, "copil", DecisionSource.Recorded, Today, CeilingCheck.None);
        Assert.True(sheet.RecordBoardDecision(BoardOutcome.Approved, Today, "CA du 1er mars", Today).IsSuccess);
        Assert.True(sheet.MarkBoardDecisionReported(Today, Today).IsSuccess);
        Assert.True(sheet.Start(Today, Today).IsSuccess);

        Assert.Equal(ActionStatus.InProgress, sheet.Status);
        Assert.Equal(Today, sheet.BoardDecisions[0].ReportedToCommitteeOn);
    }

    [Fact]
    public void An_engaged_action_goes_on_after_the_termination_takes_effect()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);
        agreement.RecordTermination(agreement.Parties[2].Id, Today, null, null, Today);
        var afterEffect = new DateOnly(2022, 6, 1);

        Assert.True(sheet.StartReport().IsSuccess);
        Assert.Equal("agreement.ended", ActionSheet.Draft(agreement, 2, "Fédération", new ActionSheetContent(), afterEffect).Errors[0].Code);
    }

    [Fact]
    public void A_carrier_withdraws_before_the_decision_not_after()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var before = ActionSheetBuilder.Submitted(agreement);
        var after = ActionSheetBuilder.InProgress(agreement);

        Assert.True(before.Withdraw("Projet reporté").IsSuccess);
        Assert.Equal(ActionStatus.Withdrawn, before.Status);
        Assert.True(after.Withdraw("Projet reporté").IsFailure);
        Assert.True(after.Abandon("Prestataire défaillant").IsSuccess);
        Assert.Equal(ActionStatus.Abandoned, after.Status);
    }

    [Fact]
    public void Every_change_bumps_the_version_so_that_concurrent_saves_are_detected()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Drafted(agreement);
        var version = sheet.Version;

        sheet.EditDraft(agreement, sheet.CurrentVersion.Content with { Title = "Nouveau titre" });

        Assert.Equal(version + 1, sheet.Version);
    }
}
