using Copil.Domain.Common;
using Copil.Domain.DueDates;
using Copil.Domain.Notifications;
using Copil.Web.Data;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.DueDates;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Notifications;

/// <summary>
/// Notifies the reminders due today for every due date, at the offsets of each agreement, to each person its owner
/// designates. The keys are made of the reminder's key and the person, so running the job twice (or on two
/// instances) records nothing twice.
/// </summary>
public sealed class ReminderJob(CopilDbContext db, AgreementReader reader, Echeancier echeancier, Notifier notifier, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = clock.TodayInParis();
        var agreements = await reader.LoadManyAsync(db.Agreements.Select(a => a.Id), ct);
        var notified = 0;
        foreach (var agreement in agreements)
        {
            var reminders = Reminders.DueOn(await echeancier.ForAgreementAsync(agreement.Id, ct), today, agreement.Terms.ReminderOffsetDays, agreement.LastDayInForce);
            if (reminders.Count == 0)
            {
                continue;
            }

            var memberships = await db.Memberships.AsNoTracking().Where(m => m.AgreementId == agreement.Id).ToListAsync(ct);
            var people = await notifier.MembersAsync(agreement.Id, _ => true, ct);
            foreach (var reminder in reminders)
            {
                var item = reminder.Item;
                var when = reminder.DaysOverdue is { } late
                    ? $"en retard de {FrenchText.DayCount(late)}"
                    : reminder.DaysBefore == 0 ? "aujourd'hui" : $"le {FrenchText.DateWithDay(item.DueOn)}";
                var owners = people.Where(p => MyDueDates.IsFor(item, [.. memberships.Where(m => m.UserId == p.UserId)]));
                notified += await notifier.NotifyAsync(
                    new Notice($"reminder:{reminder.Key}", agreement.Id, agreement.Reference, NoticeKind.Reminder,
                        $"Rappel : {item.Title} — {when}",
                        $"Échéance : {item.Title}\nDate : {FrenchText.DateWithDay(item.DueOn)} ({when})\nSource : {item.Source}",
                        DueLinks.PathOf(item), item.Statutory),
                    owners, ct);
            }
        }

        await db.SaveChangesAsync(ct);
        return notified;
    }
}

/// <summary>
/// Once a day, from 7 a.m. in Paris, sends each person who chose the digest one e-mail listing the notices recorded
/// since the last one. The outbox key names the person and the day, so a day's digest goes out once; notices recorded
/// after it wait for the next day's.
/// </summary>
public sealed class DigestJob(CopilDbContext db, Outbox outbox, Notifier notifier, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        if (NotificationRouting.DigestDay(Clock.ToParis(clock.GetUtcNow().UtcDateTime)) is not { } day)
        {
            return 0;
        }

        var sent = 0;
        var people = await db.Set<Notification>().Where(n => n.DigestPending).Select(n => n.UserId).Distinct().ToListAsync(ct);
        foreach (var userId in people)
        {
            var key = $"digest:{userId}:{day:yyyy-MM-dd}";
            var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == userId, ct);
            if (user?.Email is null || await db.Set<OutboxMessage>().AnyAsync(m => m.IdempotencyKey == key, ct))
            {
                continue;
            }

            var pending = await db.Set<Notification>().Where(n => n.UserId == userId && n.DigestPending).OrderBy(n => n.CreatedAtUtc).ToListAsync(ct);
            var agreementIds = pending.Select(n => n.AgreementId).Distinct().ToList();
            var references = await db.Agreements.AsNoTracking().Where(a => agreementIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Reference, ct);
            var lines = pending.Select(n => $"• [{references.GetValueOrDefault(n.AgreementId, "?")}] {n.Title}\n  {notifier.Url(n.Link)}");
            await outbox.EnqueueAsync(key, null, user.Email, user.DisplayName,
                $"Copil — résumé du {FrenchText.Date(day)} : {FrenchText.Plural(pending.Count, "notification", "notifications")}",
                $"Bonjour {user.DisplayName},\n\nVoici ce qui s'est passé depuis votre dernier résumé :\n\n{string.Join("\n\n", lines)}\n\nToutes vos notifications : {notifier.Url("/notifications")}\n\n—\nCopil. Vos préférences de notification : {notifier.Url("/compte")}",
                ct);
            foreach (var notification in pending)
            {
                notification.DigestPending = false;
            }

            // One person at a time: their digest and the marks are saved together.
            await db.SaveChangesAsync(ct);
            sent++;
        }

        return sent;
    }
}

/// <summary>Runs the reminder, consultation-closing and digest jobs every hour when mail is on (their keys make it safe to run often, or on several instances), and the directory's retention always.</summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<MailOptions> options, ILogger<ReminderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SenderEnabled)
        {
            // Without mail (development, tests), only the retention runs, and not at start-up.
            await Task.Delay(TimeSpan.FromHours(1), stoppingToken);
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                if (options.Value.SenderEnabled)
                {
                    await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(stoppingToken);
                    await scope.ServiceProvider.GetRequiredService<Committee.ConsultationClosing>().CloseDueAsync(stoppingToken);
                    await scope.ServiceProvider.GetRequiredService<DigestJob>().RunAsync(stoppingToken);
                }

                // The directory of art. 11 keeps people only a set time after the agreement ends (GDPR art. 5.1.e), mail or not.
                await scope.ServiceProvider.GetRequiredService<Relays.ContactCommands>().EraseExpiredAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Reminder or digest job failed; retrying in an hour.");
            }

            await Task.Delay(TimeSpan.FromHours(1), stoppingToken);
        }
    }
}
