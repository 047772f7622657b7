using Copil.Domain.Actions;
using Copil.Domain.Common;
using Copil.Domain.Reporting;

namespace Copil.Domain.Tests.Reporting;

/// <summary>Art. 16: the money of a year — asked, approved, changed, spent, due — against the COM's ceiling.</summary>
public sealed class MoneyTests
{
    [Fact]
    public void Totals_count_each_amount_once_and_only_for_the_actions_it_concerns()
    {
        var actions = new[]
        {
            Figures.Committed(10_000_00) with { FeesCents = 500_00, IneligibleCents = 2_000_00 },
            Figures.Committed(20_000_00, inForceCents: 25_000_00),                       // a validated change added 5 000 €
            Figures.Committed(8_000_00).WithReport(accepted: true, dueCents: 7_500_00),
            Figures.Committed(3_000_00) with { PendingChangeCents = 4_000_00 },            // a change waiting: not committed yet
            Figures.Committed(6_000_00, status: ActionStatus.Abandoned),                  // released
            Figures.Committed(9_000_00, status: ActionStatus.BoardRefused),               // refused by the board
            Figures.Asked(4_000_00),                                                      // asked, undecided
            Figures.Asked(1_000_00, status: ActionStatus.Draft),                          // never asked
            Figures.Asked(2_000_00, status: ActionStatus.Withdrawn),                      // withdrawn
            Figures.Committed(50_000_00, year: 2022),                                     // another year
        };

        var money = YearMoney.Compute(2021, 100_000_00, actions);

        Assert.Equal(10_000_00 + 20_000_00 + 8_000_00 + 3_000_00 + 6_000_00 + 9_000_00 + 4_000_00, money.AskedCents);
        Assert.Equal(10_000_00 + 20_000_00 + 8_000_00 + 3_000_00, money.ApprovedCents);
        Assert.Equal(5_000_00, money.ChangedCents);
        Assert.Equal(46_000_00, money.CommittedCents);
        Assert.Equal(1_000_00, money.PendingCents);
        Assert.Equal(54_000_00, money.RemainingCents);
        Assert.Equal(7_500_00, money.DueCents);
        Assert.Equal(7_500_00, money.RealCostsCents);
        Assert.Equal(500_00, money.FeesCents);
        Assert.Equal(2_000_00, money.IneligibleCents);
        Assert.Equal(4, money.CommittedActions);
        Assert.Equal(4600, money.CommittedShareBasisPoints);
        Assert.Empty(money.Issues);
    }

    [Fact]
    public void A_year_past_its_ceiling_is_said_with_the_overrun_never_hidden_in_a_total()
    {
        var money = YearMoney.Compute(2021, 30_000_00, [Figures.Committed(20_000_00), Figures.Committed(15_000_00)]);

        Assert.True(money.OverCeiling);
        Assert.Equal(-5_000_00, money.RemainingCents);
        var issue = Assert.Single(money.Issues);
        Assert.Equal("money.over-ceiling", issue.Code);
        Assert.Contains(FrenchText.Euros(5_000_00), issue.Message, StringComparison.Ordinal);
        Assert.Contains("art. 16", issue.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Committed_actions_without_a_ceiling_and_real_costs_above_the_approved_amount_are_listed()
    {
        var over = Figures.Committed(5_000_00).WithReport(accepted: true, dueCents: 5_000_00) with
        {
            Report = new CompletionReportContent([], [], [new RealCostLine(ExpenseCategory.ExternalServices, "Salle", 5_000_00, 6_200_00, true, "F1")], "Bilan"),
        };

        var money = YearMoney.Compute(2021, null, [over]);

        Assert.Equal(["money.no-ceiling", "money.real-above-approved"], money.Issues.Select(i => i.Code));
        Assert.Equal(over.Number, money.Issues[1].SheetNumber);
        Assert.Null(money.RemainingCents);
    }

    [Fact]
    public void A_ceiling_below_what_the_year_already_committed_is_refused_with_both_amounts()
    {
        var agreement = Actions.ActionSheetBuilder.Agreement();

        var result = agreement.SetYearlyCeiling(2022, 30_000_00, committedCents: 31_500_00);

        var error = Assert.Single(result.Errors);
        Assert.Equal("ceiling.below-committed", error.Code);
        Assert.Contains(FrenchText.Euros(30_000_00), error.Message, StringComparison.Ordinal);
        Assert.Contains(FrenchText.Euros(31_500_00), error.Message, StringComparison.Ordinal);
        Assert.Empty(agreement.YearlyCeilings);
        Assert.True(agreement.SetYearlyCeiling(2022, 31_500_00, committedCents: 31_500_00).IsSuccess);
    }
}
