using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Notifications;

/// <summary>Queues e-mails in the unit of work of the change that causes them: they are saved, or lost, with it.</summary>
public sealed class Outbox(CopilDbContext db, TimeProvider clock)
{
    public async Task EnqueueAsync(string idempotencyKey, Guid? agreementId, string toAddress, string toName, string subject, string textBody, CancellationToken ct = default)
    {
        if (db.ChangeTracker.Entries<OutboxMessage>().Any(e => e.Entity.IdempotencyKey == idempotencyKey)
            || await db.Set<OutboxMessage>().AnyAsync(m => m.IdempotencyKey == idempotencyKey, ct))
        {
            return;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        db.Set<OutboxMessage>().Add(new OutboxMessage
        {
            Id = Guid.NewGuid(),
            IdempotencyKey = idempotencyKey,
            AgreementId = agreementId,
            ToAddress = toAddress,
            ToName = toName,
            Subject = subject,
            TextBody = textBody,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
            Status = OutboxStatus.Pending,
        });
    }
}
