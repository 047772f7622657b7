using Copil.Domain.Calendar;
using Copil.Domain.Common;

namespace Copil.Domain.Agreements;

/// <summary>A date the product computed, with the article it comes from and how it was reached, in French.</summary>
/// <param name="Label">What the date is, e.g. "Dernier jour en vigueur".</param>
/// <param name="Date">The date.</param>
/// <param name="Source">Article and rule: "art. 17 : conclue pour 36 mois à compter du 1er décembre 2020, sans tacite reconduction".</param>
public sealed record SourcedDate(string Label, DateOnly Date, string Source);

/// <summary>Every date of an agreement that its page shows, each naming its source article.</summary>
public sealed record AgreementDates(
    AgreementStatus Status,
    SourcedDate? InForceFrom,
    SourcedDate? LastDayInForce,
    int? DaysLeft,
    SourcedDate? TerminationEffective,
    SourcedDate? NoticeIfReceivedToday,
    SourcedDate? NextSpringMeetingDeadline,
    SourcedDate? NextAnnualReportDeadline)
{
    public static AgreementDates Of(Agreement agreement, DateOnly today)
    {
        var status = agreement.StatusOn(today);
        if (agreement.SignedOn is not { } signed)
        {
            return new AgreementDates(status, null, null, null, null, null, null, null);
        }

        var terms = agreement.Terms;
        var calendar = terms.Calendar();
        var inForce = new SourcedDate("Entrée en vigueur", signed,
            $"{agreement.TermArticle} : prend effet à compter de sa date de signature");

        var lastDay = LastDay(agreement);
        var daysLeft = agreement.IsInForceOn(today) ? Deadlines.DaysBetween(today, lastDay.Date) : (int?)null;

        SourcedDate? termination = null;
        if (agreement.Termination is { } t)
        {
            var rule = agreement.EarliestTerminationFor(t.ReceivedOn);
            var ofParty = agreement.PartyById(t.PartyId) is { } giver ? Actions.ActionLabels.OfParty(giver) : "d'une partie";
            var source = t.RequestedEffectiveOn is { } requested
                ? $"{terms.NoticePeriodArticle} : délai minimal de {FrenchText.MonthsCount(terms.NoticePeriodMonths)} à compter de la réception de la notification {ofParty} le {FrenchText.Date(t.ReceivedOn)} (au plus tôt le {FrenchText.Date(rule.Date)}) ; date plus tardive demandée : le {FrenchText.Date(requested)}"
                : $"{terms.NoticePeriodArticle} : délai minimal de {rule.Explanation}, date de réception de la notification {ofParty} ; la résiliation prend effet à l'expiration de ce délai";
            termination = agreement.TerminationTakesEffect
                ? new SourcedDate("Prise d'effet de la résiliation", t.EffectiveOn, source)
                : new SourcedDate("Fin par expiration, avant la fin du préavis", agreement.ScheduledLastDay!.Value,
                    $"{source} ; ce délai court au-delà de l'échéance de la convention, qui prend fin à cette date : la résiliation n'a pas d'autre effet");
        }

        SourcedDate? hypothetical = null;
        if (agreement.Termination is null && agreement.IsInForceOn(today))
        {
            var rule = agreement.EarliestTerminationFor(today);
            hypothetical = new SourcedDate("Résiliation si un préavis était reçu aujourd'hui", rule.Date,
                $"{terms.NoticePeriodArticle} : délai minimal de {rule.Explanation}");
        }

        SourcedDate? spring = null;
        SourcedDate? report = null;
        if (agreement.IsInForceOn(today))
        {
            var springDay = new DateOnly(today.Year, terms.SpringMeetingDueMonth, terms.SpringMeetingDueDay);
            var springDeadline = Deadlines.StrictlyBefore(springDay, calendar);
            if (springDeadline.Date < today)
            {
                springDay = springDay.AddYears(1);
                springDeadline = Deadlines.StrictlyBefore(springDay, calendar);
            }

            if (springDeadline.Date <= lastDay.Date)
            {
                spring = new SourcedDate($"Comité de printemps {springDay.Year} : dernier jour possible", springDeadline.Date,
                    $"{terms.SpringMeetingArticle} : réunion {springDeadline.Explanation}");
            }

            var reportDay = new DateOnly(today.Year, terms.AnnualReportDueMonth, terms.AnnualReportDueDay);
            var reportDeadline = Deadlines.StrictlyBefore(reportDay, calendar);
            if (reportDeadline.Date < today)
            {
                reportDay = reportDay.AddYears(1);
                reportDeadline = Deadlines.StrictlyBefore(reportDay, calendar);
            }

            report = new SourcedDate($"Bilan annuel {reportDay.Year - 1} : envoi aux signataires", reportDeadline.Date,
                $"{terms.AnnualReportArticle} : bilan des actions du 1er janvier au 31 décembre {reportDay.Year - 1}, adressé {reportDeadline.Explanation}");
        }

        return new AgreementDates(status, inForce, lastDay, daysLeft, termination, hypothetical, spring, report);
    }

    private static SourcedDate LastDay(Agreement agreement)
    {
        var signed = agreement.SignedOn!.Value;
        var renewal = agreement.RenewalPolicy switch
        {
            RenewalPolicy.None => "sans tacite reconduction",
            RenewalPolicy.OnPartnerRequest => "renouvelable à la demande du partenaire",
            _ => "prolongeable par avenant",
        };
        var rule = agreement.EndOfTermRule == EndOfTermRule.DayBeforeAnniversary
            ? "dernier jour la veille de l'échéance"
            : "dernier jour le jour de l'échéance";
        var source = $"{agreement.TermArticle} : conclue pour {FrenchText.MonthsCount(agreement.TermMonths)} à compter du {FrenchText.Date(signed)}, {renewal} ; {rule}";
        var date = agreement.EndOfTerm!.Value;

        if (agreement.Amendments.LastOrDefault(a => a.NewEndDate is not null) is { } amendment)
        {
            date = amendment.NewEndDate!.Value;
            source = $"avenant n° {amendment.Number} du {FrenchText.Date(amendment.SignedOn)} ({agreement.TermArticle} : modification par avenant) ; échéance initiale le {FrenchText.Date(agreement.EndOfTerm.Value)}";
        }

        if (agreement.Termination is { } t && t.EffectiveOn < date)
        {
            return new SourcedDate("Dernier jour en vigueur", t.EffectiveOn,
                $"{agreement.Terms.NoticePeriodArticle} : résiliation notifiée le {FrenchText.Date(t.ReceivedOn)} (échéance prévue le {FrenchText.Date(date)})");
        }

        return new SourcedDate("Dernier jour en vigueur", date, source);
    }
}
