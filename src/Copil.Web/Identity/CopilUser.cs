using Microsoft.AspNetCore.Identity;

namespace Copil.Web.Identity;

/// <summary>A person with a local account. Roles are per agreement (memberships); the only platform role is administrator.</summary>
public sealed class CopilUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    public bool IsPlatformAdministrator { get; set; }

    /// <summary>E-mail at once or in a daily digest.</summary>
    public Copil.Domain.Notifications.NotificationDelivery NotificationDelivery { get; set; }

    /// <summary>No reminders of the dates Copil chooses to remind; those the agreement sets still come.</summary>
    public bool MuteReminders { get; set; }

    /// <summary>Hex SHA-256 of the secret of the person's calendar feed URL; null when there is none (or it was revoked).</summary>
    public string? CalendarFeedTokenHash { get; set; }

    /// <summary>The 30-second step of the last authenticator code accepted: a code is never accepted twice.</summary>
    public long LastTotpStep { get; set; }

    public Copil.Domain.Notifications.NotificationPreferences Preferences => new(NotificationDelivery, MuteReminders);
}

/// <summary>A personal access token for scripts: only its SHA-256 hash is stored; the secret is shown once.</summary>
public sealed class PersonalAccessToken
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public string Name { get; set; } = "";

    /// <summary>Hex SHA-256 of the secret.</summary>
    public string TokenHash { get; set; } = "";

    /// <summary>The first characters of the secret, to recognise it in the list.</summary>
    public string Prefix { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime? LastUsedAtUtc { get; set; }

    /// <summary>The end of the day chosen at creation (a year at most); refused after it.</summary>
    public DateTime ExpiresAtUtc { get; set; }

    public DateTime? RevokedAtUtc { get; set; }
}
