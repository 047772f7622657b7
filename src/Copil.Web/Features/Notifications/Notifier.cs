using Copil.Domain.Access;
using Copil.Domain.Notifications;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Copil.Web.Features.Notifications;

/// <summary>Something to tell people: a title, a text, a link to the thing concerned.</summary>
/// <param name="Key">Identifies the notice; with the person it makes the keys of the notification and of its e-mail.</param>
/// <param name="Statutory">For reminders: the date is set by the agreement, so the reminder cannot be muted.</param>
/// <param name="Attachment">Sent with the immediate e-mail (the digest links to the page instead).</param>
public sealed record Notice(string Key, Guid AgreementId, string AgreementReference, NoticeKind Kind, string Title, string Body, string Link, bool Statutory = false, TextAttachment? Attachment = null);

/// <summary>A person who may receive notices, with their choices.</summary>
public sealed record Recipient(string UserId, string? Email, string DisplayName, NotificationPreferences Preferences);

/// <summary>
/// Records notices in the unit of work of the change that causes them: one notification per person (listed in the
/// app) and, as each person chose, an e-mail in the outbox now or a place in the daily digest. Nothing is sent here.
/// </summary>
public sealed class Notifier(CopilDbContext db, Outbox outbox, TimeProvider clock, IOptions<MailOptions> mail)
{
    /// <summary>The members of an agreement that <paramref name="who"/> selects, once each.</summary>
    public async Task<List<Recipient>> MembersAsync(Guid agreementId, Func<Membership, bool> who, CancellationToken ct = default)
    {
        var rows = await (from m in db.Memberships
                          join u in db.Users on m.UserId equals u.Id
                          where m.AgreementId == agreementId
                          select new { Membership = m, u.Id, u.Email, u.DisplayName, u.NotificationDelivery, u.MuteReminders }).AsNoTracking().ToListAsync(ct);
        return [.. rows.Where(r => who(r.Membership)).DistinctBy(r => r.Id)
            .Select(r => new Recipient(r.Id, r.Email, r.DisplayName, new NotificationPreferences(r.NotificationDelivery, r.MuteReminders)))];
    }

    /// <summary>Records the notice for each recipient; returns how many will hear of it.</summary>
    public async Task<int> NotifyAsync(Notice notice, IEnumerable<Recipient> recipients, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var count = 0;
        foreach (var person in recipients.DistinctBy(r => r.UserId))
        {
            var route = NotificationRouting.Route(notice.Kind, notice.Statutory, person.Preferences);
            if (route == NoticeRoute.Muted)
            {
                continue;
            }

            var key = $"{notice.Key}:{person.UserId}";
            if (db.ChangeTracker.Entries<Notification>().Any(e => e.Entity.Key == key) || await db.Set<Notification>().AnyAsync(n => n.Key == key, ct))
            {
                continue;
            }

            db.Set<Notification>().Add(new Notification
            {
                // Time-ordered ids keep the list in the order things happened, even within one second.
                Id = Guid.CreateVersion7(),
                Key = key,
                UserId = person.UserId,
                AgreementId = notice.AgreementId,
                Kind = notice.Kind,
                Title = Truncate(notice.Title, 300),
                Body = Truncate(notice.Body, 4000),
                Link = notice.Link,
                CreatedAtUtc = now,
                DigestPending = route == NoticeRoute.ListAndDigest && !string.IsNullOrEmpty(person.Email),
            });
            if (route == NoticeRoute.ListAndEmailNow && !string.IsNullOrEmpty(person.Email))
            {
                await outbox.EnqueueAsync($"mail:{key}", notice.AgreementId, person.Email, person.DisplayName,
                    $"[{notice.AgreementReference}] {notice.Title}", EmailBody(person.DisplayName, notice.Body, notice.Link), notice.Attachment, ct);
            }

            count++;
        }

        return count;
    }

    /// <summary>The absolute address of a page of Copil, for e-mails.</summary>
    public string Url(string path) => $"{mail.Value.PublicUrl.TrimEnd('/')}{path}";

    private string EmailBody(string name, string body, string link) =>
        $"Bonjour {name},\n\n{body}\n\nPour y accéder : {Url(link)}\n\n—\nCopil. Vos préférences de notification : {Url("/compte")}";

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}
