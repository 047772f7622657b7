using System.Net;
using Copil.Web.Data;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Tests.Data;

public abstract class DataTests(CopilFactory factory)
{
    [Fact]
    public async Task The_database_is_migrated_and_the_model_has_no_change_without_a_migration()
    {
        var (pending, changes) = await factory.WithDbAsync(async db => ((await db.Database.GetPendingMigrationsAsync()).ToList(), db.Database.HasPendingModelChanges()));

        Assert.Empty(pending);
        Assert.False(changes);
    }

    [Fact]
    public async Task Every_change_is_audited_with_who_when_before_and_after()
    {
        var agreement = await factory.NewAgreementAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);

        await api.PostJsonAsync($"/api/v1/agreements/{agreement.Id}/termination", new Copil.Web.Api.TerminationInput(agreement.OpcoId, new DateOnly(2026, 3, 2), null, null, null));

        var entries = await factory.WithDbAsync(db => db.AuditEntries.Where(e => e.AgreementId == agreement.Id).OrderBy(e => e.Id).ToListAsync());
        var termination = Assert.Single(entries, e => e.EntityType == "Termination");
        Assert.Equal("secretariat@copil.test", termination.UserName);
        Assert.Equal("Added", termination.Action);
        Assert.Equal(CopilFactory.Now.UtcDateTime, termination.AtUtc);
        Assert.Contains("\"ReceivedOn\":\"2026-03-02\"", termination.After, StringComparison.Ordinal);
        var versionChange = entries.Last(e => e.EntityType == "Agreement" && e.Action == "Modified");
        Assert.Contains("\"Version\"", versionChange.Before, StringComparison.Ordinal);
        Assert.Contains(entries, e => e.EntityType == "Membership" && e.UserName == "admin@copil.test");
    }

    [Fact]
    public async Task The_audit_log_cannot_be_edited_or_deleted_even_in_sql()
    {
        await factory.NewAgreementAsync();

        var update = await Record.ExceptionAsync(() => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE \"AuditEntries\" SET \"UserName\" = 'x'")));
        var delete = await Record.ExceptionAsync(() => factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("DELETE FROM \"AuditEntries\"")));

        Assert.NotNull(update);
        Assert.NotNull(delete);
        Assert.Contains("append-only", update.Message + update.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_health_endpoint_checks_the_database()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var report = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", report.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_sign_in_made_on_one_instance_is_valid_on_another_sharing_the_database()
    {
        using var other = new SharedDatabaseFactory(factory);
        using var second = other.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var session = await SessionCookieAsync(factory);

        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", session);
        var response = await second.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<string> SessionCookieAsync(CopilFactory factory)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var login = await client.GetAsync("/connexion");
        var antiforgeryCookie = login.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("copil.antiforgery", StringComparison.Ordinal)).Split(';')[0];
        var token = (await Http.ParseAsync(login)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/connexion")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.Email"] = Scenario.Reader,
                ["Input.Password"] = DemoData.Password,
                ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgeryCookie);
        var response = await client.SendAsync(post);
        return response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("copil.session", StringComparison.Ordinal)).Split(';')[0];
    }

    /// <summary>A second instance of the app on the same database, as behind a load balancer.</summary>
    private sealed class SharedDatabaseFactory(CopilFactory first) : CopilFactory
    {
        public override string Provider => first.Provider;

        public override string ConnectionString => first.ConnectionString;
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DataOnSqliteTests(SqliteFactory factory) : DataTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class DataOnPostgresTests(PostgresFactory factory) : DataTests(factory);
