using Copil.Domain.Actions;

namespace Copil.Domain.Tests.Actions;

/// <summary>Art. 16 of the seed: eligible costs exclude staff remuneration; management fees within 5,65 %; real costs within the amount agreed.</summary>
public class FinancialAnnexTests
{
    [Fact]
    public void Eligible_costs_exclude_staff_remuneration_and_in_kind_contributions()
    {
        var annex = ActionSheetBuilder.Annex() with
        {
            Expenses = [.. ActionSheetBuilder.Annex().Expenses, new ExpenseLine(ExpenseCategory.InKind, "Prêt de matériel", 3_000_00, false)],
        };

        Assert.Equal(30_000_00, annex.EligibleCostsCents);
        Assert.Equal(1_500_00, annex.ManagementFeesCents);
        Assert.Equal(39_500_00, annex.TotalExpensesCents);
    }

    [Theory]
    [InlineData(565, true)]
    [InlineData(566, false)]
    [InlineData(0, true)]
    public void Management_fees_are_allowed_up_to_the_cap_itself(int basisPoints, bool allowed)
    {
        var annex = ActionSheetBuilder.Annex(basisPoints);

        var errors = annex.ValidateEntries(565, "art. 16");

        Assert.Equal(allowed, errors.All(e => e.Code != "annex.fee.cap"));
    }

    [Fact]
    public void A_fee_above_the_cap_is_refused_with_the_article()
    {
        var errors = ActionSheetBuilder.Annex(600).ValidateEntries(565, "art. 16");

        Assert.Contains(errors, e => e.Message == "Le taux de frais de gestion (6 %) dépasse le plafond de 5,65 % (art. 16).");
    }

    [Fact]
    public void Fees_are_rounded_to_the_cent()
    {
        Assert.Equal(1_695, FinancialAnnex.FeesOn(30_000, 565));
        Assert.Equal(57, FinancialAnnex.FeesOn(1_005, 565));
    }

    [Fact]
    public void Staff_costs_claimed_eligible_are_refused()
    {
        var annex = new FinancialAnnex([new ExpenseLine(ExpenseCategory.StaffCosts, "Salaires", 1_000_00, true)], [], 0);

        var errors = annex.ValidateEntries(565, "art. 16");

        Assert.Contains(errors, e => e.Code == "annex.expense.staff-eligible");
        Assert.Equal(0, annex.EligibleCostsCents);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(100_000_000_01)]
    public void Negative_or_absurd_amounts_are_refused(long cents)
    {
        var annex = new FinancialAnnex([new ExpenseLine(ExpenseCategory.Purchases, "Achats", cents, true)], [new ResourceLine(FinancerKind.OwnResources, "Porteur", cents)], 0);

        var errors = annex.ValidateEntries(565, "art. 16");

        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void Expenses_and_resources_must_balance()
    {
        var annex = ActionSheetBuilder.Annex() with { Resources = [new ResourceLine(FinancerKind.OpcoMissionFees, "OPCO", 30_000_00)] };

        var errors = annex.ValidateForSubmission(565, "art. 16");

        Assert.Contains(errors, e => e.Message.StartsWith("L'annexe financière n'est pas équilibrée : 36\u202F500,00 € de dépenses", StringComparison.Ordinal));
    }

    [Fact]
    public void The_opco_cannot_be_asked_for_more_than_the_eligible_costs_and_fees()
    {
        var annex = ActionSheetBuilder.Annex() with { Resources = [new ResourceLine(FinancerKind.OpcoMissionFees, "OPCO", 36_500_00)] };

        var errors = annex.ValidateForSubmission(565, "art. 16");

        Assert.Contains(errors, e => e.Code == "annex.opco.ineligible");
    }

    [Fact]
    public void A_balanced_annex_is_accepted_and_says_whether_the_opco_finances_most_of_it()
    {
        var annex = ActionSheetBuilder.Annex();

        Assert.Empty(annex.ValidateForSubmission(565, "art. 16"));
        Assert.Equal(31_500_00, annex.AmountAskedOfOpcoCents);
        Assert.True(annex.MostlyFinancedByOpco);
    }
}
