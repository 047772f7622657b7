using System.Net;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Copil.Web.Tests.Access;

/// <summary>The app with low limits: five API calls a minute per token, three sign-in attempts a minute per address.</summary>
public static class LowLimits
{
    public static readonly (string Key, string Value)[] Settings =
    [
        ("Security:Api:RequestsPerMinute", "5"),
        ("Security:Login:AttemptsPerAddressPerMinute", "3"),
    ];
}

public sealed class LowLimitSqliteFactory : SqliteFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => LowLimits.Settings;
}

public sealed class LowLimitPostgresFactory : PostgresFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => LowLimits.Settings;
}

/// <summary>Rate limits answer 429 with Retry-After and a French message, per token on the API and per address on sign-in.</summary>
public abstract class RateLimitTests(CopilFactory factory)
{
    [Fact]
    public async Task Each_token_has_its_own_allowance_of_api_calls_then_a_french_429_until_the_minute_is_over()
    {
        try
        {
            using var first = await factory.ApiAsync(Scenario.Secretariat);
            using var second = await factory.ApiAsync(Scenario.Secretariat);
            for (var call = 0; call < 5; call++)
            {
                Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/agreements")).StatusCode);
            }

            factory.Clock.Advance(TimeSpan.FromSeconds(20));
            var refused = await first.GetAsync("/api/v1/agreements");
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("40", refused.Headers.GetValues("Retry-After").Single());
            var problem = await refused.Content.ReadAsStringAsync();
            Assert.Contains("Plus de 5 appels en une minute avec ce jeton : réessayez dans 40 secondes.", problem, StringComparison.Ordinal);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);

            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/api/v1/agreements")).StatusCode);
            factory.Clock.Advance(TimeSpan.FromSeconds(40));
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/api/v1/agreements")).StatusCode);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task One_address_trying_many_accounts_is_slowed_down()
    {
        try
        {
            factory.Clock.Advance(TimeSpan.FromHours(1));
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            for (var attempt = 0; attempt < 3; attempt++)
            {
                var tried = await client.SubmitFormAsync("/connexion", new Dictionary<string, string> { ["Input.Email"] = $"pulverisation{attempt}@copil.test", ["Input.Password"] = "Printemps2026!" });
                Assert.Equal(HttpStatusCode.OK, tried.StatusCode);
            }

            var refused = await client.SubmitFormAsync("/connexion", new Dictionary<string, string> { ["Input.Email"] = "pulverisation9@copil.test", ["Input.Password"] = "Printemps2026!" });
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal("60", refused.Headers.GetValues("Retry-After").Single());
            Assert.Contains("Trop de tentatives de connexion : réessayez dans 1 minute.", (await Http.ParseAsync(refused)).QuerySelector("#Input_Password-error")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LowLimitSqliteCollection : ICollectionFixture<LowLimitSqliteFactory>
{
    public const string Name = "SQLite, low limits";
}

[CollectionDefinition(Name)]
public sealed class LowLimitPostgresCollection : ICollectionFixture<LowLimitPostgresFactory>
{
    public const string Name = "PostgreSQL, low limits";
}

[Collection(LowLimitSqliteCollection.Name)]
public sealed class SqliteRateLimitTests(LowLimitSqliteFactory factory) : RateLimitTests(factory);

[Collection(LowLimitPostgresCollection.Name)]
public sealed class PostgresRateLimitTests(LowLimitPostgresFactory factory) : RateLimitTests(factory);

/// <summary>The app as production runs it behind its public address: plain HTTP redirected, links from the public address only.</summary>
public static class HttpsOnly
{
    public static readonly (string Key, string Value)[] Settings =
    [
        ("Security:RedirectToHttps", "true"),
        ("Mail:PublicUrl", "https://copil.exemple.gouv.fr"),
    ];
}

public sealed class HttpsOnlySqliteFactory : SqliteFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => HttpsOnly.Settings;
}

public sealed class HttpsOnlyPostgresFactory : PostgresFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => HttpsOnly.Settings;
}

public abstract class HttpsOnlyTests(CopilFactory factory)
{
    [Fact]
    public async Task Plain_http_is_redirected_to_the_public_address_whatever_host_the_request_names_and_health_still_answers()
    {
        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("http://autre-hote.exemple") });
        var page = await http.GetAsync("/conventions?page=2");
        var post = await http.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = "x@y.fr" }));

        Assert.Equal(HttpStatusCode.PermanentRedirect, page.StatusCode);
        Assert.Equal("https://copil.exemple.gouv.fr/conventions?page=2", page.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.PermanentRedirect, post.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task Calendar_links_come_from_the_public_address_never_from_the_request_s_host()
    {
        var id = await factory.SeedAgreementIdAsync();
        using var https = await SignedInOverHttpsAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/conventions/{id}/echeancier?handler=Ics");
        request.Headers.Host = "piege.exemple";
        var ics = await (await https.SendAsync(request)).Content.ReadAsStringAsync();

        Assert.Contains("https://copil.exemple.gouv.fr/conventions/", ics.Replace("\r\n ", "", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.DoesNotContain("piege.exemple", ics, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://localhost:5050")]
    [InlineData("http://copil.exemple.gouv.fr")]
    [InlineData("https://localhost")]
    [InlineData("https://copil.exemple.gouv.fr/sous-dossier")]
    public void Production_refuses_to_start_without_an_https_public_address(string? publicUrl)
    {
        Assert.NotNull(Copil.Web.Infrastructure.Web.SecurityHeaders.PublicUrlRefusal(publicUrl));
        Assert.Null(Copil.Web.Infrastructure.Web.SecurityHeaders.PublicUrlRefusal("https://copil.exemple.gouv.fr"));
        using var production = new ProductionFactory(factory.Provider, factory.ConnectionString, publicUrl);
        // The entry point refuses and exits (its French line is checked on the real process by StartupRefusalTests).
        Assert.Throws<InvalidOperationException>(() => production.CreateClient());
    }

    private sealed class ProductionFactory(string provider, string connectionString, string? publicUrl) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("Database:Provider", provider);
            builder.UseSetting("ConnectionStrings:Copil", connectionString);
            builder.UseSetting("Mail:SenderEnabled", "false");
            builder.UseSetting("Mail:PublicUrl", publicUrl ?? "");
        }
    }

    private async Task<HttpClient> SignedInOverHttpsAsync()
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });
        var signedIn = await client.SubmitFormAsync("/connexion", new Dictionary<string, string> { ["Input.Email"] = Scenario.Secretariat, ["Input.Password"] = Copil.Web.Data.DemoData.Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }
}

[CollectionDefinition(Name)]
public sealed class HttpsOnlySqliteCollection : ICollectionFixture<HttpsOnlySqliteFactory>
{
    public const string Name = "SQLite, HTTPS only";
}

[CollectionDefinition(Name)]
public sealed class HttpsOnlyPostgresCollection : ICollectionFixture<HttpsOnlyPostgresFactory>
{
    public const string Name = "PostgreSQL, HTTPS only";
}

[Collection(HttpsOnlySqliteCollection.Name)]
public sealed class SqliteHttpsOnlyTests(HttpsOnlySqliteFactory factory) : HttpsOnlyTests(factory);

[Collection(HttpsOnlyPostgresCollection.Name)]
public sealed class PostgresHttpsOnlyTests(HttpsOnlyPostgresFactory factory) : HttpsOnlyTests(factory);
