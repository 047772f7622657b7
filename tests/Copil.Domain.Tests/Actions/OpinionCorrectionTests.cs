using Copil.Domain.Actions;
using Copil.Domain.Reporting;

namespace Copil.Domain.Tests.Actions;

/// <summary>Opinions (art. 14) entered with their real date, and corrected with a reason until the committee decides.</summary>
public sealed class OpinionCorrectionTests
{
    private static readonly DateOnly Today = ActionSheetBuilder.Today;

    [Fact]
    public void A_past_opinion_carries_its_real_date_and_is_marked_entered_afterwards()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.Submitted(agreement);
        var ministry = agreement.Parties.First(p => p.IsState).Id;

        var future = sheet.GiveOpinion(agreement, ministry, OpinionVerdict.Favorable, null, null, Today, "dgesco", Today.AddDays(1));
        var beforeSubmission = sheet.GiveOpinion(agreement, ministry, OpinionVerdict.Favorable, null, null, Today, "dgesco", Today.AddYears(-1));
        var past = sheet.GiveOpinion(agreement, ministry, OpinionVerdict.Favorable, null, null, Today.AddDays(3), "dgesco", Today).Value;

        Assert.Equal(("opinion.date", "GivenOn"), (future.Errors[0].Code, future.Errors[0].Field));
        Assert.Contains("a été soumise le", Assert.Single(beforeSubmission.Errors).Message, StringComparison.Ordinal);
        Assert.Equal((Today, Today.AddDays(3), true), (past.GivenOn, past.RecordedOn, past.EnteredAfterwards));
        Assert.Single(sheet.Opinions);
    }

    [Fact]
    public void An_opinion_is_corrected_with_its_reason_kept_and_what_it_said_before()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        var ministry = agreement.Parties.First(p => p.IsState).Id;
        var version = sheet.Version;

        var noReason = sheet.CorrectOpinion(ministry, OpinionVerdict.Reserved, "Associer les CIO.", null, " ", Today, "dgesco");
        var noRecommendation = sheet.CorrectOpinion(ministry, OpinionVerdict.Reserved, null, null, "Erreur", Today, "dgesco");
        var nothing = sheet.CorrectOpinion(ministry, OpinionVerdict.Favorable, null, null, "Erreur", Today, "dgesco");
        Assert.Equal("correction.reason", Assert.Single(noReason.Errors).Code);
        Assert.Equal("opinion.recommendations", Assert.Single(noRecommendation.Errors).Code);
        Assert.Equal("correction.nothing", Assert.Single(nothing.Errors).Code);
        Assert.Equal(version, sheet.Version);

        var corrected = sheet.CorrectOpinion(ministry, OpinionVerdict.Reserved, "Associer les CIO.", null, "Avis saisi favorable par erreur.", Today.AddDays(1), "secrétariat").Value;

        Assert.Equal((OpinionVerdict.Reserved, "Associer les CIO."), (corrected.Verdict, corrected.Recommendations));
        var correction = Assert.Single(corrected.Corrections);
        Assert.Equal(("favorable", "réservé — recommandations : Associer les CIO.", "Avis saisi favorable par erreur."), (correction.Before, correction.After, correction.Reason));
        Assert.Equal(ActionStatus.ReadyForCommittee, sheet.Status); // every opinion is still in
    }

    [Fact]
    public void Once_the_committee_decided_in_view_of_the_opinions_they_are_no_longer_corrected()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        var ministry = agreement.Parties.First(p => p.IsState).Id;
        sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, Today, "copil", DecisionSource.Recorded, Today, CeilingCheck.None);

        var refused = sheet.CorrectOpinion(ministry, OpinionVerdict.Reserved, "x", null, "Erreur", Today, "dgesco");

        Assert.Equal("opinion.correct.decided", Assert.Single(refused.Errors).Code);
    }
}
