using Copil.Domain.Agreements;

namespace Copil.Domain.Tests.Agreements;

/// <summary>Art. 18: termination takes effect at the end of a minimum period of 2 months from receipt of the written notice.</summary>
public class TerminatingTests
{
    private static readonly DateOnly Today = new(2022, 6, 1);

    [Theory]
    [InlineData("2022-03-15", "2022-05-15")]
    [InlineData("2021-12-31", "2022-02-28")]
    [InlineData("2022-03-31", "2022-05-31")]
    public void The_effective_date_is_two_months_from_receipt(string received, string expected)
    {
        var agreement = new AgreementBuilder().Build();

        var result = agreement.RecordTermination(agreement.Parties[2].Id, D(received), null, null, Today);

        Assert.True(result.IsSuccess);
        Assert.Equal(D(expected), result.Value.EffectiveOn);
    }

    [Theory]
    // The seed ends on 30 November 2023 (signed 1 December 2020, 36 months).
    // Received 15 October: two months run to 15 December, past the end: the agreement ends by expiry, the notice has no further effect.
    [InlineData("2023-10-15", false, "2023-11-30")]
    // Received 30 September: takes effect on 30 November, the last day anyway: no earlier end, ends by expiry too.
    [InlineData("2023-09-30", false, "2023-11-30")]
    // Received 29 September: takes effect on 29 November, one day before the end.
    [InlineData("2023-09-29", true, "2023-11-29")]
    public void A_notice_whose_period_runs_past_the_expiry_has_no_further_effect(string received, bool takesEffect, string lastDay)
    {
        var agreement = new AgreementBuilder().Build();

        Assert.True(agreement.RecordTermination(agreement.Parties[0].Id, D(received), null, null, D("2023-11-01")).IsSuccess);

        Assert.Equal(takesEffect, agreement.TerminationTakesEffect);
        Assert.Equal(D(lastDay), agreement.LastDayInForce);
        Assert.Equal(takesEffect ? AgreementStatus.UnderNotice : AgreementStatus.InForce, agreement.StatusOn(D("2023-11-01")));
        Assert.StartsWith(takesEffect ? "La résiliation prend effet à l'expiration du 29 novembre 2023" : "La convention prend fin par expiration le 30 novembre 2023, avant la fin du préavis",
            agreement.TerminationOutcome, StringComparison.Ordinal);
        Assert.EndsWith("les actions engagées sont menées à leur terme (art. 18).", agreement.TerminationOutcome, StringComparison.Ordinal);
        Assert.Equal(takesEffect ? "Prise d'effet de la résiliation" : "Fin par expiration, avant la fin du préavis", AgreementDates.Of(agreement, D("2023-11-01")).TerminationEffective!.Label);
    }

    [Fact]
    public void A_later_date_may_be_requested()
    {
        var agreement = new AgreementBuilder().Build();

        var result = agreement.RecordTermination(agreement.Parties[0].Id, D("2022-03-15"), D("2022-08-31"), "Réorganisation", Today);

        Assert.Equal(D("2022-08-31"), result.Value.EffectiveOn);
        Assert.Equal(D("2022-05-15"), result.Value.EarliestEffectiveOn);
    }

    [Fact]
    public void An_earlier_date_is_refused_with_the_article()
    {
        var agreement = new AgreementBuilder().Build();

        var result = agreement.RecordTermination(agreement.Parties[0].Id, D("2022-03-15"), D("2022-05-14"), null, Today);

        Assert.True(result.IsFailure);
        Assert.Equal("RequestedEffectiveOn", result.Errors[0].Field);
        Assert.Equal("La résiliation ne peut pas prendre effet avant le 15 mai 2022 : délai minimal de 2 mois à compter de la réception le 15 mars 2022 (art. 18).", result.Errors[0].Message);
        Assert.Null(agreement.Termination);
    }

    [Fact]
    public void Under_notice_the_agreement_stays_in_force_until_the_effective_date_then_ends()
    {
        var agreement = new AgreementBuilder().Build();

        agreement.RecordTermination(agreement.Parties[0].Id, D("2022-03-15"), null, null, Today);

        Assert.Equal(AgreementStatus.UnderNotice, agreement.StatusOn(D("2022-05-15")));
        Assert.Equal(AgreementStatus.Ended, agreement.StatusOn(D("2022-05-16")));
        Assert.Equal(D("2022-05-15"), agreement.LastDayInForce);
        Assert.True(agreement.AcceptsNewActionsOn(D("2022-05-15")).IsSuccess);
        Assert.Equal("La résiliation a pris effet le 15 mai 2022 : aucune nouvelle action ne peut être engagée ; les actions engagées sont menées à leur terme (art. 18).",
            agreement.AcceptsNewActionsOn(D("2022-05-16")).Errors[0].Message);
    }

    [Fact]
    public void A_notice_cannot_be_received_in_the_future_nor_after_the_end_nor_twice()
    {
        var agreement = new AgreementBuilder().Build();
        var party = agreement.Parties[0].Id;

        Assert.Equal("termination.received.future", agreement.RecordTermination(party, D("2022-06-02"), null, null, Today).Errors[0].Code);
        Assert.Equal("termination.ended", agreement.RecordTermination(party, D("2024-01-02"), null, null, D("2024-02-01")).Errors[0].Code);
        agreement.RecordTermination(party, D("2022-03-15"), null, null, Today);
        Assert.Equal("termination.exists", agreement.RecordTermination(party, D("2022-03-16"), null, null, Today).Errors[0].Code);
    }

    [Fact]
    public void Only_a_party_of_the_agreement_gives_notice()
    {
        var agreement = new AgreementBuilder().Build();

        var result = agreement.RecordTermination(Guid.NewGuid(), D("2022-03-15"), null, null, Today);

        Assert.Equal("PartyId", result.Errors[0].Field);
    }

    [Fact]
    public void A_termination_after_the_end_of_term_does_not_extend_it()
    {
        var agreement = new AgreementBuilder().Build();

        agreement.RecordTermination(agreement.Parties[0].Id, D("2023-11-01"), D("2024-03-01"), null, D("2023-11-02"));

        Assert.Equal(D("2023-11-30"), agreement.LastDayInForce);
    }

    [Fact]
    public void The_agreement_page_names_the_article_of_the_termination_date()
    {
        var agreement = new AgreementBuilder().Build();
        agreement.RecordTermination(agreement.Parties[0].Id, D("2022-03-15"), null, null, Today);

        var dates = AgreementDates.Of(agreement, Today);

        Assert.Equal(D("2022-05-15"), dates.TerminationEffective!.Date);
        Assert.Equal("art. 18 : délai minimal de 2 mois à compter du 15 mars 2022, date de réception de la notification du MENJS ; la résiliation prend effet à l'expiration de ce délai", dates.TerminationEffective.Source);
    }

    private static DateOnly D(string iso) => DateOnly.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);
}
