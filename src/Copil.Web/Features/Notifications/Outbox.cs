using Copil.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Notifications;

/// <summary>A small text file sent with an e-mail (an iCalendar invitation).</summary>
public sealed record TextAttachment(string FileName, string Content);

/// <summary>
/// The text of an e-mail that carries a secret: <see cref="Shown"/> (secrets masked) is what the journal and the outbox
/// pages show, <see cref="Sent"/> (secrets included) is only stored encrypted until the message leaves.
/// </summary>
public sealed record SecretText(string Shown, string Sent);

/// <summary>Queues e-mails in the unit of work of the change that causes them: they are saved, or lost, with it.</summary>
public sealed class Outbox(CopilDbContext db, TimeProvider clock, IDataProtectionProvider protection)
{
    /// <summary>What stands for a secret in the stored text of a message.</summary>
    public const string MaskedSecret = "[lien personnel : figure uniquement dans l'e-mail envoyé]";

    private const string SealPurpose = "Copil.Outbox.SealedBody";

    /// <summary>The protector of sealed bodies; the sender opens them with the same purpose.</summary>
    public static IDataProtector Sealer(IDataProtectionProvider provider) => provider.CreateProtector(SealPurpose);

    /// <summary>Queues an e-mail whose text carries a secret: only its masked text is stored readable.</summary>
    public async Task EnqueueSecretAsync(string idempotencyKey, Guid? agreementId, string toAddress, string toName, string subject, SecretText text, CancellationToken ct = default)
    {
        await EnqueueAsync(idempotencyKey, agreementId, toAddress, toName, subject, text.Shown, null, ct);
        if (db.ChangeTracker.Entries<OutboxMessage>().FirstOrDefault(e => e.Entity.IdempotencyKey == idempotencyKey && e.State == EntityState.Added) is { } added)
        {
            added.Entity.SealedBody = Sealer(protection).Protect(text.Sent);
        }
    }

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
