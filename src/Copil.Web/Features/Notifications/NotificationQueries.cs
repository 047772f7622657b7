using Copil.Domain.Notifications;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Notifications;

/// <summary>A notification as listed, with the reference of its agreement.</summary>
public sealed record NotificationRow(Guid Id, Guid AgreementId, string AgreementReference, NoticeKind Kind, string Title, string Body, string Link, DateTime CreatedAtUtc, DateTime? ReadAtUtc)
{
    public bool Unread => ReadAtUtc is null;
}

/// <summary>
/// A person's own notifications, shared by the page and the API. Only those of agreements the person still belongs to
/// are shown: leaving an agreement ends access to what was said about it.
/// </summary>
public sealed class NotificationQueries(CopilDbContext db, TimeProvider clock)
{
    public const int PageSize = 50;

    // The person's agreements are read first (a handful of rows), so that the notifications are filtered on their own
    // indexes rather than by a subquery per row: the header shows the unread count on every page.
    private async Task<IQueryable<Notification>> VisibleAsync(string userId, bool isAdministrator, CancellationToken ct)
    {
        var mine = db.Set<Notification>().Where(n => n.UserId == userId);
        if (isAdministrator)
        {
            return mine;
        }

        var agreements = await db.Memberships.Where(m => m.UserId == userId).Select(m => m.AgreementId).Distinct().ToListAsync(ct);
        return mine.Where(n => agreements.Contains(n.AgreementId));
    }

    /// <summary>
    /// The header's counter, on every page: counted up to <see cref="HeaderCap"/> only (shown « 99+ »), so that it costs
    /// the same for a person with ten unread notifications as for one with ten thousand.
    /// </summary>
    public async Task<int> HeaderUnreadCountAsync(string userId, bool isAdministrator, CancellationToken ct = default) =>
        await (await VisibleAsync(userId, isAdministrator, ct)).Where(n => n.ReadAtUtc == null).Take(HeaderCap).CountAsync(ct);

    public const int HeaderCap = 100;

    public async Task<int> UnreadCountAsync(string userId, bool isAdministrator, CancellationToken ct = default) =>
        await (await VisibleAsync(userId, isAdministrator, ct)).CountAsync(n => n.ReadAtUtc == null, ct);

    public async Task<(List<NotificationRow> Rows, int Total)> PageAsync(string userId, bool isAdministrator, bool unreadOnly, int page, CancellationToken ct = default)
    {
        var query = (await VisibleAsync(userId, isAdministrator, ct)).Where(n => !unreadOnly || n.ReadAtUtc == null);
        var total = await query.CountAsync(ct);
        var rows = await (from n in query
                          join a in db.Agreements on n.AgreementId equals a.Id
                          orderby n.CreatedAtUtc descending, n.Id descending
                          select new NotificationRow(n.Id, n.AgreementId, a.Reference, n.Kind, n.Title, n.Body, n.Link, n.CreatedAtUtc, n.ReadAtUtc))
            .Skip((Math.Max(page, 1) - 1) * PageSize).Take(PageSize).AsNoTracking().ToListAsync(ct);
        return (rows, total);
    }

    /// <summary>Marks one notification read and returns its link; null when the person has no such notification.</summary>
    public async Task<string?> MarkReadAsync(string userId, bool isAdministrator, Guid notificationId, CancellationToken ct = default)
    {
        var notification = await (await VisibleAsync(userId, isAdministrator, ct)).FirstOrDefaultAsync(n => n.Id == notificationId, ct);
        if (notification is null)
        {
            return null;
        }

        notification.ReadAtUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return notification.Link;
    }

    public async Task<NotificationPreferences> PreferencesAsync(string userId, CancellationToken ct = default) =>
        (await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.NotificationDelivery, u.MuteReminders }).FirstAsync(ct)) is var p
            ? new NotificationPreferences(p.NotificationDelivery, p.MuteReminders)
            : NotificationPreferences.Default;

    /// <summary>Saves the person's choices; an unknown delivery mode is refused with a French message.</summary>
    public async Task<Copil.Domain.Common.Result> SetPreferencesAsync(string userId, NotificationPreferences preferences, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(preferences.Delivery))
        {
            return new Copil.Domain.Common.DomainError("preferences.delivery", "Choisissez un courriel pour chaque notification ou un résumé quotidien.", "Delivery");
        }

        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        user.NotificationDelivery = preferences.Delivery;
        user.MuteReminders = preferences.MuteReminders;
        await db.SaveChangesAsync(ct);
        return Copil.Domain.Common.Result.Success();
    }

    public async Task<int> MarkAllReadAsync(string userId, bool isAdministrator, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await (await VisibleAsync(userId, isAdministrator, ct)).Where(n => n.ReadAtUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
    }
}
