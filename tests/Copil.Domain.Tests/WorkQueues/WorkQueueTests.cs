using Copil.Domain.Access;
using Copil.Domain.DueDates;
using Copil.Domain.WorkQueues;

namespace Copil.Domain.Tests.WorkQueues;

public sealed class WorkQueueTests
{
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly Guid InForce = Guid.NewGuid();
    private static readonly Guid Ended = Guid.NewGuid();

    private static DueItem Due(string key, Guid agreement, DateOnly on, bool? done) =>
        new(key, agreement, key, on, new DueOwner(AgreementRole.Secretariat), "art. 14", null, Statutory: true, Done: done);

    private static DateOnly? LastDay(Guid id) => id == Ended ? new DateOnly(2023, 11, 30) : new DateOnly(2028, 1, 14);

    [Fact]
    public void The_queue_keeps_what_is_still_to_do_within_sixty_days_most_urgent_first_and_nothing_late_on_an_ended_agreement()
    {
        var items = new[]
        {
            Due("late", InForce, Today.AddDays(-3), false),
            Due("soon", InForce, Today.AddDays(5), false),
            Due("today", InForce, Today, null),
            Due("far", InForce, Today.AddDays(61), false),
            Due("done", InForce, Today.AddDays(-1), true),
            Due("past-unknown", InForce, Today.AddDays(-1), null),
            Due("missed-long-ago", Ended, new DateOnly(2022, 4, 29), false),
        };
        var undated = new WorkTask("sheets", InForce, "Fiches prêtes pour le comité : 2", null, null, "/x", 2);
        // The same task found twice (a due date and the product's state) is listed once.
        var twin = new WorkTask("soon", InForce, "doublon", null, null, "/y");

        var queue = WorkQueue.Build(items, [undated, twin], Today, LastDay, _ => "/lien");

        Assert.Equal(["late", "today", "soon", "sheets"], queue.Select(t => t.Key));
        Assert.Equal((4, 1), WorkQueue.Counts([.. queue], Today));
        Assert.Equal("en retard de 3 jours", WorkQueue.WhenLabel(queue[0], Today));
        Assert.Equal("sans date fixée", WorkQueue.WhenLabel(queue[3], Today));

        // A grouped task stands for its members: they are not listed again one by one.
        var grouped = WorkQueue.Build(items, [undated], Today, LastDay, _ => "/lien", new HashSet<string> { "late", "soon" });
        Assert.Equal(["today", "sheets"], grouped.Select(t => t.Key));
    }

    [Fact]
    public void A_missed_date_is_late_while_the_agreement_is_in_force_and_not_kept_once_it_has_ended()
    {
        Assert.Equal("en retard de 3 jours", DueStates.Label(Due("a", InForce, Today.AddDays(-3), false), Today, LastDay(InForce)));
        Assert.Equal("non respecté", DueStates.Label(Due("b", Ended, new DateOnly(2022, 4, 29), false), Today, LastDay(Ended)));
        Assert.Equal("passée", DueStates.Label(Due("c", InForce, Today.AddDays(-3), null), Today, LastDay(InForce)));
        Assert.Equal("fait", DueStates.Label(Due("d", InForce, Today.AddDays(-3), true), Today, LastDay(InForce)));
        Assert.Equal("dans 2 jours", DueStates.Label(Due("e", InForce, Today.AddDays(2), false), Today, LastDay(InForce)));
        Assert.False(DueStates.IsLate(Due("b", Ended, new DateOnly(2022, 4, 29), false), Today, LastDay(Ended)));
    }
}
