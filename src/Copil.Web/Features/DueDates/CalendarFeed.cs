using System.Security.Cryptography;
using System.Text;
using Copil.Web.Data;
using Copil.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Copil.Web.Features.DueDates;

/// <summary>
/// A person's own calendar: the due dates they own in every agreement they belong to, at a secret address that a
/// calendar client can poll without signing in. Only the secret's hash is stored; a new address revokes the old one.
/// </summary>
public sealed class CalendarFeed(CopilDbContext db, Echeancier echeancier, IOptions<MailOptions> mail)
{
    /// <summary>Creates (or replaces) the person's feed and returns its address; it is shown once.</summary>
    public async Task<string> CreateAsync(string userId, CancellationToken ct = default)
    {
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        user.CalendarFeedTokenHash = Hash(secret);
        await db.SaveChangesAsync(ct);
        return $"{mail.Value.PublicUrl.TrimEnd('/')}/calendrier/{secret}.ics";
    }

    public async Task RevokeAsync(string userId, CancellationToken ct = default)
    {
        var user = await db.Users.FirstAsync(u => u.Id == userId, ct);
        user.CalendarFeedTokenHash = null;
        await db.SaveChangesAsync(ct);
    }

    public Task<bool> ExistsAsync(string userId, CancellationToken ct = default) =>
        db.Users.AnyAsync(u => u.Id == userId && u.CalendarFeedTokenHash != null, ct);

    /// <summary>The calendar behind a secret, or null when no one holds it (never created, or revoked).</summary>
    public async Task<byte[]?> ReadAsync(string secret, CancellationToken ct = default)
    {
        if (secret.Length is < 20 or > 100)
        {
            return null;
        }

        var hash = Hash(secret);
        var user = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.CalendarFeedTokenHash == hash, ct);
        if (user is null)
        {
            return null;
        }

        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == user.Id).ToListAsync(ct);
        var items = await echeancier.ForAgreementsAsync([.. memberships.Select(m => m.AgreementId).Distinct()], DueScope.Mine(memberships), ct);

        return ICalendar.Write(items, $"Copil — {user.DisplayName}", echeancier.Now, mail.Value.PublicUrl.TrimEnd('/'));
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>GET /calendrier/{secret}.ics, without signing in: the secret is the key.</summary>
    public static void Map(IEndpointRouteBuilder app) =>
        app.MapGet("/calendrier/{secret}.ics", async (string secret, CalendarFeed feed, CancellationToken ct) =>
            await feed.ReadAsync(secret, ct) is { } calendar
                ? Results.File(calendar, "text/calendar; charset=utf-8", "copil.ics")
                : Results.NotFound()).AllowAnonymous().ExcludeFromDescription();
}
