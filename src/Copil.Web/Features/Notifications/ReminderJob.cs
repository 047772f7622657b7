using Copil.Domain.Common;
using Copil.Domain.DueDates;
using Copil.Web.Data;
using Copil.Web.Features.DueDates;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Notifications;

/// <summary>
/// Queues the reminders due today for every due date, to each person its owner designates. The outbox key is made of
/// the reminder's key and the person, so running the job twice (or on two instances) queues nothing twice.
/// </summary>
public sealed class ReminderJob(CopilDbContext db, Echeancier echeancier, Outbox outbox, TimeProvider clock)
{
    public async Task<int> RunAsync(CancellationToken ct = default)
    {
        var today = clock.TodayInParis();
        var agreements = await db.Agreements.AsNoTracking().Select(a => new { a.Id, a.Reference }).ToListAsync(ct);
        var queued = 0;
        foreach (var agreement in agreements)
        {
            var reminders = Reminders.DueOn(await echeancier.ForAgreementAsync(agreement.Id, ct), today);
            if (reminders.Count == 0)
            {
                continue;
            }

            var people = await (from m in db.Memberships
                                join u in db.Users on m.UserId equals u.Id
                                where m.AgreementId == agreement.Id && u.Email != null
                                select new { Membership = m, UserId = u.Id, Email = u.Email!, u.DisplayName }).AsNoTracking().ToListAsync(ct);
            foreach (var reminder in reminders)
            {
                var item = reminder.Item;
                var when = reminder.DaysOverdue is { } late
                    ? $"en retard de {FrenchText.DayCount(late)}"
                    : reminder.DaysBefore == 0 ? "aujourd'hui" : $"le {FrenchText.DateWithDay(item.DueOn)}";
                foreach (var person in people.Where(p => item.Owner.Concerns([p.Membership])).DistinctBy(p => p.UserId))
                {
                    await outbox.EnqueueAsync($"reminder:{reminder.Key}:{person.UserId}", agreement.Id, person.Email, person.DisplayName,
                        $"[{agreement.Reference}] Rappel : {item.Title} — {when}",
                        $"Bonjour,\n\nÉchéance : {item.Title}\nDate : {FrenchText.DateWithDay(item.DueOn)} ({when})\nSource : {item.Source}\n\nÉchéancier de la convention : /conventions/{agreement.Id}/echeancier\n\nCopil",
                        ct);
                    queued++;
                }
            }
        }

        await db.SaveChangesAsync(ct);
        return queued;
    }
}

/// <summary>Runs the reminder job every hour (the keys make it safe to run often).</summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, Microsoft.Extensions.Options.IOptions<MailOptions> options, ILogger<ReminderWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.SenderEnabled)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                await scope.ServiceProvider.GetRequiredService<ReminderJob>().RunAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Reminder job failed; retrying in an hour.");
            }

            await Task.Delay(TimeSpan.FromHours(1), stoppingToken);
        }
    }
}
