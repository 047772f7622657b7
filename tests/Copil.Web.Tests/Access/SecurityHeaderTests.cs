using System.Text.RegularExpressions;
using Copil.Web.Infrastructure.Web;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Access;

/// <summary>
/// Every GET route of the application, discovered from the endpoint data source, filled with the seed agreement's real
/// ids, asked by a signed-in page client and by an API client: each answer — page, API JSON, download, refusal —
/// carries the security headers and is never cached; the stylesheet is cacheable.
/// </summary>
public abstract partial class SecurityHeaderTests(CopilFactory factory)
{
    [GeneratedRegex(@"\{\*?([a-zA-Z]+)(:[a-z]+(\([^)]*\))?)?\??\}")]
    private static partial Regex RouteParameter();

    [Fact]
    public async Task Every_answer_carries_the_security_headers_and_none_but_static_files_is_cached()
    {
        var seed = await factory.SeedAgreementIdAsync();
        var real = await factory.WithDbAsync(async db => new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = seed.ToString(),
            ["year"] = "2021",
            ["code"] = "404",
            ["sheetId"] = (await db.ActionSheets.Where(s => s.AgreementId == seed).Select(s => s.Id).FirstAsync()).ToString(),
            ["meetingId"] = (await db.Meetings.Where(m => m.AgreementId == seed).OrderBy(m => m.MeetsOn).Select(m => m.Id).FirstAsync()).ToString(),
        });
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null || (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods.Contains("GET") ?? true))
            .Select(e => "/" + RouteParameter().Replace((e.RoutePattern.RawText ?? "").Trim('/'), m => real.GetValueOrDefault(m.Groups[1].Value) ?? Guid.NewGuid().ToString()))
            .Distinct().ToList();
        using var pages = await factory.SignedInAsync(Scenario.Secretariat);
        using var api = await factory.ApiAsync(Scenario.Secretariat);
        var failures = new List<string>();
        var downloads = 0;

        foreach (var url in routes.Concat([$"/conventions/{seed}/fiches/{real["sheetId"]}?handler=Pdf", $"/conventions/{seed}/echeancier?handler=Ics", $"/conventions/{seed}/comite/{real["meetingId"]}?handler=Ics"]))
        {
            using var response = await (url.StartsWith("/api/", StringComparison.Ordinal) ? api : pages).GetAsync(url);
            var headers = response.Headers;
            string? Header(string name) => headers.TryGetValues(name, out var v) ? string.Join(",", v) : response.Content.Headers.TryGetValues(name, out var c) ? string.Join(",", c) : null;
            var expectedPolicy = url.StartsWith("/api/reference", StringComparison.Ordinal) ? SecurityHeaders.ReferencePolicy : SecurityHeaders.PagePolicy;
            foreach (var (name, expected) in new[]
                     {
                         ("Content-Security-Policy", expectedPolicy), ("Permissions-Policy", SecurityHeaders.PermissionsPolicy), ("X-Content-Type-Options", "nosniff"),
                         ("X-Frame-Options", "DENY"), ("Referrer-Policy", "same-origin"),
                     })
            {
                if (Header(name) != expected)
                {
                    failures.Add($"{url} ({(int)response.StatusCode}) : {name} = « {Header(name)} »");
                }
            }

            if (response.Headers.CacheControl is not { NoStore: true })
            {
                failures.Add($"{url} ({(int)response.StatusCode}) : Cache-Control = « {response.Headers.CacheControl} »");
            }

            downloads += response.Content.Headers.ContentDisposition is not null ? 1 : 0;
            if (response.Content.Headers.ContentType?.MediaType == "text/html")
            {
                // Every form that posts carries its own anti-forgery token (one elsewhere on the page does not count).
                var page = await Http.ParseAsync(response);
                foreach (var form in page.QuerySelectorAll("form").Where(f => string.Equals(f.GetAttribute("method"), "post", StringComparison.OrdinalIgnoreCase)))
                {
                    if (form.QuerySelector("input[name=__RequestVerificationToken]") is null)
                    {
                        failures.Add($"{url} : formulaire {form.GetAttribute("action")} sans jeton anti-contrefaçon");
                    }
                }
            }
        }

        Assert.Empty(failures);
        Assert.True(routes.Count > 60, $"{routes.Count} routes only");
        Assert.True(downloads >= 3, "the walk reached the downloads");
        using var css = await pages.GetAsync("/css/site.css");
        Assert.False(css.Headers.CacheControl?.NoStore ?? false);
        Assert.Equal("nosniff", string.Join(",", css.Headers.GetValues("X-Content-Type-Options")));
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSecurityHeaderTests(SqliteFactory factory) : SecurityHeaderTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSecurityHeaderTests(PostgresFactory factory) : SecurityHeaderTests(factory);
