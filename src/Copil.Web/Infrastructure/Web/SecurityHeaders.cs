namespace Copil.Web.Infrastructure.Web;

/// <summary>
/// The headers every answer carries (ASVS 5.0 V3, ANSSI's recommendations for web applications). Copil ships no
/// JavaScript and no inline style, so its pages get a policy that allows neither; the API reference page, which is a
/// script application of its own, gets its own policy. Answers that are not static files — pages, API answers,
/// downloads — carry personal data: no cache keeps them.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>Pages: their own stylesheet and images, forms to themselves, never framed, no script at all.</summary>
    public const string PagePolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The API reference (Scalar): its script and styles served by the app, inline configuration allowed there only.</summary>
    public const string ReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>No device feature is ever needed.</summary>
    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=(), interest-cohort=()";

    /// <summary>
    /// The page policy, with the origin a form may also lead to through a redirect: signing out of ProConnect posts the
    /// logout form, answered by a redirect to the provider, which <c>form-action 'self'</c> alone would block.
    /// </summary>
    public static string PagePolicyWith(string? formTarget) =>
        Uri.TryCreate(formTarget, UriKind.Absolute, out var uri)
            ? PagePolicy.Replace("form-action 'self'", $"form-action 'self' {uri.GetLeftPart(UriPartial.Authority)}", StringComparison.Ordinal)
            : PagePolicy;

    /// <summary>Headers of every answer, static files included.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, string? formTarget = null)
    {
        var pagePolicy = PagePolicyWith(formTarget);
        return app.Use(async (context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        headers.XFrameOptions = "DENY";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/api/reference", StringComparison.OrdinalIgnoreCase) ? ReferencePolicy : pagePolicy;
        await next();
    });
    }

    /// <summary>After the static files: whatever answers from here on (pages, API, downloads, calendars) is never cached.</summary>
    public static IApplicationBuilder UseNoStore(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            // The exact values antiforgery sets itself: it then leaves them alone instead of logging a warning per form.
            context.Response.Headers.CacheControl = "no-cache, no-store";
            context.Response.Headers.Pragma = "no-cache";
            return Task.CompletedTask;
        });
        await next();
    });

    /// <summary>
    /// Plain HTTP is answered by a permanent redirect to the same path at <c>Mail:PublicUrl</c> (never to the Host the
    /// request claims), except the health check, which load balancers call on the instance itself. On outside
    /// Development, or where <c>Security:RedirectToHttps</c> says so; behind a TLS proxy the forwarded scheme counts.
    /// </summary>
    public static IApplicationBuilder UseHttpsOnly(this IApplicationBuilder app, string publicUrl) => app.Use(async (context, next) =>
    {
        if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            await next();
            return;
        }

        context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
        context.Response.Headers.Location = $"{publicUrl.TrimEnd('/')}{context.Request.Path.ToUriComponent()}{context.Request.QueryString.ToUriComponent()}";
    });

    /// <summary>Why the public address cannot serve in Production (it must be an absolute https:// address), or null.</summary>
    public static string? PublicUrlRefusal(string? publicUrl) =>
        Uri.TryCreate(publicUrl, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !uri.IsLoopback && uri.PathAndQuery == "/"
            ? null
            : $"Mail:PublicUrl (« {publicUrl} ») doit être l'adresse https:// par laquelle on joint Copil, sans chemin : les liens des courriels et des agendas, et la redirection vers HTTPS, en sont faits.";
}
