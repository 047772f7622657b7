using Copil.Domain.Committee;
using Copil.Domain.Tests.Agreements;
using Copil.Domain.Voting;

namespace Copil.Domain.Tests.Committee;

/// <summary>Written consultations (art. 14): one vote per seat and item until the closing day, tallied by the rule of art. 13.</summary>
public sealed class ConsultationTests
{
    private static readonly DateOnly Today = new(2021, 9, 1);
    private static readonly DateTime Now = new(2021, 9, 1, 8, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void While_open_the_ballots_are_the_secretariat_s_and_each_seat_s_own_then_all_are_published_at_closing()
    {
        var agreement = new AgreementBuilder().Build();
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        var consultation = Consultation.Open(agreement, "Fiches", new DateOnly(2021, 9, 10), [(AgendaItemKind.Other, "Point", null)], Today).Value;
        consultation.Cast(agreement, consultation.Items[0].Id, seats[0], VoteChoice.For, "opco1", "lien", Now, Today);
        consultation.Cast(agreement, consultation.Items[0].Id, seats[2], VoteChoice.Against, "menjs", "lien", Now, Today);

        Assert.Equal(2, consultation.BallotsVisibleTo(runsTheConsultation: true, []).Count);
        Assert.Equal([seats[0]], consultation.BallotsVisibleTo(false, [seats[0]]).Select(b => b.SeatId));
        Assert.Empty(consultation.BallotsVisibleTo(false, []));

        Assert.True(consultation.Close(agreement, new DateOnly(2021, 9, 11)).IsSuccess);
        Assert.Equal(2, consultation.BallotsVisibleTo(false, []).Count);
    }

    [Fact]
    public void A_consultation_needs_a_subject_a_later_closing_date_and_points()
    {
        var agreement = new AgreementBuilder().Build();

        var errors = Consultation.Open(agreement, " ", Today, [], Today).Errors;

        Assert.Equal(["consultation.subject", "consultation.closes", "consultation.items"], errors.Select(e => e.Code));
        Assert.Equal("consultation.after-end", Assert.Single(Consultation.Open(agreement, "Objet", new DateOnly(2023, 12, 1), [(AgendaItemKind.Other, "Point", null)], Today).Errors).Code);
    }

    [Fact]
    public void Each_seat_votes_once_per_point_until_the_end_of_the_closing_day_then_each_point_is_tallied()
    {
        var agreement = new AgreementBuilder().Build();
        var seats = agreement.Seats.Select(s => s.Id).ToList();
        var consultation = Consultation.Open(agreement, "Fiches de la rentrée", new DateOnly(2021, 9, 10),
            [(AgendaItemKind.ActionSheet, "Fiche n° 4", Guid.NewGuid()), (AgendaItemKind.Priorities, "Priorités 2022", null)], Today).Value;
        var (sheet, priorities) = (consultation.Items[0].Id, consultation.Items[1].Id);

        Assert.True(consultation.Cast(agreement, sheet, seats[0], VoteChoice.For, "opco1", "lien", Now, Today).IsSuccess);
        Assert.Equal("consultation.twice", Assert.Single(consultation.Cast(agreement, sheet, seats[0], VoteChoice.Against, "opco1", "application", Now, Today).Errors).Code);
        consultation.Cast(agreement, sheet, seats[2], VoteChoice.Against, "menjs", "lien", Now, new DateOnly(2021, 9, 10));
        consultation.Cast(agreement, sheet, seats[3], VoteChoice.For, "mesri", "application", Now, Today);
        consultation.Cast(agreement, priorities, seats[0], VoteChoice.Abstain, "opco1", "lien", Now, Today);
        var late = consultation.Cast(agreement, priorities, seats[1], VoteChoice.For, "opco2", "lien", Now, new DateOnly(2021, 9, 11));
        Assert.Equal("consultation.closed", Assert.Single(late.Errors).Code);

        Assert.Equal("consultation.early", Assert.Single(consultation.Close(agreement, new DateOnly(2021, 9, 10)).Errors).Code);
        Assert.True(consultation.Close(agreement, new DateOnly(2021, 9, 11)).IsSuccess);

        Assert.Equal([TallyOutcome.Adopted, TallyOutcome.NoVoteCast], consultation.Results.Select(r => r.Outcome));
        Assert.StartsWith("Consultation écrite close le 10 septembre 2021 : Adopté : 2 voix pour, 1 voix contre", consultation.Results[0].Explanation, StringComparison.Ordinal);
        Assert.Contains("Aucune décision : aucune voix exprimée", consultation.Results[1].Explanation, StringComparison.Ordinal);
        Assert.Equal("consultation.closed", Assert.Single(consultation.Cast(agreement, priorities, seats[2], VoteChoice.For, "menjs", "lien", Now, new DateOnly(2021, 9, 11)).Errors).Code);
    }
}
