namespace Copil.Domain.Notifications;

/// <summary>How a person wants to receive e-mails: one per notice, or one summary a day.</summary>
public enum NotificationDelivery
{
    Immediate = 0,
    DailyDigest = 1,
}

/// <summary>What a notice is about: something that happened, or a due date coming or passed.</summary>
public enum NoticeKind
{
    Event = 0,
    Reminder = 1,
}

/// <summary>A person's choices; by default every notice is e-mailed at once and nothing is muted.</summary>
public sealed record NotificationPreferences(NotificationDelivery Delivery = NotificationDelivery.Immediate, bool MuteReminders = false)
{
    public static NotificationPreferences Default { get; } = new();
}

/// <summary>Where a notice goes for one person.</summary>
public enum NoticeRoute
{
    /// <summary>Neither listed nor e-mailed: a reminder the person muted (the échéancier still shows the date).</summary>
    Muted = 0,

    /// <summary>Listed in the app and e-mailed at once.</summary>
    ListAndEmailNow = 1,

    /// <summary>Listed in the app and included in the next daily digest.</summary>
    ListAndDigest = 2,
}

public static class NotificationRouting
{
    /// <summary>
    /// Reminders can be muted, except those of a date the agreement itself sets (statutory); notices of events are
    /// never muted. Whatever is not muted is e-mailed at once or in the digest, as the person chose.
    /// </summary>
    public static NoticeRoute Route(NoticeKind kind, bool statutory, NotificationPreferences preferences) =>
        kind == NoticeKind.Reminder && !statutory && preferences.MuteReminders
            ? NoticeRoute.Muted
            : preferences.Delivery == NotificationDelivery.DailyDigest ? NoticeRoute.ListAndDigest : NoticeRoute.ListAndEmailNow;

    /// <summary>The local hour from which the day's digest goes out (Paris time).</summary>
    public const int DigestHour = 7;

    /// <summary>The day whose digest may be sent at <paramref name="localNow"/>, or null before the digest hour.</summary>
    public static DateOnly? DigestDay(DateTime localNow) =>
        localNow.Hour >= DigestHour ? DateOnly.FromDateTime(localNow) : null;
}
