using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Copil.Domain.Committee;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Copil.Web.Tests.Api;

/// <summary>
/// Every route of the application, discovered from the endpoint data source, sent hostile values in every route
/// value, query parameter, JSON body field and form field: wrong types, fractions, unknown enum names, empty and
/// 100,000-character strings, control characters, extreme and impossible dates, huge and negative numbers, malformed
/// GUIDs, malformed, truncated and duplicate-key JSON, missing bodies. No answer may be a 5xx; a refusal of the API is
/// problem+json; a refusal writes nothing (the audit log, the outbox and the notifications do not move).
/// </summary>
public abstract partial class HostileInputWalkTests(CopilFactory factory, ITestOutputHelper output)
{
    private static readonly string Long = new('a', 100_000);

    /// <summary>Raw JSON tokens put in place of one field at a time.</summary>
    private static readonly string[] HostileJsonValues =
    [
        "\"texte\"", "565.1", "-1", "2147483648", "-9223372036854775809", "1e400", "true", "null", "[]", "{}", "\"NomInconnu\"", "\"\"",
        $"\"{Long}\"", "\"a\\u000bb\"", "\"\\u0000\"", "\"\\ud800\"", "\"9999-12-31\"", "\"0001-01-01\"", "\"2024-13-01\"", "\"2024-02-30\"",
        "\"pas-un-guid\"", "\"00000000-0000-0000-0000-000000000000\"", "[\"\\u000b\"]", "[{}]",
    ];

    /// <summary>Whole bodies that are not the JSON expected.</summary>
    private static readonly string[] HostileBodies =
    [
        "", "{", "{\"version\":", "pas du json", "[]", "null", "42", "{\"version\":1,\"version\":2}", "{\"a\":\"\\ud800\"}", "{}}",
    ];

    /// <summary>Values for route segments, query parameters and form fields.</summary>
    private static readonly string[] HostileTexts =
    [
        "texte", "565.1", "-1", "-5", "0", "10000", "2147483648", "99999999999999999999", "", Long[..5_000], "a\u000bb", "\u0000", "9999-12-31", "-0001-01-01",
        "2024-13-01", "pas-un-guid", "00000000-0000-0000-0000-000000000000", "NomInconnu", "<script>alert(1)</script>", "' OR 1=1 --",
    ];

    private sealed record WalkRoute(string Pattern, string Method, RouteEndpoint Endpoint);

    private sealed class Tally
    {
        public int Requests { get; set; }

        public List<string> Failures { get; } = [];
    }

    private List<WalkRoute> Routes() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<PageActionDescriptor>() is not null ? ["GET", "POST"] : e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => new WalkRoute("/" + (e.RoutePattern.RawText ?? "").Trim('/'), m, e)))
            .Where(r => !r.Pattern.StartsWith("/openapi", StringComparison.Ordinal) && !r.Pattern.StartsWith("/api/reference", StringComparison.Ordinal))];

    /// <summary>Real ids of the seed agreement, so that the walk reaches the use cases behind the 404s.</summary>
    private async Task<Dictionary<string, string>> RealValuesAsync(Guid agreementId) => await factory.WithScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<Copil.Web.Data.CopilDbContext>();
        var agreement = (await sp.GetRequiredService<Copil.Web.Features.Agreements.AgreementReader>().LoadAsync(agreementId))!;
        var meeting = await db.Meetings.AsNoTracking().Where(m => m.AgreementId == agreementId).FirstOrDefaultAsync();
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["id"] = agreementId.ToString(),
            ["agreementId"] = agreementId.ToString(),
            ["year"] = "2021",
            ["code"] = "400",
            ["sheetId"] = (await db.ActionSheets.Where(s => s.AgreementId == agreementId).Select(s => s.Id).FirstAsync()).ToString(),
            ["meetingId"] = (meeting?.Id ?? Guid.NewGuid()).ToString(),
            ["itemId"] = (meeting is { Items.Count: > 0 } ? meeting.Items[0].Id : Guid.NewGuid()).ToString(),
            ["consultationId"] = (await db.Set<Consultation>().Where(c => c.AgreementId == agreementId).Select(c => (Guid?)c.Id).FirstOrDefaultAsync() ?? Guid.NewGuid()).ToString(),
            ["partyId"] = agreement.Parties[0].Id.ToString(),
            ["seatId"] = agreement.Seats[0].Id.ToString(),
            ["campusId"] = (await db.TradesCampuses.Select(c => (Guid?)c.Id).FirstOrDefaultAsync() ?? Guid.NewGuid()).ToString(),
            ["membershipId"] = (await db.Memberships.Where(m => m.AgreementId == agreementId).Select(m => m.Id).FirstAsync()).ToString(),
        };
        return values;
    });

    /// <summary>One round trip counting the audit log, the outbox and the notifications (the walk sends thousands of requests).</summary>
    private async Task<long> WrittenAsync() => await factory.WithDbAsync(async db =>
    {
        var tables = new[] { typeof(Copil.Web.Data.AuditEntry), typeof(Features.Notifications.OutboxMessage), typeof(Features.Notifications.Notification) }
            .Select(t => $"(SELECT COUNT(*) FROM \"{db.Model.FindEntityType(t)!.GetTableName()}\")");
        var sql = "SELECT " + string.Join(" + ", tables) + " AS \"Value\"";
        return await db.Database.SqlQueryRaw<long>(sql).SingleAsync();
    });

    /// <summary>The count after the last refusal; unknown after an answer that may have written.</summary>
    private long? writtenSoFar;

    private static string Fill(string pattern, IReadOnlyDictionary<string, string> real, string? hostileName = null, string? hostile = null) =>
        RouteParameter().Replace(pattern, m =>
        {
            var name = m.Groups[1].Value;
            var value = name == hostileName ? hostile! : real.GetValueOrDefault(name) ?? (m.Value.Contains(":int", StringComparison.Ordinal) ? "2021" : Guid.NewGuid().ToString());
            return Uri.EscapeDataString(value);
        });

    [GeneratedRegex(@"\{\*?([a-zA-Z]+)(:[a-z]+(\([^)]*\))?)?\??\}")]
    private static partial Regex RouteParameter();

    private static IEnumerable<string> RouteParameterNames(string pattern) => RouteParameter().Matches(pattern).Select(m => m.Groups[1].Value);

    /// <summary>The handler's parameters that a caller sets in the query string.</summary>
    private static IEnumerable<string> QueryParameters(WalkRoute route)
    {
        var method = route.Endpoint.Metadata.GetMetadata<MethodInfo>();
        var inRoute = RouteParameterNames(route.Pattern).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var simple = new[] { typeof(int), typeof(long), typeof(string), typeof(bool), typeof(DateOnly), typeof(Guid) };
        return method?.GetParameters()
            .Where(p => p.Name is not null && !inRoute.Contains(p.Name) && (simple.Contains(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType) || (Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType).IsEnum))
            .Select(p => p.Name!) ?? ["year", "format"];
    }

    /// <summary>Every JSON path of a body type down to two levels, with a list's first element: where to put a hostile value.</summary>
    private static List<string[]> BodyPaths(Type type, int depth = 0)
    {
        var paths = new List<string[]>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0))
        {
            var name = char.ToLowerInvariant(property.Name[0]) + property.Name[1..];
            paths.Add([name]);
            var inner = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
            var element = inner.IsGenericType && inner.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(inner) ? inner.GetGenericArguments()[0] : null;
            var nested = element ?? inner;
            if (depth < 1 && nested.IsClass && nested != typeof(string) && nested.Namespace?.StartsWith("Copil", StringComparison.Ordinal) == true)
            {
                paths.AddRange(BodyPaths(nested, depth + 1).Select(p => element is null ? [name, .. p] : (string[])[name, "0", .. p]));
            }
        }

        return paths;
    }

    /// <summary>A JSON body with <paramref name="value"/> at <paramref name="path"/>, everything else absent.</summary>
    private static string BodyWith(string[] path, string value)
    {
        if (path.Length == 0)
        {
            return value;
        }

        var rest = BodyWith(path[1..], value);
        return path[0] == "0" ? $"[{rest}]" : $"{{\"{path[0]}\":{(path.Length > 1 && path[1] == "0" ? BodyWith(path[1..], value) : rest)}}}";
    }

    private async Task CheckAsync(Tally tally, HttpClient client, HttpMethod method, string url, HttpContent? content, bool isApi, string what)
    {
        var before = writtenSoFar ?? await WrittenAsync();
        writtenSoFar = null;
        using var request = new HttpRequestMessage(method, url) { Content = content };
        using var response = await client.SendAsync(request);
        tally.Requests++;
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            tally.Failures.Add($"{status} {method} {url[..Math.Min(url.Length, 200)]} ({what})");
            return;
        }

        if (status >= 400)
        {
            if (isApi && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
            {
                tally.Failures.Add($"{status} without problem+json: {method} {url[..Math.Min(url.Length, 200)]} ({what})");
            }

            writtenSoFar = await WrittenAsync();
            if (writtenSoFar != before)
            {
                tally.Failures.Add($"{status} but something was written: {method} {url[..Math.Min(url.Length, 200)]} ({what})");
            }
        }
    }

    [Fact]
    public async Task No_input_on_any_route_gets_a_server_error_and_a_refusal_writes_nothing()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var seed = await factory.SeedAgreementIdAsync();
        var real = await RealValuesAsync(seed);
        using var api = await factory.ApiAsync(Scenario.Admin);
        using var pages = await factory.SignedInAsync(Scenario.Admin);
        var account = await Http.ParseAsync(await pages.GetAsync("/compte"));
        var token = account.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var tally = new Tally();
        var routes = Routes();
        Assert.True(routes.Count > 100, $"only {routes.Count} routes found");

        foreach (var route in routes)
        {
            var isApi = route.Pattern.StartsWith("/api/v1", StringComparison.Ordinal);
            var isPage = route.Endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null;
            var client = isApi ? api : pages;
            var method = new HttpMethod(route.Method);
            HttpContent? Form(params (string Key, string Value)[] fields) => isPage && route.Method == "POST"
                ? new FormUrlEncodedContent([new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))])
                : isApi && route.Method is "POST" or "PUT" or "PATCH" ? new StringContent("{}", Encoding.UTF8, "application/json") : null;

            // Route values and query parameters.
            foreach (var name in RouteParameterNames(route.Pattern).Distinct())
            {
                // A NUL in the path never reaches the application: the server refuses the request line (400).
                foreach (var value in HostileTexts.Where(v => !v.Contains('\0', StringComparison.Ordinal)))
                {
                    await CheckAsync(tally, client, method, Fill(route.Pattern, real, name, value), Form(), isApi, $"route {name}");
                }
            }

            var url = Fill(route.Pattern, real);
            foreach (var name in QueryParameters(route).Concat(isPage ? ["year", "handler", "format", "page"] : []).Distinct())
            {
                foreach (var value in HostileTexts)
                {
                    await CheckAsync(tally, client, method, $"{url}?{name}={Uri.EscapeDataString(value)}", Form(), isApi, $"query {name}");
                }
            }

            if (isApi && route.Endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: { } bodyType } accepts
                && accepts.ContentTypes.Contains("application/json"))
            {
                foreach (var body in HostileBodies)
                {
                    await CheckAsync(tally, client, method, url, new StringContent(body, Encoding.UTF8, "application/json"), isApi, $"body {body[..Math.Min(body.Length, 20)]}");
                }

                foreach (var path in BodyPaths(bodyType))
                {
                    foreach (var value in HostileJsonValues)
                    {
                        await CheckAsync(tally, client, method, url, new StringContent(BodyWith(path, value), Encoding.UTF8, "application/json"), isApi, $"field {string.Join('.', path)} = {value[..Math.Min(value.Length, 20)]}");
                    }
                }
            }
            else if (isApi && route.Method is "POST" or "PUT")
            {
                await CheckAsync(tally, client, method, url, new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF", Encoding.UTF8, "multipart/form-data"), isApi, "multipart without boundary");
                await CheckAsync(tally, client, method, url, new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.pdf\"\r\n\r\n%PDF", Encoding.UTF8), isApi, "truncated multipart");
            }

            if (isPage && route.Method == "POST")
            {
                // The fields of the page's forms, each with every hostile value.
                var page = await Http.ParseAsync(await pages.GetAsync(url));
                var fields = page.QuerySelectorAll("form input[name], form textarea[name], form select[name]")
                    .Select(e => e.GetAttribute("name")!).Where(n => n != "__RequestVerificationToken").Distinct().ToList();
                var handlers = page.QuerySelectorAll("form[action], button[formaction]")
                    .Select(e => e.GetAttribute("action") ?? e.GetAttribute("formaction")!).Where(a => a.Contains("handler=", StringComparison.Ordinal)).Distinct().ToList();
                foreach (var target in handlers.Select(h => h.StartsWith('?') ? url + h : h).DefaultIfEmpty(url))
                {
                    foreach (var field in fields)
                    {
                        foreach (var value in HostileTexts)
                        {
                            await CheckAsync(tally, pages, HttpMethod.Post, target, Form((field, value)), false, $"form {field}");
                        }
                    }
                }
            }
        }

        output.WriteLine($"Hostile-input walk on {factory.Provider}: {tally.Requests} requests over {routes.Count} routes, {tally.Failures.Count} failures.");
        Console.WriteLine($"Hostile-input walk on {factory.Provider}: {tally.Requests} requests over {routes.Count} routes, {tally.Failures.Count} failures.");
        Assert.True(tally.Failures.Count == 0, string.Join(Environment.NewLine, tally.Failures.Take(60)));
    }
}

/// <summary>The walk changes what a valid value lets it change: its own database, apart from the other tests' seed.</summary>
[CollectionDefinition(Name)]
public sealed class HostileSqliteCollection : ICollectionFixture<SqliteFactory>
{
    public const string Name = "SQLite, hostile-input walk";
}

[CollectionDefinition(Name)]
public sealed class HostilePostgresCollection : ICollectionFixture<PostgresFactory>
{
    public const string Name = "PostgreSQL, hostile-input walk";
}

[Collection(HostileSqliteCollection.Name)]
public sealed class SqliteHostileInputWalkTests(SqliteFactory factory, ITestOutputHelper output) : HostileInputWalkTests(factory, output);

[Collection(HostilePostgresCollection.Name)]
public sealed class PostgresHostileInputWalkTests(PostgresFactory factory, ITestOutputHelper output) : HostileInputWalkTests(factory, output);
