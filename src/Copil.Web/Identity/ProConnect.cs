using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Copil.Web.Identity;

/// <summary>ProConnect, the State's single sign-on for its agents (<c>Authentication:ProConnect</c>); off while its authority is empty.</summary>
public sealed class ProConnectOptions
{
    /// <summary>The issuer, e.g. https://auth.agentconnect.gouv.fr/api/v2 (production) or the integration platform.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// Sign-in through ProConnect: OpenID Connect, authorisation code flow with PKCE, the scopes and claims ProConnect
/// documents, its userinfo answer a signed JWT (checked against the provider's keys), logout at the provider. A first
/// sign-in is matched to the Copil account of the same e-mail address — the address ProConnect vouches for, never a
/// name; with no such account, nothing is created and the agent is told whom to ask.
/// </summary>
public static class ProConnect
{
    public const string Scheme = "ProConnect";
    public const string StartPath = "/connexion/proconnect";
    public const string FinishPath = "/connexion/proconnect/fin";
    public const string Scopes = "openid email given_name usual_name uid siret idp_id";

    /// <summary>The claims kept from ProConnect's userinfo.</summary>
    private static readonly string[] Kept = ["sub", "email", "given_name", "usual_name", "uid", "siret", "idp_id"];

    public static void Add(AuthenticationBuilder authentication, IConfiguration configuration, IHostEnvironment environment)
    {
        var settings = configuration.GetSection("Authentication:ProConnect").Get<ProConnectOptions>() ?? new ProConnectOptions();
        if (!settings.Enabled)
        {
            return;
        }

        authentication.AddOpenIdConnect(Scheme, "ProConnect", options =>
        {
            options.Authority = settings.Authority;
            options.ClientId = settings.ClientId;
            options.ClientSecret = settings.ClientSecret;
            // A plain-HTTP provider is for tests and development only.
            options.RequireHttpsMetadata = environment.IsProduction() || settings.Authority!.StartsWith("https:", StringComparison.OrdinalIgnoreCase);
            options.ResponseType = OpenIdConnectResponseType.Code;
            options.UsePkce = true;
            options.Scope.Clear();
            foreach (var scope in Scopes.Split(' '))
            {
                options.Scope.Add(scope);
            }

            options.CallbackPath = "/connexion/proconnect/retour";
            options.SignedOutCallbackPath = "/connexion/proconnect/sortie";
            options.SignInScheme = IdentityConstants.ExternalScheme;
            options.GetClaimsFromUserInfoEndpoint = false;
            options.SaveTokens = true;
            options.MapInboundClaims = false;
            // The provider sends the browser back with a top-level GET: Lax cookies come with it, and work without TLS in tests.
            options.CorrelationCookie.SameSite = SameSiteMode.Lax;
            options.NonceCookie.SameSite = SameSiteMode.Lax;
            options.CorrelationCookie.SecurePolicy = options.NonceCookie.SecurePolicy = environment.IsProduction() ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            options.Events.OnTokenValidated = ReadSignedUserInfoAsync;
            options.Events.OnRedirectToIdentityProviderForSignOut = context =>
            {
                if (context.Properties.Items.TryGetValue("id_token", out var idToken))
                {
                    context.ProtocolMessage.IdTokenHint = idToken;
                }

                return Task.CompletedTask;
            };
            options.Events.OnRemoteFailure = context =>
            {
                // A forged, replayed or expired answer: nothing is signed in, the agent is told in French.
                context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Copil.ProConnect")
                    .LogWarning("ProConnect sign-in refused: {Reason}", context.Failure?.Message);
                context.HandleResponse();
                context.Response.Redirect("/connexion?proconnect=refuse");
                return Task.CompletedTask;
            };
        });
    }

    /// <summary>ProConnect answers userinfo with a JWT signed by its keys: checked here, then it replaces the principal.</summary>
    private static async Task ReadSignedUserInfoAsync(TokenValidatedContext context)
    {
        var configuration = await context.Options.ConfigurationManager!.GetConfigurationAsync(context.HttpContext.RequestAborted);
        using var request = new HttpRequestMessage(HttpMethod.Get, configuration.UserInfoEndpoint);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", context.TokenEndpointResponse?.AccessToken);
        using var response = await context.Options.Backchannel.SendAsync(request, context.HttpContext.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(context.HttpContext.RequestAborted);
        if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/jwt")
        {
            context.Fail($"userinfo answered {(int)response.StatusCode} {response.Content.Headers.ContentType?.MediaType}, not a signed JWT");
            return;
        }

        var checkedInfo = await new JsonWebTokenHandler().ValidateTokenAsync(body, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = context.Options.ClientId,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        var idSubject = context.Principal?.FindFirstValue("sub");
        if (!checkedInfo.IsValid || Claim(checkedInfo, "sub") != idSubject || idSubject is null)
        {
            context.Fail($"userinfo JWT refused: {checkedInfo.Exception?.Message ?? "subject differs from the ID token's"}");
            return;
        }

        var identity = new ClaimsIdentity(Scheme, "email", null);
        foreach (var name in Kept)
        {
            if (Claim(checkedInfo, name) is { Length: > 0 } value)
            {
                identity.AddClaim(new Claim(name, value));
            }
        }

        context.Principal = new ClaimsPrincipal(identity);
    }

    /// <summary>Where to go back after signing in: a path of this site only (never another site, even disguised as //host).</summary>
    private static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) ? returnUrl : "/";

    private static string? Claim(TokenValidationResult result, string name) =>
        result.Claims.TryGetValue(name, out var value) ? value?.ToString() : null;

    /// <summary>The start of a ProConnect sign-in (a link on the sign-in page) and its end, where the Copil account is opened.</summary>
    public static void Map(IEndpointRouteBuilder app, IConfiguration configuration)
    {
        // Without ProConnect configured, its addresses do not exist (404), rather than a challenge of a missing scheme.
        if (configuration.GetSection("Authentication:ProConnect").Get<ProConnectOptions>() is not { Enabled: true })
        {
            return;
        }

        app.MapGet(StartPath, (HttpContext http, string? returnUrl) =>
        {
            var back = LocalPath(returnUrl);
            return Results.Challenge(new AuthenticationProperties { RedirectUri = $"{FinishPath}?returnUrl={Uri.EscapeDataString(back)}" }, [Scheme]);
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet(FinishPath, async (HttpContext http, string? returnUrl, SignInManager<CopilUser> signIn, ILoggerFactory loggers) =>
        {
            var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
            await http.SignOutAsync(IdentityConstants.ExternalScheme);
            var email = external.Principal?.FindFirstValue("email");
            if (!external.Succeeded || string.IsNullOrWhiteSpace(email))
            {
                return Results.Redirect("/connexion?proconnect=refuse");
            }

            var user = await signIn.UserManager.FindByEmailAsync(email.Trim());
            if (user is null)
            {
                loggers.CreateLogger("Copil.ProConnect").LogWarning("ProConnect sign-in of an address without a Copil account (idp {Idp})", external.Principal!.FindFirstValue("idp_id"));
                return Results.Redirect("/connexion?proconnect=inconnu");
            }

            var properties = new AuthenticationProperties();
            if (external.Properties?.GetTokenValue("id_token") is { } idToken)
            {
                // Kept in the (encrypted) session cookie for the logout at the provider, which asks for it.
                properties.StoreTokens([new AuthenticationToken { Name = "id_token", Value = idToken }]);
            }

            await signIn.SignInAsync(user, properties, authenticationMethod: Scheme);
            var back = LocalPath(returnUrl);
            return Results.Redirect(back);
        }).AllowAnonymous().ExcludeFromDescription();
    }
}
