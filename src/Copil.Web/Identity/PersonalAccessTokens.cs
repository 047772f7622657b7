using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Copil.Web.Data;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Copil.Web.Identity;

/// <summary>Creates, lists and revokes personal access tokens. The secret is returned once and only its hash is kept.</summary>
public sealed class PersonalAccessTokenService(CopilDbContext db, TimeProvider clock)
{
    public const string SecretPrefix = "copil_";

    /// <summary>The longest life a token can be given (ANSSI: secrets of automated access are renewed at least yearly).</summary>
    public const int MaxDays = 366;

    /// <summary>The expiry offered by default at creation.</summary>
    public const int DefaultDays = 90;

    /// <summary>Why this name and expiry date cannot make a token (French messages, by field), or nothing.</summary>
    public static Dictionary<string, string> Refusals(string? name, DateOnly? expiresOn, DateOnly today)
    {
        var refusals = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 100)
        {
            refusals["name"] = "Donnez un nom au jeton (100 caractères au plus).";
        }

        if (expiresOn is not { } date)
        {
            refusals["expiresOn"] = "Choisissez la date d'expiration du jeton (un an au plus).";
        }
        else if (date <= today || date > today.AddYears(1))
        {
            refusals["expiresOn"] = $"La date d'expiration doit être comprise entre le {today.AddDays(1):dd/MM/yyyy} et le {today.AddYears(1):dd/MM/yyyy} (un an au plus).";
        }

        return refusals;
    }

    /// <summary>Creates a token valid until the end of <paramref name="expiresOn"/> (Paris time); the caller checked <see cref="Refusals"/>.</summary>
    public async Task<(PersonalAccessToken Token, string Secret)> CreateAsync(string userId, string name, DateOnly expiresOn, CancellationToken ct = default)
    {
        var today = Copil.Web.Infrastructure.Clock.TodayInParis(clock);
        if (Refusals(name, expiresOn, today).Count > 0)
        {
            throw new ArgumentException("Invalid token name or expiry date.", nameof(expiresOn));
        }

        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new PersonalAccessToken
        {
            Id = Guid.NewGuid(),
            UserId = userId,
            Name = name.Trim(),
            TokenHash = Hash(secret),
            Prefix = secret[..12],
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            ExpiresAtUtc = Copil.Web.Infrastructure.Clock.EndOfDayInParisUtc(expiresOn),
        };
        db.PersonalAccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    public async Task<bool> RevokeAsync(string userId, Guid tokenId, CancellationToken ct = default)
    {
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId && t.RevokedAtUtc == null, ct);
        if (token is null)
        {
            return false;
        }

        token.RevokedAtUtc = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(ct);
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Authenticates API calls that carry <c>Authorization: Bearer copil_…</c>.</summary>
public sealed class PersonalAccessTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    CopilDbContext db,
    IUserClaimsPrincipalFactory<CopilUser> principalFactory,
    TimeProvider clock) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header) || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.NoResult();
        }

        var secret = header["Bearer ".Length..].Trim();
        if (!secret.StartsWith(PersonalAccessTokenService.SecretPrefix, StringComparison.Ordinal))
        {
            return AuthenticateResult.Fail("Jeton invalide.");
        }

        var hash = PersonalAccessTokenService.Hash(secret);
        var token = await db.PersonalAccessTokens.FirstOrDefaultAsync(t => t.TokenHash == hash && t.RevokedAtUtc == null, Context.RequestAborted);
        if (token is null)
        {
            return Refuse("Jeton inconnu ou révoqué : créez-en un depuis « Mon compte ».");
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (token.ExpiresAtUtc <= now)
        {
            Logger.LogInformation("Expired personal access token {Prefix} of user {UserId} refused", token.Prefix, token.UserId);
            return Refuse($"Ce jeton a expiré le {Copil.Web.Infrastructure.Clock.ToParis(token.ExpiresAtUtc):dd/MM/yyyy à HH:mm} : créez-en un autre depuis « Mon compte ».");
        }

        // A login lockout (five bad passwords, which anyone can type) does not switch off the person's tokens.
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == token.UserId, Context.RequestAborted);
        if (user is null)
        {
            return Refuse("Compte indisponible.");
        }

        // Recording every use would write on every call; once an hour is enough to show the token is alive.
        if (token.LastUsedAtUtc is null || now - token.LastUsedAtUtc > TimeSpan.FromHours(1))
        {
            await db.PersonalAccessTokens.Where(t => t.Id == token.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAtUtc, now), Context.RequestAborted);
        }

        var principal = await principalFactory.CreateAsync(user);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(principal.Claims, SchemeName)), SchemeName));
    }

    private const string RefusalItem = "copil:token-refusal";

    private AuthenticateResult Refuse(string reason)
    {
        Context.Items[RefusalItem] = reason;
        return AuthenticateResult.Fail(reason);
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await Results.Problem(statusCode: 401, title: "Authentification requise",
            detail: Context.Items[RefusalItem] as string ?? "Envoyez un jeton d'accès personnel valide dans l'en-tête Authorization: Bearer.").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await Results.Problem(statusCode: 403, title: "Accès refusé", detail: "Votre rôle ne permet pas cette opération.").ExecuteAsync(Context);
    }
}

/// <summary>Adds the display name and the platform administrator role to the signed-in principal.</summary>
public sealed class CopilClaimsPrincipalFactory(UserManager<CopilUser> userManager, IOptions<IdentityOptions> options, TwoFactorPolicy twoFactor)
    : UserClaimsPrincipalFactory<CopilUser>(userManager, options)
{
    public const string AdministratorRole = "Administrator";
    public const string DisplayNameClaim = "copil:display-name";

    /// <summary>Present while the person's role requires two factors they have not set up: every page leads to the set-up.</summary>
    public const string MustEnrolClaim = "copil:must-enrol";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CopilUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DisplayNameClaim, string.IsNullOrWhiteSpace(user.DisplayName) ? user.Email ?? user.UserName ?? "" : user.DisplayName));
        if (user.IsPlatformAdministrator)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, AdministratorRole));
        }

        if (!user.TwoFactorEnabled && await twoFactor.IsRequiredAsync(user))
        {
            identity.AddClaim(new Claim(MustEnrolClaim, "true"));
        }

        return identity;
    }
}
