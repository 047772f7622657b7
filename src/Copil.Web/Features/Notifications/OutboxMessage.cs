namespace Copil.Web.Features.Notifications;

public enum OutboxStatus
{
    /// <summary>Waiting to be sent (or to be retried).</summary>
    Pending = 0,

    /// <summary>Claimed by a sender until <see cref="OutboxMessage.LeaseUntilUtc"/>.</summary>
    Sending = 1,

    Sent = 2,

    /// <summary>Refused for good by the server (e.g. unknown recipient): shown to the secretariat, never retried.</summary>
    Refused = 3,

    /// <summary>
    /// Pending when the database was backed up, then restored: it may have left the live instance since, so it waits
    /// for an administrator to release or drop it (nothing is sent again behind anyone's back).
    /// </summary>
    Held = 4,
}

/// <summary>
/// An e-mail written in the same transaction as the change that causes it; a sender delivers it later. The
/// idempotency key makes the same e-mail impossible to queue twice.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; set; }

    public string IdempotencyKey { get; set; } = "";

    public Guid? AgreementId { get; set; }

    public string ToAddress { get; set; } = "";

    public string ToName { get; set; } = "";

    public string Subject { get; set; } = "";

    /// <summary>The text as the journal and the outbox pages show it: any secret it carries is masked.</summary>
    public string TextBody { get; set; } = "";

    /// <summary>
    /// The text with its secrets (personal voting links), encrypted with the application's data-protection keys, or
    /// null. Wiped once the message is sent: after delivery the secret exists only in the recipient's mailbox.
    /// </summary>
    public string? SealedBody { get; set; }

    /// <summary>An attached text file (e.g. the .ics of a convened meeting), or null.</summary>
    public string? AttachmentName { get; set; }

    public string? AttachmentContent { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    public OutboxStatus Status { get; set; }

    public int Attempts { get; set; }

    public DateTime NextAttemptAtUtc { get; set; }

    public string? LeaseOwner { get; set; }

    public DateTime? LeaseUntilUtc { get; set; }

    public string? LastError { get; set; }

    public DateTime? SentAtUtc { get; set; }
}
