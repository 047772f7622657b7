using Copil.Domain.Agreements;
using Copil.Domain.Calendar;
using Copil.Domain.Common;

namespace Copil.Domain.Committee;

/// <summary>Whether a rule of the calendar was kept in a year: yes, no, or not yet known.</summary>
public sealed record CalendarCheck(int Year, string Rule, bool? Kept, string Explanation);

/// <summary>
/// The statutory calendar of the committee (art. 14 of the seed), year by year: a spring meeting before 15 June, a
/// year-end meeting before the board meeting that adopts next year's actions, at least two meetings.
/// </summary>
public static class CommitteeCalendar
{
    public static IReadOnlyList<CalendarCheck> For(Agreement agreement, int year, IEnumerable<Meeting> meetings, DateOnly today)
    {
        var terms = agreement.Terms;
        var ofYear = meetings.Where(m => m.Year == year && m.Status != MeetingStatus.Cancelled).ToList();
        var held = ofYear.Where(m => m.Status == MeetingStatus.Held).ToList();
        var checks = new List<CalendarCheck>();

        var springLimit = Deadlines.StrictlyBefore(new DateOnly(year, terms.SpringMeetingDueMonth, terms.SpringMeetingDueDay), terms.Calendar());
        var spring = held.Where(m => m.Kind == MeetingKind.Spring).OrderBy(m => m.MeetsOn).FirstOrDefault();
        var springRule = $"Comité de printemps {year} ({terms.SpringMeetingArticle} : {springLimit.Explanation})";

        // A year the agreement only partly covers owes only the meetings its term spans: no spring committee before
        // the signature, no year-end committee (for the next year's actions) once the agreement ends that year.
        var springApplies = agreement.SignedOn is not { } signed || signed <= springLimit.Date;
        var yearEndApplies = agreement.LastDayInForce is not { } lastDay || lastDay.Year > year;
        var required = Math.Min(terms.MinimumMeetingsPerYear, (springApplies ? 1 : 0) + (yearEndApplies ? 1 : 0));
        checks.Add(!springApplies && spring is null
            ? new CalendarCheck(year, springRule, null, $"Sans objet : la convention a été signée le {FrenchText.Date(agreement.SignedOn!.Value)}, après cette date.")
            : spring is not null
            ? new CalendarCheck(year, springRule, spring.MeetsOn <= springLimit.Date,
                spring.MeetsOn <= springLimit.Date
                    ? $"Tenu le {FrenchText.Date(spring.MeetsOn)}, dans le délai."
                    : $"Tenu le {FrenchText.Date(spring.MeetsOn)}, après la date limite du {FrenchText.Date(springLimit.Date)}.")
            : today > springLimit.Date
                ? new CalendarCheck(year, springRule, false, $"Aucun comité de printemps tenu au {FrenchText.Date(springLimit.Date)}.")
                : new CalendarCheck(year, springRule, null, ofYear.Any(m => m.Kind == MeetingKind.Spring)
                    ? $"Prévu le {FrenchText.Date(ofYear.Where(m => m.Kind == MeetingKind.Spring).Min(m => m.MeetsOn))} ; date limite le {FrenchText.Date(springLimit.Date)}."
                    : $"Pas encore planifié ; date limite le {FrenchText.Date(springLimit.Date)}."));

        var yearEnd = ofYear.Where(m => m.Kind == MeetingKind.YearEnd).OrderBy(m => m.MeetsOn).FirstOrDefault();
        var yearEndRule = $"Comité de fin d'année {year} ({terms.SpringMeetingArticle} : avant le conseil d'administration qui arrête les actions de {year + 1})";
        checks.Add(yearEnd switch
        {
            null when !yearEndApplies => new CalendarCheck(year, yearEndRule, null, $"Sans objet : la convention prend fin le {FrenchText.Date(agreement.LastDayInForce!.Value)}, sans actions l'année suivante."),
            null => new CalendarCheck(year, yearEndRule, today.Year > year ? false : null, today.Year > year ? $"Aucun comité de fin d'année tenu en {year}." : "Pas encore planifié."),
            { BoardMeetingOn: null } => new CalendarCheck(year, yearEndRule, null, $"{(yearEnd.Status == MeetingStatus.Held ? "Tenu" : "Prévu")} le {FrenchText.Date(yearEnd.MeetsOn)} ; la date du conseil d'administration n'est pas indiquée."),
            { Status: MeetingStatus.Held } => new CalendarCheck(year, yearEndRule, yearEnd.MeetsOn < yearEnd.BoardMeetingOn,
                $"Tenu le {FrenchText.Date(yearEnd.MeetsOn)}, {(yearEnd.MeetsOn < yearEnd.BoardMeetingOn ? "avant" : "après")} le conseil d'administration du {FrenchText.Date(yearEnd.BoardMeetingOn!.Value)}."),
            _ => new CalendarCheck(year, yearEndRule, null, $"Prévu le {FrenchText.Date(yearEnd.MeetsOn)}, avant le conseil d'administration du {FrenchText.Date(yearEnd.BoardMeetingOn!.Value)}."),
        });

        var countRule = $"Au moins {FrenchText.Plural(required, "réunion", "réunions")} en {year} ({terms.SpringMeetingArticle}{(required < terms.MinimumMeetingsPerYear ? ", année partiellement couverte par la convention" : "")})";
        checks.Add(held.Count >= required
            ? new CalendarCheck(year, countRule, true, $"{FrenchText.Plural(held.Count, "réunion tenue", "réunions tenues")}.")
            : new CalendarCheck(year, countRule, today.Year > year ? false : null, $"{FrenchText.Plural(held.Count, "réunion tenue", "réunions tenues")} à ce jour."));
        return checks;
    }
}
