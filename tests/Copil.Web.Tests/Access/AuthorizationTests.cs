using System.Net;
using System.Text;
using Copil.Domain.Access;
using Copil.Web.Features.Access;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Access;

/// <summary>Walks every route of an agreement, page and API, with every demo role and with a stranger.</summary>
public abstract class AuthorizationTests(CopilFactory factory)
{
    private sealed record Route(string Pattern, string Method, bool IsPage, AgreementPermission? Permission);

    private static readonly Dictionary<string, AgreementRole> RoleOf = new()
    {
        ["secretariat@copil.test"] = AgreementRole.Secretariat,
        ["membre.opco@copil.test"] = AgreementRole.CommitteeMember,
        ["membre.menjs@copil.test"] = AgreementRole.CommitteeMember,
        ["relecture.dgesco@copil.test"] = AgreementRole.ReviewingDirectorate,
        ["relecture.dgesip@copil.test"] = AgreementRole.ReviewingDirectorate,
        ["ca@copil.test"] = AgreementRole.BoardRecorder,
        ["porteur@copil.test"] = AgreementRole.ActionCarrier,
        ["invite@copil.test"] = AgreementRole.Invitee,
        ["lecteur@copil.test"] = AgreementRole.Reader,
    };

    private List<Route> AgreementRoutes()
    {
        var routes = new List<Route>();
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = (endpoint.RoutePattern.RawText ?? "").TrimEnd('/');
            if (!pattern.Contains("{id", StringComparison.Ordinal))
            {
                continue;
            }

            var permission = endpoint.Metadata.GetMetadata<AgreementPermissionAttribute>()?.Permission;
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            {
                routes.Add(new Route(pattern, "GET", true, permission));
                routes.Add(new Route(pattern, "POST", true, permission));
            }
            else
            {
                foreach (var method in endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                {
                    routes.Add(new Route(pattern, method, false, permission));
                }
            }
        }

        return routes;
    }

    private static string Url(string pattern, Guid agreementId)
    {
        var url = System.Text.RegularExpressions.Regex.Replace(pattern, @"\{id(:[a-z]+)?\}", agreementId.ToString());
        url = System.Text.RegularExpressions.Regex.Replace(url, @"\{[a-zA-Z]+:int\}", "2026");
        url = System.Text.RegularExpressions.Regex.Replace(url, @"\{[a-zA-Z]+(:[a-z]+)?\}", Guid.NewGuid().ToString());
        return url.StartsWith('/') ? url : "/" + url;
    }

    [Fact]
    public void Every_route_of_an_agreement_declares_the_permission_it_requires()
    {
        var routes = AgreementRoutes();

        Assert.True(routes.Count >= 20, $"only {routes.Count} routes found");
        Assert.All(routes, r => Assert.True(r.Permission is not null, $"{r.Method} {r.Pattern} declares no permission"));
    }

    [Fact]
    public async Task A_stranger_gets_404_on_every_route_of_the_agreement_page_or_api()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var pages = await factory.SignedInAsync(Scenario.Stranger);
        using var api = await factory.ApiAsync(Scenario.Stranger);
        var failures = new List<string>();

        foreach (var route in AgreementRoutes())
        {
            var status = await SendAsync(route, seed, pages, api);
            if (status != HttpStatusCode.NotFound)
            {
                failures.Add($"{route.Method} {route.Pattern}: {(int)status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Every_role_gets_what_its_permissions_allow_and_403_otherwise()
    {
        var seed = await factory.SeedAgreementIdAsync();
        var failures = new List<string>();

        foreach (var (email, role) in RoleOf)
        {
            using var pages = await factory.SignedInAsync(email);
            using var api = await factory.ApiAsync(email);
            foreach (var route in AgreementRoutes())
            {
                var allowed = AgreementPermissions.Allows(role, route.Permission!.Value);
                if (allowed && route.Method != "GET")
                {
                    // Allowed changes are exercised by the feature tests; the walk changes nothing.
                    continue;
                }

                var status = await SendAsync(route, seed, pages, api);
                var expected = allowed ? HttpStatusCode.OK : HttpStatusCode.Forbidden;
                // An allowed GET on a resource that does not exist (no termination yet, a made-up seat) is a 404 of the resource.
                if (status != expected && !(allowed && status == HttpStatusCode.NotFound && NamesAResource(route)))
                {
                    failures.Add($"{email} {route.Method} {route.Pattern}: {(int)status}, expected {(int)expected}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task An_administrator_reads_every_route_of_every_agreement()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var pages = await factory.SignedInAsync(Scenario.Admin);
        using var api = await factory.ApiAsync(Scenario.Admin);
        var failures = new List<string>();

        foreach (var route in AgreementRoutes().Where(r => r.Method == "GET"))
        {
            var status = await SendAsync(route, seed, pages, api);
            if (status != HttpStatusCode.OK && !(status == HttpStatusCode.NotFound && NamesAResource(route)))
            {
                failures.Add($"{route.Method} {route.Pattern}: {(int)status}");
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Signed_out_visitors_are_sent_to_the_login_page()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var anonymous = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await anonymous.GetAsync($"/conventions/{seed}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/connexion", response.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    private static bool NamesAResource(Route route) =>
        route.Pattern.EndsWith("/termination", StringComparison.Ordinal)
        || route.Pattern.Count(c => c == '{') > 1;

    private static async Task<HttpStatusCode> SendAsync(Route route, Guid agreementId, HttpClient pages, HttpClient api)
    {
        var url = Url(route.Pattern, agreementId);
        if (route.IsPage)
        {
            if (route.Method == "GET")
            {
                return (await pages.GetAsync(url)).StatusCode;
            }

            // A real antiforgery token of this person, taken from a page they may see.
            var account = await Http.ParseAsync(await pages.GetAsync("/compte"));
            var token = account.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            return (await pages.PostAsync(url, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }))).StatusCode;
        }

        using var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
        if (route.Method is "POST" or "PUT")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }

        return (await api.SendAsync(request)).StatusCode;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AuthorizationOnSqliteTests(SqliteFactory factory) : AuthorizationTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AuthorizationOnPostgresTests(PostgresFactory factory) : AuthorizationTests(factory);
