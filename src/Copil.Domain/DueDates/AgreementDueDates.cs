using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Calendar;
using Copil.Domain.Common;

namespace Copil.Domain.DueDates;

/// <summary>The due dates an agreement itself sets: annual reports, spring committees, end of term, termination.</summary>
public static class AgreementDueDates
{
    /// <summary>
    /// How long before the end of a term without tacit renewal the parties are reminded to decide what follows.
    /// A product choice, not a clause: the seed only says there is no tacit renewal (art. 17).
    /// </summary>
    public const int RenewalDecisionMonths = 6;

    /// <summary>Every due date of the agreement's life, from its signature to a year after <paramref name="today"/>.</summary>
    public static IReadOnlyList<DueItem> For(Agreement agreement, DateOnly today) => For(agreement, today, []);

    /// <param name="annualReportsSent">Years whose annual report was sent to the signatories: their due date is done.</param>
    public static IReadOnlyList<DueItem> For(Agreement agreement, DateOnly today, IReadOnlyCollection<int> annualReportsSent) =>
        For(agreement, today, annualReportsSent.ToDictionary(year => year, _ => (IReadOnlyCollection<Guid>)[]));

    /// <param name="validatedBy">
    /// For each year whose annual report was sent to the signatories, the signatories that validated the version sent:
    /// the report's due date is done, and so is each of their validations.
    /// </param>
    public static IReadOnlyList<DueItem> For(Agreement agreement, DateOnly today, IReadOnlyDictionary<int, IReadOnlyCollection<Guid>> validatedBy)
    {
        var annualReportsSent = validatedBy.Keys.ToHashSet();
        var items = new List<DueItem>();
        if (agreement.SignedOn is not { } signed || agreement.LastDayInForce is not { } lastDay || agreement.StatusOn(today) == AgreementStatus.Void)
        {
            return items;
        }

        var terms = agreement.Terms;
        var calendar = terms.Calendar();
        var secretariat = new DueOwner(AgreementRole.Secretariat);
        var from = signed;
        var to = today.AddYears(1);
        var link = $"agreement:{agreement.Id}";

        // art. 15: the annual report of each year the agreement was in force, before 30 April of the next year.
        for (var year = signed.Year; year <= lastDay.Year; year++)
        {
            var deadline = terms.AnnualReportDeadline(year);
            if (deadline.Date >= from && deadline.Date <= to)
            {
                items.Add(new DueItem($"agreement:{agreement.Id}:annual-report:{year}", agreement.Id, $"Bilan annuel {year} adressé aux signataires",
                    deadline.Date, secretariat, $"{terms.AnnualReportArticle} : bilan des actions de {year}, adressé {deadline.Explanation}", $"annual-report:{agreement.Id}:{year}", Statutory: true,
                    Done: annualReportsSent.Contains(year) ? true : null));

                // The same reading of art. 15: the report goes to the signatories "pour validation avant le 30 avril";
                // each ministry's validation is its own line, owned by its reviewing directorate.
                foreach (var party in Reporting.AnnualReport.Validators(agreement))
                {
                    var sent = validatedBy.TryGetValue(year, out var validated);
                    items.Add(new DueItem($"agreement:{agreement.Id}:annual-report:{year}:validation:{party.Id}", agreement.Id,
                        $"Validation du bilan annuel {year} par {Actions.ActionLabels.TheParty(party)}", deadline.Date, new DueOwner(AgreementRole.ReviewingDirectorate, party.Id),
                        $"{terms.AnnualReportArticle} : bilan des actions de {year} adressé aux signataires pour validation {deadline.Explanation}",
                        $"annual-report:{agreement.Id}:{year}", Statutory: true,
                        Done: sent && validated!.Contains(party.Id) ? true : sent ? false : null));
                }
            }
        }

        // art. 14: the spring committee of each year in force, before 15 June.
        for (var year = signed.Year; year <= lastDay.Year; year++)
        {
            var day = new DateOnly(year, terms.SpringMeetingDueMonth, terms.SpringMeetingDueDay);
            var deadline = Deadlines.StrictlyBefore(day, calendar);
            if (deadline.Date >= signed && deadline.Date <= lastDay && deadline.Date >= from && deadline.Date <= to)
            {
                items.Add(new DueItem($"agreement:{agreement.Id}:spring-meeting:{year}", agreement.Id, $"Comité de pilotage de printemps {year}",
                    deadline.Date, secretariat, $"{terms.SpringMeetingArticle} : réunion {deadline.Explanation}, pour le bilan de {year - 1} et le suivi de {year}", link, Statutory: true));
            }
        }

        // art. 17 / 18: the last day in force, and a decision on what follows well before a term without tacit renewal.
        if (lastDay >= from && lastDay <= to)
        {
            var terminated = agreement.Termination is { } t && t.EffectiveOn == lastDay;
            items.Add(new DueItem($"agreement:{agreement.Id}:end", agreement.Id,
                terminated ? "Prise d'effet de la résiliation" : "Dernier jour en vigueur de la convention", lastDay, secretariat,
                terminated
                    ? $"{terms.NoticePeriodArticle} : délai minimal de {FrenchText.MonthsCount(terms.NoticePeriodMonths)} à compter de la réception de la notification le {FrenchText.Date(agreement.Termination!.ReceivedOn)} ; les actions engagées sont menées à leur terme"
                    : $"{agreement.TermArticle} : conclue pour {FrenchText.MonthsCount(agreement.TermMonths)} à compter du {FrenchText.Date(signed)}",
                link, Statutory: true));
        }

        if (agreement.Termination is null && agreement.RenewalPolicy != RenewalPolicy.OnPartnerRequest)
        {
            var decision = lastDay.AddMonths(-RenewalDecisionMonths);
            if (decision >= from && decision <= to && decision >= signed)
            {
                items.Add(new DueItem($"agreement:{agreement.Id}:renewal-decision", agreement.Id, "Décider de la suite de la convention (nouvelle convention ou avenant)",
                    decision, secretariat,
                    $"{agreement.TermArticle} : {(agreement.RenewalPolicy == RenewalPolicy.None ? "pas de tacite reconduction" : "prolongation par avenant, signé pendant la validité")} ; échéance le {FrenchText.Date(lastDay)}, rappel {RenewalDecisionMonths} mois avant",
                    link, Statutory: false));
            }
        }

        return items;
    }
}
