using System.Security.Cryptography;
using System.Text;
using Copil.Domain.Access;
using Copil.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Identity;

/// <summary>Time-based one-time passwords (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), as every authenticator app reads them.</summary>
public static class Totp
{
    public static long StepOf(DateTimeOffset now) => now.ToUnixTimeSeconds() / 30;

    public static string Code(byte[] key, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(counter, step);
        // RFC 6238 with SHA-1 is what every authenticator app computes; HMAC-SHA1 keeps its strength as a MAC.
#pragma warning disable CA5350
        var hash = HMACSHA1.HashData(key, counter);
#pragma warning restore CA5350
        var offset = hash[^1] & 0x0F;
        var value = ((hash[offset] & 0x7F) << 24) | (hash[offset + 1] << 16) | (hash[offset + 2] << 8) | hash[offset + 3];
        return (value % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The bytes of a Base32 key (RFC 4648, as Identity generates and authenticator apps scan).</summary>
    public static byte[] FromBase32(string text)
    {
        const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var clean = text.Trim().TrimEnd('=').Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        foreach (var c in clean)
        {
            var index = Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (index < 0)
            {
                throw new FormatException("Not a Base32 key.");
            }

            buffer = (buffer << 5) | index;
            bits += 5;
            if (bits >= 8)
            {
                bytes.Add((byte)(buffer >> (bits - 8)));
                bits -= 8;
            }
        }

        return [.. bytes];
    }
}

/// <summary>
/// The authenticator-app check, with what Identity's own lacks: a code is accepted once (the step it matched is
/// remembered; a code seen on a shoulder or replayed from a log is refused), within one step either side, on the
/// injected clock.
/// </summary>
public sealed class ReplaySafeAuthenticatorTokenProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<CopilUser>
{
    public Task<string> GenerateAsync(string purpose, UserManager<CopilUser> manager, CopilUser user) => Task.FromResult("");

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<CopilUser> manager, CopilUser user)
    {
        var key = await manager.GetAuthenticatorKeyAsync(user);
        var code = (token ?? "").Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(key) || code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return false;
        }

        var bytes = Totp.FromBase32(key);
        var now = Totp.StepOf(clock.GetUtcNow());
        foreach (var step in new[] { now, now - 1, now + 1 })
        {
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Totp.Code(bytes, step)), Encoding.ASCII.GetBytes(code)))
            {
                if (step <= user.LastTotpStep)
                {
                    return false;
                }

                user.LastTotpStep = step;
                return (await manager.UpdateAsync(user)).Succeeded;
            }
        }

        return false;
    }

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<CopilUser> manager, CopilUser user) =>
        !string.IsNullOrEmpty(await manager.GetAuthenticatorKeyAsync(user));
}

/// <summary>
/// Identity's store, with its two-factor secrets kept as no one can use them from the database: the authenticator key
/// encrypted with the data-protection keys, the recovery codes as SHA-256 hashes (Identity stores both in clear).
/// </summary>
public sealed class ProtectedUserStore(CopilDbContext context, IDataProtectionProvider protection, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<CopilUser, CopilDbContext>(context, describer)
{
    private const string KeyPurpose = "Copil.Identity.AuthenticatorKey";
    private const string Provider = "[AspNetUserStore]";
    private const string KeyName = "AuthenticatorKey";
    private const string CodesName = "RecoveryCodes";

    private IDataProtector Protector => protection.CreateProtector(KeyPurpose);

    public override Task SetAuthenticatorKeyAsync(CopilUser user, string key, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, KeyName, Protector.Protect(key), cancellationToken);

    public override async Task<string?> GetAuthenticatorKeyAsync(CopilUser user, CancellationToken cancellationToken)
    {
        var stored = await GetTokenAsync(user, Provider, KeyName, cancellationToken);
        try
        {
            return stored is null ? null : Protector.Unprotect(stored);
        }
        catch (CryptographicException)
        {
            // Its key ring is gone: the person enrols again (with a recovery code, or an administrator's reset).
            return null;
        }
    }

    public override Task ReplaceCodesAsync(CopilUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken) =>
        SetTokenAsync(user, Provider, CodesName, string.Join(";", recoveryCodes.Select(Hash)), cancellationToken);

    public override async Task<bool> RedeemCodeAsync(CopilUser user, string code, CancellationToken cancellationToken)
    {
        var codes = ((await GetTokenAsync(user, Provider, CodesName, cancellationToken)) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (!codes.Remove(Hash(code)))
        {
            return false;
        }

        await SetTokenAsync(user, Provider, CodesName, string.Join(";", codes), cancellationToken);
        return true;
    }

    public override async Task<int> CountCodesAsync(CopilUser user, CancellationToken cancellationToken) =>
        ((await GetTokenAsync(user, Provider, CodesName, cancellationToken)) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Length;

    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant())));
}

/// <summary>
/// Who must use two factors (<c>Security:TwoFactor</c>): platform administrators and the roles listed (the secretariat
/// by default in production). The operator widens it by adding roles; a person may always enrol of their own accord.
/// </summary>
public sealed class TwoFactorPolicy(IConfiguration configuration, CopilDbContext db)
{
    /// <summary>Off in development and tests, so that the demo accounts sign in with their password alone.</summary>
    public bool Enforced => configuration.GetValue("Security:TwoFactor:Enforced", false);

    public bool AdministratorsRequired => configuration.GetValue("Security:TwoFactor:Administrators", true);

    public IReadOnlyList<AgreementRole> RequiredRoles =>
        [.. (configuration.GetSection("Security:TwoFactor:RequiredRoles").Get<string[]>() ?? [])
            .Select(r => Enum.TryParse<AgreementRole>(r, ignoreCase: true, out var role) ? role : (AgreementRole?)null).OfType<AgreementRole>()];

    public async Task<bool> IsRequiredAsync(CopilUser user, CancellationToken ct = default)
    {
        if (!Enforced)
        {
            return false;
        }

        if (user.IsPlatformAdministrator && AdministratorsRequired)
        {
            return true;
        }

        var roles = RequiredRoles;
        return roles.Count > 0 && await db.Memberships.AnyAsync(m => m.UserId == user.Id && roles.Contains(m.Role), ct);
    }
}

/// <summary>While a person's role requires two factors they have not set up, every page but the set-up (and sign-out) leads there.</summary>
public sealed class TwoFactorEnrolmentFilter : Microsoft.AspNetCore.Mvc.Filters.IAsyncPageFilter
{
    private static readonly string[] Allowed = [Features.Account.TwoFactorModel.Path, "/deconnexion", "/erreur", "/statut"];

    public Task OnPageHandlerSelectionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context, Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutionDelegate next)
    {
        var request = context.HttpContext.Request;
        if (context.HttpContext.User.HasClaim(c => c.Type == CopilClaimsPrincipalFactory.MustEnrolClaim)
            && !Allowed.Any(path => request.Path.StartsWithSegments(path, StringComparison.OrdinalIgnoreCase)))
        {
            context.Result = new Microsoft.AspNetCore.Mvc.RedirectResult(Features.Account.TwoFactorModel.Path);
            return;
        }

        await next();
    }
}
