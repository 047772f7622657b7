using Copil.Domain.Access;

namespace Copil.Domain.DueDates;

/// <summary>Who must act by a due date: a role of the agreement, narrowed to a ministry or an organisation when it applies.</summary>
public sealed record DueOwner(AgreementRole Role, Guid? PartyId = null, string? Organisation = null, Guid? SeatId = null)
{
    public string Describe(Func<Guid, string?> partyName) => Role switch
    {
        AgreementRole.ReviewingDirectorate when PartyId is { } p => $"direction relectrice ({partyName(p) ?? "ministère"})",
        AgreementRole.ActionCarrier when Organisation is not null => $"porteur ({Organisation})",
        _ => AgreementPermissions.FrenchName(Role).ToLowerInvariant(),
    };

    public bool Concerns(IEnumerable<Membership> memberships) =>
        memberships.Any(m => m.Role == Role
            && (PartyId is null || m.PartyId == PartyId)
            && (Organisation is null || string.Equals(m.Organisation, Organisation, StringComparison.OrdinalIgnoreCase))
            && (SeatId is null || m.SeatId == SeatId));
}

/// <summary>
/// A due date: what, by when, for whom, and the article it comes from. <paramref name="Key"/> is stable across
/// computations, so that a reminder for it is sent once. <paramref name="Statutory"/> ones cannot be muted.
/// </summary>
/// <param name="Done">Whether what was due has been done (when the product knows it); a past due date not done is overdue.</param>
public sealed record DueItem(
    string Key,
    Guid AgreementId,
    string Title,
    DateOnly DueOn,
    DueOwner Owner,
    string Source,
    string? Link,
    bool Statutory,
    bool? Done = null)
{
    /// <summary>
    /// The carrier organisation of the action sheet this date belongs to, or null when it is not a sheet's: a pure
    /// carrier sees only its own sheets, their dates included.
    /// </summary>
    public string? SheetCarrier { get; init; }

    /// <summary>What several due dates of the same thing have in common, so that overdue ones are shown as one line (« 2 avis attendus »).</summary>
    public DueTopic? Topic { get; init; }

    /// <summary>Overdue: the date has passed and what was due is known not to be done.</summary>
    public bool IsOverdueOn(DateOnly today) => Done == false && DueOn < today;

    /// <summary>Days overdue, or null.</summary>
    public int? DaysOverdueOn(DateOnly today) => IsOverdueOn(today) ? today.DayNumber - DueOn.DayNumber : null;
}

/// <summary>
/// The thing several due dates are about (a sheet), and how to name one or several of them. <paramref name="Order"/>
/// sorts the due dates of one day the way the database pages them.
/// </summary>
public sealed record DueTopic(string Subject, string One, string Many, long Order = 0);

/// <summary>
/// "My due dates", one definition for the échéancier page, the API, the home page's counters, the calendar feed and the
/// reminders: a due date is a person's when they hold, in that agreement, the role that owns it (for that ministry,
/// organisation or seat). A platform administrator owns none by being one: they hold a role to be reminded.
/// </summary>
public static class MyDueDates
{
    public static bool IsFor(DueItem item, IEnumerable<Membership> memberships) =>
        item.Owner.Concerns(memberships.Where(m => m.AgreementId == item.AgreementId));

    public static IEnumerable<DueItem> Of(IEnumerable<DueItem> items, IReadOnlyCollection<Membership> memberships)
    {
        // Memberships looked up per agreement: a person in 300 agreements is not scanned 300 times per due date.
        var byAgreement = memberships.ToLookup(m => m.AgreementId);
        return items.Where(i => i.Owner.Concerns(byAgreement[i.AgreementId]));
    }
}
