using Copil.Domain.Actions;
using Copil.Domain.Common;
using Copil.Domain.Reporting;
using Copil.Domain.Tests.Actions;

namespace Copil.Domain.Tests.Reporting;

/// <summary>Art. 16: a decision that would take the year past its ceiling is shown, and refused when the agreement chose to block.</summary>
public sealed class CeilingRuleTests
{
    [Theory]
    [InlineData(69_000_00, false)]
    [InlineData(70_000_00, false)] // exactly the ceiling: within
    [InlineData(70_000_01, true)]
    public void A_sheet_awaiting_the_committee_adds_its_amount_to_what_the_others_committed(long asked, bool exceeds)
    {
        var candidate = Figures.Asked(asked);
        var others = new[] { Figures.Committed(30_000_00), Figures.Committed(1_000_00, status: ActionStatus.Abandoned), candidate };

        var check = CeilingCheck.For(candidate, others, 100_000_00, CeilingPolicy.Warn);

        Assert.Equal(30_000_00, check.CommittedByOthersCents);
        Assert.Equal(exceeds, check.Exceeds);
        Assert.False(check.BlocksValidation);
        Assert.Equal(exceeds, check.Message is not null);
    }

    [Fact]
    public void A_change_request_replaces_the_amount_in_force_rather_than_adding_to_it()
    {
        var changed = Figures.Committed(40_000_00) with { PendingChangeCents = 55_000_00 };
        var others = new[] { Figures.Committed(50_000_00), changed };

        var check = CeilingCheck.For(changed, others, 100_000_00, CeilingPolicy.Block);

        Assert.Equal(105_000_00, check.AfterDecisionCents);
        Assert.Equal(5_000_00, check.OverrunCents);
        Assert.True(check.BlocksValidation);
        Assert.Contains(FrenchText.Euros(5_000_00), check.Refusal!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_ceiling_or_a_start_date_there_is_nothing_to_check()
    {
        Assert.False(CeilingCheck.For(Figures.Asked(1_000_000_00), [], null, CeilingPolicy.Block).Exceeds);
        Assert.False(CeilingCheck.For(Figures.Asked(1_000_00) with { StartsOn = null }, [], 10_00, CeilingPolicy.Block).Exceeds);
    }

    [Fact]
    public void A_blocking_agreement_refuses_the_validation_but_still_records_a_rejection()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        var over = new CeilingCheck(2022, 100_000_00, 90_000_00, 31_500_00, CeilingPolicy.Block);

        var refused = sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, ActionSheetBuilder.Today, "copil", DecisionSource.Recorded, ActionSheetBuilder.Today, over);

        Assert.Equal("ceiling.exceeded", Assert.Single(refused.Errors).Code);
        Assert.Equal(ActionStatus.ReadyForCommittee, sheet.Status);
        Assert.True(sheet.RecordCommitteeDecision(CommitteeOutcome.Rejected, ActionSheetBuilder.Today, "copil", DecisionSource.Recorded, ActionSheetBuilder.Today, over).IsSuccess);
    }

    [Fact]
    public void A_warning_agreement_lets_the_committee_validate_past_the_ceiling()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.ReadyForCommittee(agreement);
        var over = new CeilingCheck(2022, 100_000_00, 90_000_00, 31_500_00, CeilingPolicy.Warn);

        Assert.True(over.Exceeds);
        Assert.True(sheet.RecordCommitteeDecision(CommitteeOutcome.Validated, ActionSheetBuilder.Today, "copil", DecisionSource.Recorded, ActionSheetBuilder.Today, over).IsSuccess);
        Assert.Equal(ActionStatus.CommitteeValidated, sheet.Status);
    }

    [Fact]
    public void A_blocking_agreement_refuses_a_change_that_passes_the_ceiling_and_the_change_stays_pending()
    {
        var agreement = ActionSheetBuilder.Agreement();
        var sheet = ActionSheetBuilder.InProgress(agreement);
        var annex = ActionSheetBuilder.Annex();
        // 10 000 € more of eligible costs: 42 000 € asked of the OPCO instead of 31 500 €.
        var bigger = annex with
        {
            Expenses = [.. annex.Expenses, new(ExpenseCategory.Purchases, "Matériel de démonstration", 10_000_00, true)],
            Resources = [new(FinancerKind.OpcoMissionFees, "OPCO Mobilités", 42_000_00), new(FinancerKind.OwnResources, "Fédération", 5_000_00)],
        };
        Assert.True(sheet.ProposeChange(agreement, sheet.EffectiveContent with { Annex = bigger }, "Plus de classes accueillies.", ActionSheetBuilder.Today).IsSuccess);
        var figures = ActionFigures.Of(sheet);
        Assert.Equal(31_500_00, figures.InForceCents);
        Assert.Equal(42_000_00, figures.PendingChangeCents);

        var check = CeilingCheck.For(figures, [figures, Figures.Committed(60_000_00, year: 2022)], 100_000_00, CeilingPolicy.Block);

        Assert.Equal(102_000_00, check.AfterDecisionCents);
        Assert.Equal("ceiling.exceeded", Assert.Single(sheet.DecideChange(CommitteeOutcome.Validated, ActionSheetBuilder.Today, "copil", DecisionSource.Recorded, ActionSheetBuilder.Today, check).Errors).Code);
        Assert.NotNull(sheet.PendingChange);
        Assert.Equal(31_500_00, sheet.EffectiveContent.Annex.AmountAskedOfOpcoCents);
    }
}
