using Microsoft.Extensions.Options;

namespace Copil.Web.Identity;

/// <summary>Limits on sign-in attempts (<c>Security:Login</c>).</summary>
public sealed class LoginLimits
{
    /// <summary>Failed attempts allowed on one e-mail address, existing or not, per <see cref="AccountWindowMinutes"/>.</summary>
    public int FailuresPerAccount { get; set; } = 5;

    public int AccountWindowMinutes { get; set; } = 15;

    /// <summary>Attempts allowed from one network address per minute (high: a ministry's staff share one address).</summary>
    public int AttemptsPerAddressPerMinute { get; set; } = 60;
}

/// <summary>
/// Throttles sign-in: per e-mail address typed (whether an account has it or not, so that the answer tells nothing)
/// and per network address (password spraying, and the CPU each attempt costs). Counted in this instance's memory:
/// behind N instances an attacker gets N times the allowance, still far from a useful guessing rate.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, IOptions<LoginLimits> options)
{
    private readonly RateWindows _accounts = new(clock, TimeSpan.FromMinutes(options.Value.AccountWindowMinutes));
    private readonly RateWindows _addresses = new(clock, TimeSpan.FromMinutes(1));

    /// <summary>How long to wait before trying again, or null when this attempt may go ahead (it is then counted for the address).</summary>
    public TimeSpan? Refusal(string account, string address) =>
        _accounts.Reached(Key(account), options.Value.FailuresPerAccount)
        ?? _addresses.Hit(address, options.Value.AttemptsPerAddressPerMinute);

    public void Failed(string account) => _accounts.Hit(Key(account), int.MaxValue);

    public void Succeeded(string account) => _accounts.Forget(Key(account));

    private static string Key(string account) => account.Trim().ToUpperInvariant();
}

/// <summary>
/// Each personal access token (or, without one, each network address) gets a number of API calls per minute
/// (<c>Security:Api:RequestsPerMinute</c>); past it, a French 429 with Retry-After. Keyed by a hash of the header, so
/// that the counters hold no secret.
/// </summary>
public sealed class ApiRateLimit(TimeProvider clock, IConfiguration configuration)
{
    private readonly RateWindows _windows = new(clock, TimeSpan.FromMinutes(1));
    private readonly int _perMinute = Math.Max(1, configuration.GetValue("Security:Api:RequestsPerMinute", 600));

    public async Task InvokeAsync(HttpContext context, Func<Task> next)
    {
        var header = context.Request.Headers.Authorization.ToString();
        var key = header.Length > 0
            ? "token:" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(header)))[..24]
            : "address:" + context.Connection.RemoteIpAddress;
        if (_windows.Hit(key, _perMinute) is not { } wait)
        {
            await next();
            return;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await Results.Problem(statusCode: 429, title: "Trop de requêtes",
            detail: $"Plus de {_perMinute} appels en une minute avec ce jeton : réessayez dans {Copil.Domain.Common.FrenchText.Plural(seconds, "seconde", "secondes")}.").ExecuteAsync(context);
    }
}
