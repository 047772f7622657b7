namespace Copil.Domain.DueDates;

/// <summary>
/// Overdue due dates of the same thing, shown as one line: the 2 opinions awaited on a sheet, the 3 answers awaited to a
/// written consultation. A due date without a topic is a group of its own.
/// </summary>
public sealed class DueGroup(IReadOnlyList<DueItem> items)
{
    public IReadOnlyList<DueItem> Items { get; } = items;

    public DueItem First => Items[0];

    /// <summary>The oldest date of the group: the one it has been late since.</summary>
    public DateOnly DueOn => First.DueOn;

    public string Title => Items.Count == 1 || First.Topic is null
        ? First.Title
        : $"{First.Topic.Subject} : {Items.Count} {First.Topic.Many}";
}

/// <summary>
/// Due dates counted where they are stored (the sheets' dates, by the database), with the first of them in order: the
/// <paramref name="Overdue"/> ones of the first overdue groups, the <paramref name="Upcoming"/> ones of the first to come.
/// </summary>
public sealed record DueSlice(int OverdueCount, int OverdueGroupCount, int UpcomingCount, IReadOnlyList<DueItem> Overdue, IReadOnlyList<DueItem> Upcoming)
{
    public static DueSlice None { get; } = new(0, 0, 0, [], []);
}

/// <summary>
/// What the échéancier page shows of a list of due dates, whatever its length: the overdue ones grouped per thing, then
/// those to come, each paged; the past ones (done, or not followed by Copil) only counted. The whole list is exported.
/// </summary>
public sealed record DueWindow(
    int OverdueCount,
    int OverdueGroupCount,
    IReadOnlyList<DueGroup> Overdue,
    int OverduePage,
    int UpcomingCount,
    IReadOnlyList<DueItem> Upcoming,
    int UpcomingPage,
    int PastCount)
{
    public const int GroupsPerPage = 50;

    public const int ItemsPerPage = 100;

    public int OverduePageCount => Math.Max(1, (OverdueGroupCount + GroupsPerPage - 1) / GroupsPerPage);

    public int UpcomingPageCount => Math.Max(1, (UpcomingCount + ItemsPerPage - 1) / ItemsPerPage);

    /// <param name="items">The due dates held in memory.</param>
    /// <param name="overduePage">The page of overdue groups, from 1 (clamped to the pages there are).</param>
    /// <param name="upcomingPage">The page of due dates to come, from 1 (clamped).</param>
    /// <param name="counted">
    /// Due dates counted by the database, with at least the first <c>overduePage × GroupsPerPage</c> overdue groups and
    /// <c>upcomingPage × ItemsPerPage</c> due dates to come of their own; merged in the same order.
    /// </param>
    public static DueWindow Of(IReadOnlyList<DueItem> items, DateOnly today, int overduePage = 1, int upcomingPage = 1, DueSlice? counted = null)
    {
        counted ??= DueSlice.None;
        var overdue = items.Where(i => i.IsOverdueOn(today)).ToList();
        var inMemoryGroups = Group(overdue);
        var groups = inMemoryGroups.Concat(Group(counted.Overdue))
            .OrderBy(g => g.DueOn).ThenBy(g => g.First.Topic?.Order ?? 0).ThenBy(g => g.Title, StringComparer.Ordinal)
            .ToList();
        var upcoming = items.Where(i => !i.IsOverdueOn(today) && i.DueOn >= today).ToList();
        var merged = upcoming.Concat(counted.Upcoming)
            .OrderBy(i => i.DueOn).ThenBy(i => i.Topic?.Order ?? 0).ThenBy(i => i.Title, StringComparer.Ordinal).ToList();
        var groupCount = inMemoryGroups.Count + counted.OverdueGroupCount;
        var upcomingCount = upcoming.Count + counted.UpcomingCount;
        var o = Math.Clamp(overduePage, 1, Math.Max(1, (groupCount + GroupsPerPage - 1) / GroupsPerPage));
        var u = Math.Clamp(upcomingPage, 1, Math.Max(1, (upcomingCount + ItemsPerPage - 1) / ItemsPerPage));
        return new DueWindow(
            overdue.Count + counted.OverdueCount, groupCount, [.. groups.Skip((o - 1) * GroupsPerPage).Take(GroupsPerPage)], o,
            upcomingCount, [.. merged.Skip((u - 1) * ItemsPerPage).Take(ItemsPerPage)], u,
            items.Count - overdue.Count - upcoming.Count);
    }

    private static List<DueGroup> Group(IEnumerable<DueItem> overdue) =>
        [.. overdue.GroupBy(i => i.Topic is null ? i.Key : $"{i.Link}|{i.Topic}").Select(g => new DueGroup([.. g.OrderBy(i => i.DueOn).ThenBy(i => i.Title, StringComparer.Ordinal)]))];
}
