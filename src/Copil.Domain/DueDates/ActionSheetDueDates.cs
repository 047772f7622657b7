using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Calendar;
using Copil.Domain.Common;

namespace Copil.Domain.DueDates;

/// <summary>The due dates the life of the actions sets: opinions awaited (when the agreement sets a delay), completion reports.</summary>
public static class ActionSheetDueDates
{
    public static IReadOnlyList<DueItem> For(Agreement agreement, IEnumerable<ActionSheet> sheets, DateOnly today)
    {
        var items = new List<DueItem>();
        var terms = agreement.Terms;
        var calendar = terms.Calendar();
        foreach (var sheet in sheets)
        {
            var link = $"sheet:{agreement.Id}:{sheet.Id}";
            var title = string.IsNullOrWhiteSpace(sheet.Title) ? $"fiche n° {sheet.Number}" : $"fiche n° {sheet.Number} « {sheet.Title} »";

            // Opinions: only when the agreement sets a delay (the seed sets none).
            if (terms.OpinionDelayDays is { } delay && sheet.ReviewedVersion is { SubmittedOn: { } submitted } version
                && sheet.Status is ActionStatus.Submitted or ActionStatus.UnderReview)
            {
                var deadline = Deadlines.DaysAfter(submitted, delay, terms.WorkingDayPolicy, calendar);
                foreach (var party in sheet.AwaitedOpinions(agreement))
                {
                    items.Add(new DueItem($"sheet:{sheet.Id}:opinion:{version.Number}:{party.Id}", agreement.Id, $"Avis de {party.ShortName} sur la {title} (version {version.Number})",
                        deadline.Date, new DueOwner(AgreementRole.ReviewingDirectorate, PartyId: party.Id),
                        $"délai de {FrenchText.DayCount(delay)} fixé par la convention pour rendre un avis : {deadline.Explanation}", link, Statutory: false, Done: false));
                }
            }

            // art. 15: every action has a completion report; the annual report of the year it ended needs it.
            if (sheet.Status is ActionStatus.InProgress && sheet.EffectiveContent.EndsOn is { } ends && sheet.Report?.SubmittedOn is null)
            {
                var deadline = Deadlines.StrictlyBefore(new DateOnly(ends.Year + 1, terms.AnnualReportDueMonth, terms.AnnualReportDueDay), calendar);
                items.Add(new DueItem($"sheet:{sheet.Id}:completion-report", agreement.Id, $"Fiche de réalisation de la {title}",
                    deadline.Date, new DueOwner(AgreementRole.ActionCarrier, Organisation: sheet.CarrierOrganisation),
                    $"{terms.AnnualReportArticle} : chaque action fait l'objet d'une fiche de réalisation, reprise dans le bilan annuel {ends.Year} adressé {deadline.Explanation}",
                    link, Statutory: true, Done: false));
            }
        }

        return items;
    }
}
