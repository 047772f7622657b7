using Copil.Domain.Common;

namespace Copil.Domain.Calendar;

/// <summary>What happens to a forward deadline that falls on a Saturday, Sunday or public holiday (code de procédure civile, art. 642).</summary>
public enum WorkingDayPolicy
{
    /// <summary>The deadline stays on the day it falls, whatever day it is.</summary>
    CalendarDays = 0,

    /// <summary>The deadline is pushed to the next working day (art. 642).</summary>
    ExtendToNextWorkingDay = 1,
}

/// <summary>A computed date with the French explanation of how it was reached.</summary>
/// <param name="Date">The date itself.</param>
/// <param name="Explanation">How it was computed, in French, e.g. "7 jours après le 3 juin 2026, le jour de l'événement non compté".</param>
public sealed record ComputedDeadline(DateOnly Date, string Explanation)
{
    /// <summary>The date before any working-day adjustment.</summary>
    public DateOnly Unadjusted { get; init; } = Date;

    public bool WasAdjusted => Unadjusted != Date;
}

/// <summary>
/// Deadline arithmetic as French legal usage reads it (code de procédure civile, art. 641 and 642),
/// so that a lawyer checking a date agrees with the product.
/// </summary>
public static class Deadlines
{
    /// <summary>
    /// "Within N days" of an event: the day of the event is not counted (art. 641), so the deadline is event + N.
    /// With <see cref="WorkingDayPolicy.ExtendToNextWorkingDay"/>, a deadline on a non-working day moves to the next working day (art. 642).
    /// </summary>
    public static ComputedDeadline DaysAfter(DateOnly eventDate, int days, WorkingDayPolicy policy, WorkingDayCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var raw = eventDate.AddDays(days);
        var text = $"{FrenchText.DayCount(days)} après le {FrenchText.Date(eventDate)}, le jour de l'événement non compté";
        if (policy == WorkingDayPolicy.ExtendToNextWorkingDay && !calendar.IsWorkingDay(raw))
        {
            var moved = calendar.NextWorkingDayFrom(raw);
            return new ComputedDeadline(moved, $"{text} ; le {FrenchText.Date(raw)} étant {calendar.WhyNotWorking(raw)}, reporté au {FrenchText.DateWithDay(moved)}")
            {
                Unadjusted = raw,
            };
        }

        return new ComputedDeadline(raw, text);
    }

    /// <summary>
    /// A period of N months from a date ends on the day with the same number in the final month,
    /// or on the last day of that month when that day does not exist (art. 641).
    /// </summary>
    public static ComputedDeadline MonthsAfter(DateOnly start, int months)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        var end = start.AddMonths(months);
        var text = end.Day == start.Day
            ? $"{FrenchText.MonthsCount(months)} à compter du {FrenchText.Date(start)}"
            : $"{FrenchText.MonthsCount(months)} à compter du {FrenchText.Date(start)}, le {start.Day} n'existant pas en {FrenchText.MonthName(end.Month)} : dernier jour du mois";
        return new ComputedDeadline(end, text);
    }

    /// <summary>
    /// "At least N days before" a reference date: the last allowed day is reference − N;
    /// when it is not a working day the deadline moves earlier, never later.
    /// </summary>
    public static ComputedDeadline AtLeastDaysBefore(DateOnly reference, int days, WorkingDayCalendar calendar)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var raw = reference.AddDays(-days);
        var lead = days == 7 ? "une semaine" : FrenchText.DayCount(days);
        var text = $"au plus tard {lead} avant le {FrenchText.Date(reference)}";
        return MoveEarlierIfNeeded(raw, text, calendar);
    }

    /// <summary>
    /// "Before" a named date: the date itself is excluded, so the last allowed day is the day before;
    /// when it is not a working day the deadline moves earlier, never later.
    /// </summary>
    public static ComputedDeadline StrictlyBefore(DateOnly reference, WorkingDayCalendar calendar)
    {
        var raw = reference.AddDays(-1);
        var text = $"avant le {FrenchText.Date(reference)}, cette date exclue";
        return MoveEarlierIfNeeded(raw, text, calendar);
    }

    private static ComputedDeadline MoveEarlierIfNeeded(DateOnly raw, string text, WorkingDayCalendar calendar)
    {
        if (calendar.IsWorkingDay(raw))
        {
            return new ComputedDeadline(raw, text);
        }

        var moved = calendar.PreviousWorkingDayFrom(raw);
        return new ComputedDeadline(moved, $"{text} ; le {FrenchText.Date(raw)} étant {calendar.WhyNotWorking(raw)}, avancé au {FrenchText.DateWithDay(moved)}")
        {
            Unadjusted = raw,
        };
    }

    /// <summary>Calendar days from one date to another (negative when the second is earlier).</summary>
    public static int DaysBetween(DateOnly from, DateOnly to) => to.DayNumber - from.DayNumber;
}
