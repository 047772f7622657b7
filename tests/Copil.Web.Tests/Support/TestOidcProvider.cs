using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Copil.Web.Tests.Support;

/// <summary>
/// A small but real OpenID Connect provider on its own Kestrel port, shaped like ProConnect: discovery, keys, the
/// authorisation code flow with PKCE (S256), single-use codes, RS256-signed ID tokens with the nonce, userinfo as a
/// signed JWT (application/jwt) with ProConnect's claims, and logout with post_logout_redirect_uri. The agent who
/// "signs in" at the provider is the one the test names in <see cref="NextAgent"/>.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string ClientId = "copil-tests";
    public const string ClientSecret = "secret-du-client-de-test";

    private readonly RSA _rsa = RSA.Create(2048);
    private readonly ConcurrentDictionary<string, Grant> _codes = new();
    private readonly ConcurrentDictionary<string, string> _accessTokens = new();
    private readonly WebApplication _app;

    private sealed record Grant(string RedirectUri, string? Nonce, string Challenge, string Email)
    {
        public bool Used { get; set; }
    }

    /// <summary>The e-mail address of the agent who authenticates at the provider next.</summary>
    public string? NextAgent { get; set; }

    /// <summary>When true, the ID tokens issued have expired ten minutes ago.</summary>
    public bool IssueExpiredTokens { get; set; }

    public ConcurrentQueue<string> Logouts { get; } = new();

    public ConcurrentQueue<string> TokenRequests { get; } = new();

    public string Authority { get; }

    private SigningCredentials Signing => new(new RsaSecurityKey(_rsa) { KeyId = "cle-de-test" }, SecurityAlgorithms.RsaSha256);

    private readonly TimeProvider _clock;

    /// <param name="clock">The provider's clock: the same as the app's, as real servers agree on the time.</param>
    public TestOidcProvider(TimeProvider clock)
    {
        _clock = clock;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority!,
            ["authorization_endpoint"] = $"{Authority}/authorize",
            ["token_endpoint"] = $"{Authority}/token",
            ["userinfo_endpoint"] = $"{Authority}/userinfo",
            ["jwks_uri"] = $"{Authority}/jwks",
            ["end_session_endpoint"] = $"{Authority}/session/end",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["userinfo_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
            ["scopes_supported"] = Copil.Web.Identity.ProConnect.Scopes.Split(' '),
            ["token_endpoint_auth_methods_supported"] = new[] { "client_secret_post", "client_secret_basic" },
        }));
        _app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "cle-de-test" });
            return Results.Json(new { keys = new[] { new { kty = "RSA", use = "sig", alg = "RS256", kid = jwk.Kid, n = jwk.N, e = jwk.E } } });
        });
        _app.MapGet("/authorize", (HttpRequest request) =>
        {
            var q = request.Query;
            if (q["client_id"] != ClientId || q["response_type"] != "code" || q["code_challenge_method"] != "S256" || string.IsNullOrEmpty(q["code_challenge"]) || NextAgent is not { } agent)
            {
                return Results.BadRequest("invalid_request");
            }

            var code = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _codes[code] = new Grant(q["redirect_uri"].ToString(), q["nonce"].ToString(), q["code_challenge"].ToString(), agent);
            return Results.Redirect($"{q["redirect_uri"]}?code={code}&state={Uri.EscapeDataString(q["state"].ToString())}&iss={Uri.EscapeDataString(Authority!)}");
        });
        _app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            TokenRequests.Enqueue(form["code"].ToString());
            var (clientId, secret) = ClientOf(request, form);
            if (clientId != ClientId || secret != ClientSecret)
            {
                return Results.Json(new { error = "invalid_client" }, statusCode: 401);
            }

            // A code serves once, for the redirect address and the PKCE verifier it was issued with.
            if (!_codes.TryGetValue(form["code"].ToString(), out var grant) || grant.Used || grant.RedirectUri != form["redirect_uri"]
                || Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString()))) != grant.Challenge)
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: 400);
            }

            grant.Used = true;
            var accessToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            _accessTokens[accessToken] = grant.Email;
            var now = _clock.GetUtcNow().UtcDateTime - (IssueExpiredTokens ? TimeSpan.FromMinutes(20) : TimeSpan.Zero);
            var claims = new Dictionary<string, object> { ["sub"] = Subject(grant.Email), ["auth_time"] = EpochTime.GetIntDate(now), ["acr"] = "eidas1" };
            if (grant.Nonce is not null)
            {
                claims["nonce"] = grant.Nonce;
            }

            var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority,
                Audience = ClientId,
                Claims = claims,
                IssuedAt = now,
                NotBefore = now,
                Expires = now + TimeSpan.FromMinutes(10),
                SigningCredentials = Signing,
            });
            return Results.Json(new { access_token = accessToken, token_type = "Bearer", expires_in = 60, id_token = idToken, scope = Copil.Web.Identity.ProConnect.Scopes });
        });
        _app.MapGet("/userinfo", (HttpRequest request) =>
        {
            var token = request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal);
            if (!_accessTokens.TryGetValue(token, out var email))
            {
                return Results.Unauthorized();
            }

            var info = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority,
                Audience = ClientId,
                Claims = new Dictionary<string, object>
                {
                    ["sub"] = Subject(email),
                    ["email"] = email,
                    ["given_name"] = "Camille",
                    ["usual_name"] = "Agent",
                    ["uid"] = Subject(email)[..8],
                    ["siret"] = "11004601800013",
                    ["idp_id"] = "fia1v2",
                },
                SigningCredentials = Signing,
            });
            return Results.Text(info, "application/jwt");
        });
        _app.MapGet("/session/end", (HttpRequest request) =>
        {
            Logouts.Enqueue(request.Query["id_token_hint"].ToString());
            return Results.Redirect($"{request.Query["post_logout_redirect_uri"]}?state={Uri.EscapeDataString(request.Query["state"].ToString())}");
        });
        _app.StartAsync().GetAwaiter().GetResult();
        Authority = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>The settings that point Copil at this provider.</summary>
    public IEnumerable<(string Key, string Value)> Settings =>
    [
        ("Authentication:ProConnect:Authority", Authority),
        ("Authentication:ProConnect:ClientId", ClientId),
        ("Authentication:ProConnect:ClientSecret", ClientSecret),
    ];

    private static string Subject(string email) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(email.ToLowerInvariant())))[..32].ToLowerInvariant();

    private static (string? Id, string? Secret) ClientOf(HttpRequest request, IFormCollection form)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Basic ", StringComparison.Ordinal))
        {
            var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..])).Split(':', 2);
            return (Uri.UnescapeDataString(pair[0]), Uri.UnescapeDataString(pair[1]));
        }

        return (form["client_id"], form["client_secret"]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }
}
