using Copil.Domain.Materials;
using Copil.Domain.Tests.Agreements;

namespace Copil.Domain.Tests.Relays;

/// <summary>Art. 10: loans and donations to establishments; a loan comes back by its return date.</summary>
public class MaterialSupportTests
{
    private static MaterialSupportInput Loan(Guid from) =>
        new(MaterialSupportKind.EquipmentLoan, "Simulateur de conduite", "Lycée professionnel Jean Rostand", "28", from, 15_000_00, new DateOnly(2021, 9, 1), new DateOnly(2022, 6, 30), null);

    [Fact]
    public void A_loan_has_a_return_date_a_donation_has_none()
    {
        var agreement = new AgreementBuilder().Build();
        var opco = agreement.Parties[2].Id;

        Assert.True(MaterialSupport.Record(agreement, Loan(opco), "Samuel").IsSuccess);
        Assert.Contains(MaterialSupport.Record(agreement, Loan(opco) with { ReturnDueOn = null }, "Samuel").Errors, e => e.Field == "ReturnDueOn");
        Assert.Contains(MaterialSupport.Record(agreement, Loan(opco) with { ReturnDueOn = new DateOnly(2021, 8, 1) }, "Samuel").Errors, e => e.Code == "material.return.before");
        Assert.Contains(MaterialSupport.Record(agreement, Loan(opco) with { Kind = MaterialSupportKind.DocumentDonation }, "Samuel").Errors, e => e.Code == "material.return.donation");
        Assert.Equal(["Establishment", "FromPartyId", "ValueCents"], MaterialSupport.Record(agreement, Loan(opco) with { Establishment = " ", FromPartyId = Guid.NewGuid(), ValueCents = -1 }, "S").Errors.Select(e => e.Field));
    }

    [Fact]
    public void A_loan_not_returned_is_due_back_on_its_return_date_and_counts_in_its_year()
    {
        var agreement = new AgreementBuilder().Build();
        var loan = MaterialSupport.Record(agreement, Loan(agreement.Parties[2].Id), "Samuel").Value;
        var gift = MaterialSupport.Record(agreement, Loan(agreement.Parties[2].Id) with { Kind = MaterialSupportKind.DocumentDonation, ReturnDueOn = null, ValueCents = 500_00 }, "Samuel").Value;

        var due = Assert.Single(MaterialSupport.DueDates(agreement, [loan, gift]));
        Assert.Equal(new DateOnly(2022, 6, 30), due.DueOn);
        Assert.Equal("Retour du matériel prêté à Lycée professionnel Jean Rostand", due.Title);
        Assert.True(due.IsOverdueOn(new DateOnly(2022, 7, 1)));
        var figures = MaterialFigures.Of(2021, [loan, gift], new DateOnly(2022, 7, 1));
        Assert.Equal((2, 15_500_00L, 1), (figures.Count, figures.ValueCents, figures.LoansOutstanding));

        Assert.True(loan.MarkReturned(new DateOnly(2022, 6, 28)).IsSuccess);
        Assert.Empty(MaterialSupport.DueDates(agreement, [loan, gift]));
        Assert.True(gift.MarkReturned(new DateOnly(2022, 6, 28)).IsFailure);
    }
}
