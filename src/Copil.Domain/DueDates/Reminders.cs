namespace Copil.Domain.DueDates;

/// <summary>A reminder to send about a due date; its key makes it unique, so that it is sent once.</summary>
public sealed record Reminder(DueItem Item, string Key, string Kind, int? DaysBefore, int? DaysOverdue);

/// <summary>
/// Which reminders are due on a day: before each due date at the given offsets (the nearest one already reached, so
/// that a day the job did not run is caught up without sending two), then weekly while it is known to be overdue and
/// its agreement is still in force: once the agreement has ended, a missed date is « non respecté » (DueStates) and
/// recalling it every week, for ever, would only bury the reminders that still matter.
/// </summary>
public static class Reminders
{
    /// <summary>7 and 2 days before, and on the day.</summary>
    public static readonly IReadOnlyList<int> DefaultOffsets = [7, 2, 0];

    /// <param name="lastDayInForce">The agreement's last day in force (null while unknown): no overdue reminder after it.</param>
    public static IReadOnlyList<Reminder> DueOn(IEnumerable<DueItem> items, DateOnly today, IReadOnlyList<int>? offsets = null, DateOnly? lastDayInForce = null)
    {
        offsets ??= DefaultOffsets;
        var reminders = new List<Reminder>();
        foreach (var item in items.Where(i => i.Done != true))
        {
            var daysLeft = item.DueOn.DayNumber - today.DayNumber;
            if (daysLeft >= 0)
            {
                // The nearest offset already reached: 5 days before, with offsets 7, 2, 0, that is the 7-day reminder.
                var reached = offsets.Where(d => d >= daysLeft).DefaultIfEmpty(-1).Min();
                if (reached >= 0)
                {
                    reminders.Add(new Reminder(item, $"{item.Key}:before:{reached}", reached == 0 ? "le jour même" : $"{reached} jours avant", reached, null));
                }
            }
            else if (WorkQueues.DueStates.IsLate(item, today, lastDayInForce))
            {
                // Overdue: once a week, from the day after the due date.
                var late = -daysLeft;
                var week = (late - 1) / 7;
                reminders.Add(new Reminder(item, $"{item.Key}:overdue:{week}", "en retard", null, late));
            }
        }

        return reminders;
    }
}
