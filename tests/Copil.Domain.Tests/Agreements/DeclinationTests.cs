using Copil.Domain.Agreements;

namespace Copil.Domain.Tests.Agreements;

/// <summary>Art. 3 and 4: the national agreement declined in a région académique, inheriting the terms it does not override.</summary>
public class DeclinationTests
{
    private static readonly DateOnly Today = new(2021, 6, 1);

    private static AgreementDetails Regional(DateOnly signedOn, int months = 24) => new()
    {
        Reference = "OPCO-MOBILITES-2020-NORMANDIE",
        Title = "Déclinaison régionale en Normandie",
        SignedOn = signedOn,
        TermMonths = months,
    };

    [Fact]
    public void A_declination_takes_the_national_terms_except_those_it_overrides()
    {
        var national = new AgreementBuilder().Build();
        var own = AgreementTerms.Seed with { MinutesReviewDays = 10, DocumentsLeadDays = 99 };

        var declination = Agreement.Decline(national, Regional(new DateOnly(2021, 3, 1)), "28", own, ["MinutesReviewDays"], Today).Value;

        Assert.Equal(10, declination.Terms.MinutesReviewDays);
        Assert.Equal(national.Terms.DocumentsLeadDays, declination.Terms.DocumentsLeadDays);
        Assert.Equal(national.Terms.ManagementFeeCapBasisPoints, declination.Terms.ManagementFeeCapBasisPoints);
        Assert.Equal(national.Id, declination.NationalAgreementId);
        Assert.Equal("28", declination.RegionCode);
        Assert.Equal(national.Axes.Select(a => a.Title), declination.Axes.Select(a => a.Title));
    }

    [Fact]
    public void A_change_of_the_national_terms_reaches_the_inherited_terms_and_not_the_overridden_ones()
    {
        var national = new AgreementBuilder().Build();
        var declination = Agreement.Decline(national, Regional(new DateOnly(2021, 3, 1)), "28", AgreementTerms.Seed with { MinutesReviewDays = 10 }, ["MinutesReviewDays"], Today).Value;
        var version = declination.Version;

        national.Correct(national.Details, national.Terms with { MinutesReviewDays = 5, DocumentsLeadDays = 15, ManagementFeeCapBasisPoints = 500 }, Today);
        var changed = declination.InheritTerms(national.Terms);

        Assert.True(changed);
        Assert.Equal(10, declination.Terms.MinutesReviewDays);
        Assert.Equal(15, declination.Terms.DocumentsLeadDays);
        Assert.Equal(500, declination.Terms.ManagementFeeCapBasisPoints);
        Assert.True(declination.Version > version);
        Assert.False(declination.InheritTerms(national.Terms));
    }

    [Theory]
    // The seed runs from 1 December 2020 to 30 November 2023.
    [InlineData("2020-11-30", 12, "SignedOn")]
    [InlineData("2021-01-01", 36, "TermMonths")]
    public void A_declination_outside_the_national_term_is_refused(string signedOn, int months, string field)
    {
        var national = new AgreementBuilder().Build();

        var result = Agreement.Decline(national, Regional(DateOnly.Parse(signedOn, System.Globalization.CultureInfo.InvariantCulture), months), "28", AgreementTerms.Seed, [], Today);

        var error = Assert.Single(result.Errors);
        Assert.Equal(field, error.Field);
        Assert.StartsWith("La déclinaison régionale s'inscrit dans la durée de la convention nationale, du 1er décembre 2020 au 30 novembre 2023", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_declination_ending_on_the_national_last_day_is_within_it()
    {
        var national = new AgreementBuilder().Build();

        Assert.True(Agreement.Decline(national, Regional(new DateOnly(2021, 12, 1), 24), "28", AgreementTerms.Seed, [], new DateOnly(2022, 1, 1)).IsSuccess);
    }

    [Fact]
    public void A_declination_names_its_region_declines_a_national_agreement_and_overrides_only_terms_that_exist()
    {
        var national = new AgreementBuilder().Build();
        var declination = Agreement.Decline(national, Regional(new DateOnly(2021, 3, 1)), "28", AgreementTerms.Seed, [], Today).Value;

        Assert.Contains(Agreement.Decline(national, Regional(new DateOnly(2021, 3, 1)), "99", AgreementTerms.Seed, [], Today).Errors, e => e.Field == "RegionCode");
        Assert.Contains(Agreement.Decline(national, Regional(new DateOnly(2021, 3, 1)), "28", AgreementTerms.Seed, ["Nothing"], Today).Errors, e => e.Code == "declination.term-unknown");
        Assert.Contains(Agreement.Decline(declination, Regional(new DateOnly(2021, 3, 1)) with { Reference = "X" }, "28", AgreementTerms.Seed, [], Today).Errors, e => e.Code == "declination.of-declination");
    }
}
