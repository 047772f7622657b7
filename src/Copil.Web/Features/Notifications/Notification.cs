using Copil.Domain.Notifications;

namespace Copil.Web.Features.Notifications;

/// <summary>A notice to one person, listed in the app (read or not) and e-mailed at once or in the daily digest.</summary>
public sealed class Notification
{
    public Guid Id { get; set; }

    /// <summary>What the notice is about and for whom; the same notice is never recorded twice.</summary>
    public string Key { get; set; } = "";

    public string UserId { get; set; } = "";

    public Guid AgreementId { get; set; }

    public NoticeKind Kind { get; set; }

    public string Title { get; set; } = "";

    public string Body { get; set; } = "";

    /// <summary>The path of the thing concerned, inside Copil.</summary>
    public string Link { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? ReadAtUtc { get; set; }

    /// <summary>Waiting for the person's next daily digest.</summary>
    public bool DigestPending { get; set; }
}
