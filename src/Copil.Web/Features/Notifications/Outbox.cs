using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Notifications;

/// <summary>A small text file sent with an e-mail (an iCalendar invitation).</summary>
public sealed record TextAttachment(string FileName, string Content);

/// <summary>Queues e-mails in the unit of work of the change that causes them: they are saved, or lost, with it.</summary>
public sealed class Outbox(CopilDbContext db, TimeProvider clock)
{
    public async Task EnqueueAsync(string idempotencyKey, Guid? agreementId, string toAddress, string toName, string subject, string textBody, CancellationToken ct = default)
        => await EnqueueAsync(idempotencyKey, agreementId, toAddress, toName, subject, textBody, null, ct);

    public async Task EnqueueAsync(string idempotencyKey, Guid? agreementId, string toAddress, string toName, string subject, string textBody, TextAttachment? attachment, CancellationToken ct = default)
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
            AttachmentName = attachment?.FileName,
            AttachmentContent = attachment?.Content,
            CreatedAtUtc = now,
            NextAttemptAtUtc = now,
            Status = OutboxStatus.Pending,
        });
    }
}
