using System.Security.Claims;
using Copil.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Copil.Web.Identity;

/// <summary>
/// A signed-in browser session, kept on the server so that it can be ended there: the cookie only names it. A cookie
/// copied before logout, a password change or the end of its lifetime names a session that is over, and is refused.
/// </summary>
public sealed class UserSession
{
    public Guid Id { get; set; }

    public string UserId { get; set; } = "";

    public DateTime CreatedAtUtc { get; set; }

    public DateTime LastSeenAtUtc { get; set; }

    public DateTime? EndedAtUtc { get; set; }

    /// <summary>Why it ended: « déconnexion », « mot de passe changé », « compte désactivé »…</summary>
    public string? EndReason { get; set; }

    /// <summary>The browser's User-Agent, cut short, to recognise the session in the account's list.</summary>
    public string Agent { get; set; } = "";
}

/// <summary>Session lifetimes (<c>Security:Sessions</c>).</summary>
public sealed class SessionLifetimes
{
    /// <summary>Ended after this long without a request.</summary>
    public int IdleMinutes { get; set; } = 60;

    /// <summary>Ended this long after sign-in, however active (a working day).</summary>
    public int AbsoluteHours { get; set; } = 10;
}

/// <summary>Opens, checks and ends the server-side sessions of cookie sign-ins.</summary>
public sealed class UserSessions(CopilDbContext db, TimeProvider clock, IOptions<SessionLifetimes> options)
{
    /// <summary>The claim of the cookie that names its session.</summary>
    public const string ClaimType = "copil:session";

    public const string LoggedOut = "déconnexion";
    public const string PasswordChanged = "mot de passe changé";

    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    private const string EndedItem = "copil:session-ended";

    public TimeSpan Idle => TimeSpan.FromMinutes(Math.Max(1, options.Value.IdleMinutes));

    public TimeSpan Absolute => TimeSpan.FromHours(Math.Max(1, options.Value.AbsoluteHours));

    public async Task<Guid> OpenAsync(string userId, string? agent, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = new UserSession
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            CreatedAtUtc = now,
            LastSeenAtUtc = now,
            Agent = (agent ?? "").Length > 200 ? agent![..200] : agent ?? "",
        };
        db.Add(session);
        await db.SaveChangesAsync(ct);
        return session.Id;
    }

    /// <summary>Whether the session is still alive for this person; a live one is marked seen (at most once a minute).</summary>
    public async Task<bool> IsAliveAsync(Guid sessionId, string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var session = await db.Set<UserSession>().AsNoTracking().FirstOrDefaultAsync(s => s.Id == sessionId && s.UserId == userId, ct);
        if (session is null || session.EndedAtUtc is not null)
        {
            return false;
        }

        var reason = now - session.CreatedAtUtc >= Absolute ? "durée maximale atteinte"
            : now - session.LastSeenAtUtc >= Idle ? "inactivité"
            : null;
        if (reason is not null)
        {
            await EndWhereAsync(s => s.Id == sessionId, reason, ct);
            return false;
        }

        if (now - session.LastSeenAtUtc >= TouchEvery)
        {
            await db.Set<UserSession>().Where(s => s.Id == sessionId).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeenAtUtc, now), ct);
        }

        return true;
    }

    public Task<int> EndAsync(Guid sessionId, string reason, CancellationToken ct = default) => EndWhereAsync(s => s.Id == sessionId, reason, ct);

    /// <summary>Ends every session of a person (password changed, account disabled).</summary>
    public Task<int> EndAllAsync(string userId, string reason, CancellationToken ct = default) => EndWhereAsync(s => s.UserId == userId, reason, ct);

    public Task<List<UserSession>> LiveOfAsync(string userId, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var idleSince = now - Idle;
        var createdSince = now - Absolute;
        return db.Set<UserSession>().AsNoTracking()
            .Where(s => s.UserId == userId && s.EndedAtUtc == null && s.LastSeenAtUtc > idleSince && s.CreatedAtUtc > createdSince)
            .OrderByDescending(s => s.LastSeenAtUtc).ToListAsync(ct);
    }

    private Task<int> EndWhereAsync(System.Linq.Expressions.Expression<Func<UserSession, bool>> which, string reason, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Set<UserSession>().Where(which).Where(s => s.EndedAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.EndedAtUtc, now).SetProperty(x => x.EndReason, reason), ct);
    }

    /// <summary>The session named by a principal's cookie, if any.</summary>
    public static Guid? SessionOf(ClaimsPrincipal? principal) =>
        Guid.TryParse(principal?.FindFirstValue(ClaimType), out var id) ? id : null;

    /// <summary>Wires the sessions into the application cookie: opened at sign-in, checked on every request, ended at sign-out.</summary>
    public static void Attach(CookieAuthenticationOptions cookie, SessionLifetimes lifetimes)
    {
        // The cookie slides with activity up to the idle limit; the absolute limit is the server's.
        cookie.ExpireTimeSpan = TimeSpan.FromMinutes(Math.Max(1, lifetimes.IdleMinutes));
        cookie.SlidingExpiration = true;
        cookie.Events.OnSigningIn = async context =>
        {
            var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
            // A new sign-in (or a refresh after a password change) always gets a new session: the old one ends.
            if (SessionOf(context.HttpContext.User) is { } previous)
            {
                await sessions.EndAsync(previous, "remplacée par une nouvelle connexion", context.HttpContext.RequestAborted);
            }

            var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
            if (userId is not null && context.Principal!.Identity is ClaimsIdentity identity)
            {
                foreach (var stale in identity.FindAll(ClaimType).ToList())
                {
                    identity.RemoveClaim(stale);
                }

                var id = await sessions.OpenAsync(userId, context.HttpContext.Request.Headers.UserAgent, context.HttpContext.RequestAborted);
                identity.AddClaim(new Claim(ClaimType, id.ToString()));
            }
        };
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var userId = context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier);
            var sessions = context.HttpContext.RequestServices.GetRequiredService<UserSessions>();
            if (userId is null || SessionOf(context.Principal) is not { } sessionId || !await sessions.IsAliveAsync(sessionId, userId, context.HttpContext.RequestAborted))
            {
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Copil.Sessions")
                    .LogInformation("Cookie of an ended session refused (user {UserId}, session {SessionId})", userId, SessionOf(context.Principal));
                context.HttpContext.Items[EndedItem] = true;
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }

            await SecurityStampValidator.ValidatePrincipalAsync(context);
        };
        // A request that still carries a session cookie, refused: its session ended (on the server, or the cookie's idle
        // limit). The sign-in page then says why.
        cookie.Events.OnRedirectToLogin = context =>
        {
            var ended = context.HttpContext.Items.ContainsKey(EndedItem) || context.Request.Cookies.ContainsKey(cookie.Cookie.Name ?? "");
            context.Response.Redirect(ended ? $"{context.RedirectUri}&fin=session" : context.RedirectUri);
            return Task.CompletedTask;
        };
        cookie.Events.OnSigningOut = async context =>
        {
            if (SessionOf(context.HttpContext.User) is { } sessionId)
            {
                await context.HttpContext.RequestServices.GetRequiredService<UserSessions>().EndAsync(sessionId, LoggedOut, context.HttpContext.RequestAborted);
            }
        };
    }
}
