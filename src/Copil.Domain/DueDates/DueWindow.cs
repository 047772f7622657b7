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

    /// <param name="items">The due dates, in date order.</param>
    /// <param name="overduePage">The page of overdue groups, from 1 (clamped to the pages there are).</param>
    /// <param name="upcomingPage">The page of due dates to come, from 1 (clamped).</param>
    public static DueWindow Of(IReadOnlyList<DueItem> items, DateOnly today, int overduePage = 1, int upcomingPage = 1)
    {
        var overdue = items.Where(i => i.IsOverdueOn(today)).ToList();
        var groups = overdue
            .GroupBy(i => i.Topic is null ? i.Key : $"{i.Link}|{i.Topic}")
            .Select(g => new DueGroup([.. g.OrderBy(i => i.DueOn)]))
            .OrderBy(g => g.DueOn).ThenBy(g => g.Title, StringComparer.Ordinal)
            .ToList();
        var upcoming = items.Where(i => !i.IsOverdueOn(today) && i.DueOn >= today).ToList();
        var overduePages = Math.Max(1, (groups.Count + GroupsPerPage - 1) / GroupsPerPage);
        var upcomingPages = Math.Max(1, (upcoming.Count + ItemsPerPage - 1) / ItemsPerPage);
        var o = Math.Clamp(overduePage, 1, overduePages);
        var u = Math.Clamp(upcomingPage, 1, upcomingPages);
        return new DueWindow(
            overdue.Count, groups.Count, [.. groups.Skip((o - 1) * GroupsPerPage).Take(GroupsPerPage)], o,
            upcoming.Count, [.. upcoming.Skip((u - 1) * ItemsPerPage).Take(ItemsPerPage)], u,
            items.Count - overdue.Count - upcoming.Count);
    }
}
