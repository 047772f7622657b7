using Copil.Domain.Common;
using Copil.Domain.DueDates;

namespace Copil.Domain.WorkQueues;

/// <summary>How soon a task must be done; the queue is sorted on it, then on the date.</summary>
public enum TaskUrgency
{
    /// <summary>Its date has passed and it is still not done.</summary>
    Late = 0,

    /// <summary>Due today.</summary>
    Today = 1,

    /// <summary>Due within seven days.</summary>
    ThisWeek = 2,

    /// <summary>Due later, within the queue's horizon.</summary>
    Later = 3,

    /// <summary>Waits for the person without a date set by the agreement.</summary>
    Undated = 4,
}

/// <summary>
/// One thing that waits for a person: what, in which agreement, by when and by which article (when a date applies),
/// where to do it. <paramref name="Key"/> is the due date's key when it comes from one, so that the same task found by
/// two readers is listed once. <paramref name="Count"/> groups like tasks without a date (« 3 fiches à compléter »).
/// </summary>
public sealed record WorkTask(string Key, Guid AgreementId, string Title, DateOnly? DueOn, string? Source, string Link, int Count = 1)
{
    /// <summary>A warning for the secretariat (something late or about to go wrong), not a task someone assigned.</summary>
    public bool IsAlert { get; init; }

    public TaskUrgency UrgencyOn(DateOnly today) => DueOn switch
    {
        null => TaskUrgency.Undated,
        { } d when d < today => TaskUrgency.Late,
        { } d when d == today => TaskUrgency.Today,
        { } d when d.DayNumber - today.DayNumber <= 7 => TaskUrgency.ThisWeek,
        _ => TaskUrgency.Later,
    };
}

/// <summary>
/// A person's work queue across their agreements: the due dates that are theirs and still to do, within
/// <see cref="HorizonDays"/>, and what waits for them without a date, most urgent first. One definition for the home
/// page, the « À traiter » page and the header's count.
/// </summary>
public static class WorkQueue
{
    /// <summary>How far ahead a dated task enters the queue (the échéancier shows everything further).</summary>
    public const int HorizonDays = 60;

    /// <summary>Beyond this many like tasks in one agreement (opinions to give), they are one grouped task linking to the filtered list.</summary>
    public const int MostListedOneByOne = 10;

    /// <param name="myDueDates">The person's due dates (<see cref="MyDueDates"/>).</param>
    /// <param name="undated">Tasks found by the product's own state (a sheet to complete, a tool to approve…).</param>
    /// <param name="lastDayInForce">Each agreement's last day in force, when known: a date missed on an agreement that has ended is no longer a task.</param>
    /// <param name="linkOf">Where in the product a due date's task is done.</param>
    /// <param name="groupedKeys">Keys of tasks a grouped task already stands for (« 40 fiches en attente de votre avis »): not listed one by one.</param>
    public static IReadOnlyList<WorkTask> Build(
        IEnumerable<DueItem> myDueDates, IEnumerable<WorkTask> undated, DateOnly today, Func<Guid, DateOnly?> lastDayInForce, Func<DueItem, string> linkOf,
        IReadOnlySet<string>? groupedKeys = null)
    {
        var tasks = new List<WorkTask>();
        foreach (var item in myDueDates)
        {
            if (groupedKeys?.Contains(item.Key) == true)
            {
                continue;
            }

            if (IsTask(item, today, lastDayInForce(item.AgreementId)))
            {
                tasks.Add(new WorkTask(item.Key, item.AgreementId, item.Title, item.DueOn, item.Source, linkOf(item)));
            }
        }

        var keys = tasks.Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        tasks.AddRange(undated.Where(t => keys.Add(t.Key)));
        return [.. tasks.OrderBy(t => t.UrgencyOn(today)).ThenBy(t => t.DueOn ?? DateOnly.MaxValue).ThenBy(t => t.IsAlert ? 0 : 1).ThenBy(t => t.Title, StringComparer.Ordinal)];
    }

    /// <summary>
    /// A due date is a task while it is not known to be done and either still to come within the horizon, or passed and
    /// known not to be done while its agreement is still in force (after the end, nothing can be done about it: it is
    /// « non respecté », not « en retard »).
    /// </summary>
    public static bool IsTask(DueItem item, DateOnly today, DateOnly? lastDayInForce)
    {
        if (item.Done == true || item.DueOn > today.AddDays(HorizonDays))
        {
            return false;
        }

        return item.DueOn >= today || (item.Done == false && !(lastDayInForce < today));
    }

    /// <summary>The counts of the header: all tasks, and the late ones.</summary>
    public static (int All, int Late) Counts(IReadOnlyCollection<WorkTask> tasks, DateOnly today) =>
        (tasks.Count, tasks.Count(t => t.UrgencyOn(today) == TaskUrgency.Late));

    /// <summary>« en retard de 3 jours », « aujourd'hui », « dans 5 jours », « sans date fixée ».</summary>
    public static string WhenLabel(WorkTask task, DateOnly today) => task.DueOn switch
    {
        null => "sans date fixée",
        { } d when d < today => $"en retard de {FrenchText.DayCount(today.DayNumber - d.DayNumber)}",
        { } d when d == today => "aujourd'hui",
        { } d => $"dans {FrenchText.DayCount(d.DayNumber - today.DayNumber)}",
    };
}

/// <summary>
/// One vocabulary for the state of a due date on every page, document, e-mail and API label: « fait », « à venir »,
/// « aujourd'hui », « en retard » while the agreement is in force and « non respecté » once it has ended, « passée »
/// when the product cannot know whether it was done.
/// </summary>
public static class DueStates
{
    public static string Label(DueItem item, DateOnly today, DateOnly? lastDayInForce) => item switch
    {
        { Done: true } => "fait",
        _ when item.DueOn == today => "aujourd'hui",
        _ when item.DueOn > today => $"dans {FrenchText.DayCount(item.DueOn.DayNumber - today.DayNumber)}",
        { Done: false } when lastDayInForce < today => "non respecté",
        { Done: false } => $"en retard de {FrenchText.DayCount(today.DayNumber - item.DueOn.DayNumber)}",
        _ => "passée",
    };

    /// <summary>Late: passed, not done, and its agreement still in force (the home page's and the reminders' « en retard »).</summary>
    public static bool IsLate(DueItem item, DateOnly today, DateOnly? lastDayInForce) => item.IsOverdueOn(today) && !(lastDayInForce < today);
}
