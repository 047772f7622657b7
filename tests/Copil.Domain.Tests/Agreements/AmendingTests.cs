using Copil.Domain.Agreements;

namespace Copil.Domain.Tests.Agreements;

/// <summary>Art. 17: during its validity the agreement may be amended (avenant) at any party's request.</summary>
public class AmendingTests
{
    private static AmendmentRequest Request(DateOnly signedOn) => new() { SignedOn = signedOn, Summary = "Prolongation de deux ans" };

    [Fact]
    public void An_amendment_signed_in_force_moves_the_end_date_and_keeps_before_and_after()
    {
        var agreement = new AgreementBuilder().Build();

        var result = agreement.Amend(Request(new DateOnly(2023, 10, 2)) with { NewEndDate = new DateOnly(2025, 11, 30) }, new DateOnly(2023, 10, 3));

        Assert.True(result.IsSuccess);
        Assert.Equal(new DateOnly(2025, 11, 30), agreement.LastDayInForce);
        var change = Assert.Single(result.Value.Changes);
        Assert.Equal(("Dernier jour en vigueur", "30 novembre 2023", "30 novembre 2025"), (change.Subject, change.Before, change.After));
        Assert.Equal(1, result.Value.Number);
    }

    [Fact]
    public void An_amendment_that_moves_the_end_date_is_refused_once_the_agreement_has_ended()
    {
        var agreement = new AgreementBuilder().Build();

        var result = agreement.Amend(Request(new DateOnly(2023, 12, 4)) with { NewEndDate = new DateOnly(2025, 11, 30) }, new DateOnly(2023, 12, 5));

        Assert.True(result.IsFailure);
        Assert.Equal("amendment.end-date.ended", result.Errors[0].Code);
        Assert.Equal("La convention a pris fin le 30 novembre 2023 : un avenant ne peut plus en repousser la date de fin ; une nouvelle convention est nécessaire (art. 17).", result.Errors[0].Message);
        Assert.Equal(new DateOnly(2023, 11, 30), agreement.LastDayInForce);
        Assert.Empty(agreement.Amendments);
    }

    [Fact]
    public void Any_amendment_must_be_signed_while_the_agreement_is_in_force()
    {
        var agreement = new AgreementBuilder().Build();

        var result = agreement.Amend(Request(new DateOnly(2024, 1, 10)) with { NewManagementFeeCapBasisPoints = 500 }, new DateOnly(2024, 1, 11));

        Assert.Equal("amendment.not-in-force", result.Errors[0].Code);
        Assert.Equal(565, agreement.Terms.ManagementFeeCapBasisPoints);
    }

    [Fact]
    public void An_amendment_changes_terms_seats_and_ceilings_together()
    {
        var agreement = new AgreementBuilder().Build();
        var seat = agreement.Seats[0];

        var result = agreement.Amend(Request(new DateOnly(2022, 1, 10)) with
        {
            NewManagementFeeCapBasisPoints = 500,
            CeilingYear = 2022,
            NewCeilingCents = 150_000_00,
            NewSeatWeights = new Dictionary<Guid, int> { [seat.Id] = 2 },
        }, new DateOnly(2022, 1, 11));

        Assert.True(result.IsSuccess);
        Assert.Equal(500, agreement.Terms.ManagementFeeCapBasisPoints);
        Assert.Equal(2, seat.VoteWeight);
        Assert.Equal(150_000_00, agreement.YearlyCeilings.Single(c => c.Year == 2022).AmountCents);
        Assert.Equal(3, result.Value.Changes.Count);
        Assert.Contains(result.Value.Changes, c => c is { Before: "5,65 %", After: "5 %" });
    }

    [Theory]
    [InlineData(nameof(AmendmentRequest.NewNoticePeriodMonths), "terms.notice")]
    [InlineData(nameof(AmendmentRequest.NewMinutesReviewDays), "terms.minutes")]
    [InlineData("NewManagementFeeCap", "terms.fee-cap")]
    public void An_amended_term_obeys_the_same_rule_as_the_terms_and_is_reported_on_the_amendment_field(string field, string code)
    {
        var agreement = new AgreementBuilder().Build();
        var request = field switch
        {
            nameof(AmendmentRequest.NewNoticePeriodMonths) => Request(new DateOnly(2022, 1, 10)) with { NewNoticePeriodMonths = 40 },
            nameof(AmendmentRequest.NewMinutesReviewDays) => Request(new DateOnly(2022, 1, 10)) with { NewMinutesReviewDays = 0 },
            _ => Request(new DateOnly(2022, 1, 10)) with { NewManagementFeeCapBasisPoints = 10_001 },
        };

        var result = agreement.Amend(request, new DateOnly(2022, 1, 11));

        var error = Assert.Single(result.Errors);
        Assert.Equal((code, field), (error.Code, error.Field));
    }

    [Fact]
    public void A_refused_amendment_changes_nothing()
    {
        var agreement = new AgreementBuilder().Build();
        var version = agreement.Version;

        var result = agreement.Amend(Request(new DateOnly(2022, 1, 10)) with { NewManagementFeeCapBasisPoints = 500, NewNoticePeriodMonths = -1 }, new DateOnly(2022, 1, 11));

        Assert.True(result.IsFailure);
        Assert.Equal(565, agreement.Terms.ManagementFeeCapBasisPoints);
        Assert.Equal(version, agreement.Version);
    }

    [Fact]
    public void An_amendment_without_any_change_is_refused()
    {
        var agreement = new AgreementBuilder().Build();

        var result = agreement.Amend(Request(new DateOnly(2022, 1, 10)), new DateOnly(2022, 1, 11));

        Assert.Equal("amendment.empty", result.Errors[0].Code);
    }

    [Fact]
    public void The_history_of_amendments_is_kept_in_order()
    {
        var agreement = new AgreementBuilder().Build();
        agreement.Amend(Request(new DateOnly(2022, 1, 10)) with { NewManagementFeeCapBasisPoints = 500 }, new DateOnly(2022, 2, 1));

        var second = agreement.Amend(Request(new DateOnly(2021, 1, 10)) with { NewManagementFeeCapBasisPoints = 400 }, new DateOnly(2022, 2, 1));
        var third = agreement.Amend(Request(new DateOnly(2022, 1, 20)) with { NewManagementFeeCapBasisPoints = 400 }, new DateOnly(2022, 2, 1));

        Assert.Equal("amendment.order", second.Errors[0].Code);
        Assert.Equal(2, third.Value.Number);
        Assert.Equal("5 %", third.Value.Changes[0].Before);
    }
}
