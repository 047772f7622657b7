using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Calendar;
using Copil.Domain.Common;

namespace Copil.Domain.DueDates;

/// <summary>
/// The few facts of a sheet its due dates depend on, so that the échéancier reads them with a projection instead of
/// loading whole sheets.
/// </summary>
public sealed record SheetDueFacts(
    Guid Id, int Number, string Title, string CarrierOrganisation, ActionStatus Status,
    int? ReviewVersionNumber, DateOnly? ReviewSubmittedOn, IReadOnlyList<Guid> PartiesWithOpinionOnReview,
    DateOnly? EndsOn, DateOnly? ReportSubmittedOn)
{
    public static SheetDueFacts Of(ActionSheet sheet) => new(
        sheet.Id, sheet.Number, sheet.Title, sheet.CarrierOrganisation, sheet.Status,
        sheet.ReviewedVersion?.Number, sheet.ReviewedVersion?.SubmittedOn,
        [.. sheet.Opinions.Where(o => o.VersionNumber == sheet.ReviewedVersion?.Number).Select(o => o.PartyId)],
        sheet.EffectiveContent.EndsOn, sheet.Report?.SubmittedOn);
}

/// <summary>The due dates the life of the actions sets: opinions awaited (when the agreement sets a delay), completion reports.</summary>
public static class ActionSheetDueDates
{
    /// <summary>When the opinions on a version submitted that day are due, or null when the agreement sets no delay.</summary>
    public static DateOnly? OpinionDueOn(Agreement agreement, DateOnly submittedOn) =>
        agreement.Terms.OpinionDelayDays is { } delay
            ? Deadlines.DaysAfter(submittedOn, delay, agreement.Terms.WorkingDayPolicy, agreement.Terms.Calendar()).Date
            : null;

    /// <summary>When the completion report of an action ending that day is due: with the annual report of its year (art. 15).</summary>
    public static DateOnly ReportDueOn(Agreement agreement, DateOnly endsOn) => agreement.Terms.AnnualReportDeadline(endsOn.Year).Date;

    /// <summary>
    /// The order of a sheet's due dates among those of the same day: by the date they come from (the deadline never
    /// goes back as it moves forward), then by number, so that a database can page them in the same order.
    /// </summary>
    public static long Order(DateOnly from, int number) => (from.DayNumber * 1_000_000L) + number;

    public static IReadOnlyList<DueItem> For(Agreement agreement, IEnumerable<ActionSheet> sheets, DateOnly today) =>
        For(agreement, sheets.Select(SheetDueFacts.Of), today);

    public static IReadOnlyList<DueItem> For(Agreement agreement, IEnumerable<SheetDueFacts> sheets, DateOnly today)
    {
        var items = new List<DueItem>();
        var terms = agreement.Terms;
        var calendar = terms.Calendar();
        foreach (var sheet in sheets)
        {
            var link = $"sheet:{agreement.Id}:{sheet.Id}";
            var title = string.IsNullOrWhiteSpace(sheet.Title) ? $"fiche n° {sheet.Number}" : $"fiche n° {sheet.Number} « {sheet.Title} »";

            // Opinions: only when the agreement sets a delay (the seed sets none).
            if (terms.OpinionDelayDays is { } delay && sheet.ReviewVersionNumber is { } version && sheet.ReviewSubmittedOn is { } submitted
                && sheet.Status is ActionStatus.Submitted or ActionStatus.UnderReview)
            {
                var deadline = Deadlines.DaysAfter(submitted, delay, terms.WorkingDayPolicy, calendar);
                foreach (var party in agreement.Parties.Where(p => p.IsState && !sheet.PartiesWithOpinionOnReview.Contains(p.Id)))
                {
                    items.Add(new DueItem($"sheet:{sheet.Id}:opinion:{version}:{party.Id}", agreement.Id, $"Avis {ActionLabels.OfParty(party)} sur la {title} (version {version})",
                        deadline.Date, new DueOwner(AgreementRole.ReviewingDirectorate, PartyId: party.Id),
                        $"délai de {FrenchText.DayCount(delay)} fixé par la convention pour rendre un avis : {deadline.Explanation}", link, Statutory: false, Done: false)
                    { SheetCarrier = sheet.CarrierOrganisation, Topic = new DueTopic(title, "avis attendu", "avis attendus", Order(submitted, sheet.Number)) });
                }
            }

            // art. 15: every action has a completion report; the annual report of the year it ended needs it.
            if (sheet.Status is ActionStatus.InProgress && sheet.EndsOn is { } ends && sheet.ReportSubmittedOn is null)
            {
                var deadline = terms.AnnualReportDeadline(ends.Year);
                items.Add(new DueItem($"sheet:{sheet.Id}:completion-report", agreement.Id, $"Fiche de réalisation de la {title}",
                    deadline.Date, new DueOwner(AgreementRole.ActionCarrier, Organisation: sheet.CarrierOrganisation),
                    $"{terms.AnnualReportArticle} : chaque action fait l'objet d'une fiche de réalisation, reprise dans le bilan annuel {ends.Year} adressé {deadline.Explanation}",
                    link, Statutory: true, Done: false)
                { SheetCarrier = sheet.CarrierOrganisation, Topic = new DueTopic(title, "fiche de réalisation attendue", "fiches de réalisation attendues", Order(ends, sheet.Number)) });
            }
        }

        return items;
    }
}
