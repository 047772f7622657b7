using Copil.Domain.Agreements;

namespace Copil.Domain.Tests.Agreements;

/// <summary>Art. 17: in force from signature, for three years, no tacit renewal.</summary>
public class AgreementDatesTests
{
    [Fact]
    public void A_three_year_term_from_1_december_2020_ends_on_30_november_2023()
    {
        var agreement = new AgreementBuilder().Build();

        Assert.Equal(new DateOnly(2023, 11, 30), agreement.LastDayInForce);
    }

    [Fact]
    public void An_agreement_may_end_on_its_anniversary_when_its_text_says_so()
    {
        var agreement = new AgreementBuilder().EndingOnAnniversary().Build();

        Assert.Equal(new DateOnly(2023, 12, 1), agreement.LastDayInForce);
    }

    [Theory]
    [InlineData("2020-11-30", AgreementStatus.Draft)]
    [InlineData("2020-12-01", AgreementStatus.InForce)]
    [InlineData("2023-11-30", AgreementStatus.InForce)]
    [InlineData("2023-12-01", AgreementStatus.Ended)]
    public void The_status_is_derived_from_the_dates(string day, AgreementStatus expected)
    {
        var agreement = new AgreementBuilder().Build();

        Assert.Equal(expected, agreement.StatusOn(DateOnly.Parse(day, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void An_unsigned_agreement_is_a_draft_without_dates()
    {
        var agreement = new AgreementBuilder().SignedOn(null).Build();

        var dates = AgreementDates.Of(agreement, AgreementBuilder.Today);

        Assert.Equal(AgreementStatus.Draft, dates.Status);
        Assert.Null(dates.LastDayInForce);
    }

    [Fact]
    public void Every_computed_date_names_its_article()
    {
        var agreement = new AgreementBuilder().Build();

        var dates = AgreementDates.Of(agreement, new DateOnly(2022, 3, 15));

        Assert.Equal(new DateOnly(2023, 11, 30), dates.LastDayInForce!.Date);
        Assert.Equal("art. 17 : conclue pour 36 mois à compter du 1er décembre 2020, sans tacite reconduction ; dernier jour la veille de l'échéance", dates.LastDayInForce.Source);
        Assert.Equal(625, dates.DaysLeft);
        Assert.Equal(new DateOnly(2022, 5, 15), dates.NoticeIfReceivedToday!.Date);
        Assert.StartsWith("art. 18 : ", dates.NoticeIfReceivedToday.Source, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2022, 6, 14), dates.NextSpringMeetingDeadline!.Date);
        Assert.StartsWith("art. 14 : réunion avant le 15 juin 2022", dates.NextSpringMeetingDeadline.Source, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2022, 4, 29), dates.NextAnnualReportDeadline!.Date);
        Assert.StartsWith("art. 15 : bilan des actions du 1er janvier au 31 décembre 2021", dates.NextAnnualReportDeadline.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void The_terms_are_data_of_each_agreement()
    {
        var agreement = new AgreementBuilder()
            .WithTerms(AgreementTerms.Seed with { NoticePeriodMonths = 3, NoticePeriodArticle = "art. 20", SpringMeetingDueMonth = 7, SpringMeetingDueDay = 1 })
            .Build();

        var dates = AgreementDates.Of(agreement, new DateOnly(2022, 3, 15));

        Assert.Equal(new DateOnly(2022, 6, 15), dates.NoticeIfReceivedToday!.Date);
        Assert.StartsWith("art. 20 : ", dates.NoticeIfReceivedToday.Source, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2022, 6, 30), dates.NextSpringMeetingDeadline!.Date);
    }

    [Fact]
    public void No_new_action_once_the_agreement_has_ended()
    {
        var agreement = new AgreementBuilder().Build();

        var result = agreement.AcceptsNewActionsOn(new DateOnly(2023, 12, 1));

        Assert.True(result.IsFailure);
        Assert.Equal("La convention a pris fin le 30 novembre 2023 : aucune nouvelle action ne peut être engagée (art. 17).", result.Errors[0].Message);
    }
}
