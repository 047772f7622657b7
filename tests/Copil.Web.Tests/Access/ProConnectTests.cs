using System.Net;
using Copil.Web.Data;
using Copil.Web.Identity;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Access;

public sealed class ProConnectSqliteFactory : SqliteFactory
{
    public ProConnectSqliteFactory()
    {
        // The provider's cookies expire by the app's clock and the test client's cookie jar reads the real one: they agree here.
        Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        Oidc = new TestOidcProvider(Clock);
    }

    public TestOidcProvider Oidc { get; }

    protected override IEnumerable<(string Key, string Value)> ExtraSettings => Oidc.Settings;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Oidc.DisposeAsync();
    }
}

public sealed class ProConnectPostgresFactory : PostgresFactory
{
    public ProConnectPostgresFactory()
    {
        // The provider's cookies expire by the app's clock and the test client's cookie jar reads the real one: they agree here.
        Clock.SetUtcNow(TimeProvider.System.GetUtcNow());
        Oidc = new TestOidcProvider(Clock);
    }

    public TestOidcProvider Oidc { get; }

    protected override IEnumerable<(string Key, string Value)> ExtraSettings => Oidc.Settings;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Oidc.DisposeAsync();
    }
}

/// <summary>
/// ProConnect sign-in against a real OpenID Connect provider running in the tests: the code flow end to end, an
/// agent matched by e-mail only, logout at the provider; forged, replayed and expired answers refused with nothing
/// signed in.
/// </summary>
public abstract class ProConnectTests(CopilFactory factory, TestOidcProvider oidc)
{
    private async Task<string> NewPersonAsync()
    {
        var email = $"agent.{Guid.NewGuid():N}"[..16] + "@education.gouv.fr";
        await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<CopilUser>>()
            .CreateAsync(new CopilUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Camille Agent" }, DemoData.Password));
        return email;
    }

    private HttpClient App() => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Copil sends the browser to the provider, which authenticates <paramref name="agent"/> and sends it back: the callback URL.</summary>
    private async Task<string> CallbackAsync(HttpClient app, string agent)
    {
        oidc.NextAgent = agent;
        var start = await app.GetAsync($"{ProConnect.StartPath}?returnUrl=%2Fcompte");
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        Assert.StartsWith(oidc.Authority + "/authorize?", start.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("code_challenge_method=S256", start.Headers.Location.Query, StringComparison.Ordinal);
        Assert.Contains("scope=openid%20email%20given_name%20usual_name%20uid%20siret%20idp_id", start.Headers.Location.Query, StringComparison.Ordinal);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var authorized = await browser.GetAsync(start.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorized.StatusCode);
        return authorized.Headers.Location!.PathAndQuery;
    }

    private static async Task<string> FollowAsync(HttpClient app, string url)
    {
        var answer = await app.GetAsync(url);
        return answer.StatusCode == HttpStatusCode.Redirect ? answer.Headers.Location!.OriginalString : $"{(int)answer.StatusCode}";
    }

    [Fact]
    public async Task An_agent_signs_in_through_the_provider_into_the_account_of_the_same_address_and_logs_out_there_too()
    {
        var email = await NewPersonAsync();
        using var app = App();
        var callback = await CallbackAsync(app, email);
        var finish = await FollowAsync(app, callback);
        Assert.True(finish.StartsWith(ProConnect.FinishPath, StringComparison.Ordinal), string.Join("\n", factory.Logs.Lines.Where(l => l.Contains("ProConnect", StringComparison.Ordinal) || l.Contains("OpenIdConnect", StringComparison.Ordinal))));
        Assert.Equal("/compte", await FollowAsync(app, finish));
        var account = await app.GetPageAsync("/compte");
        Assert.Contains(email, account.Body!.TextContent, StringComparison.Ordinal);

        // Logout ends the Copil session, then the provider's, with the ID token as a hint.
        var token = account.QuerySelector("form[action='/deconnexion'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var logout = await app.PostAsync("/deconnexion", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.StartsWith(oidc.Authority + "/session/end?", logout.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Contains("id_token_hint=", logout.Headers.Location.Query, StringComparison.Ordinal);
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var back = await browser.GetAsync(logout.Headers.Location);
        Assert.Equal("/connexion", await FollowAsync(app, back.Headers.Location!.PathAndQuery));
        Assert.Equal(HttpStatusCode.Redirect, (await app.GetAsync("/compte")).StatusCode);
        Assert.NotEmpty(oidc.Logouts);

        // A return address on another site is not followed: the agent lands on the home page.
        using var other = App();
        oidc.NextAgent = email;
        var start = await other.GetAsync($"{ProConnect.StartPath}?returnUrl=%2F%2Fpiege.exemple%2Fcopil");
        using var elsewhere = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        var landing = await FollowAsync(other, await FollowAsync(other, (await elsewhere.GetAsync(start.Headers.Location)).Headers.Location!.PathAndQuery));
        Assert.Equal("/", landing);
    }

    [Fact]
    public async Task An_agent_without_a_copil_account_is_told_whom_to_ask_and_nothing_is_created()
    {
        var unknown = $"inconnu.{Guid.NewGuid():N}"[..18] + "@education.gouv.fr";
        using var app = App();
        var finish = await FollowAsync(app, await CallbackAsync(app, unknown));
        Assert.Equal("/connexion?proconnect=inconnu", await FollowAsync(app, finish));
        var page = await app.GetAsync("/connexion?proconnect=inconnu");
        Assert.Contains("aucun compte Copil n'est ouvert à cette adresse", (await Http.ParseAsync(page)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await app.GetAsync("/compte")).StatusCode);
        Assert.Null(await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<CopilUser>>().FindByEmailAsync(unknown)));
    }

    [Fact]
    public async Task A_forged_a_replayed_or_an_expired_answer_is_refused_in_french_and_signs_nobody_in()
    {
        var email = await NewPersonAsync();

        using (var forger = App())
        {
            var callback = await CallbackAsync(forger, email);
            var forged = System.Text.RegularExpressions.Regex.Replace(callback, "state=[^&]+", "state=fabrique");
            Assert.Equal("/connexion?proconnect=refuse", await FollowAsync(forger, forged));
            Assert.Equal(HttpStatusCode.Redirect, (await forger.GetAsync("/compte")).StatusCode);
        }

        using (var replayer = App())
        {
            var callback = await CallbackAsync(replayer, email);
            await FollowAsync(replayer, callback);
            using var other = App();
            Assert.Equal("/connexion?proconnect=refuse", await FollowAsync(other, callback));
            Assert.Equal("/connexion?proconnect=refuse", await FollowAsync(replayer, callback));
            Assert.Equal(HttpStatusCode.Redirect, (await other.GetAsync("/compte")).StatusCode);
        }

        oidc.IssueExpiredTokens = true;
        try
        {
            using var late = App();
            Assert.Equal("/connexion?proconnect=refuse", await FollowAsync(late, await CallbackAsync(late, email)));
            Assert.Equal(HttpStatusCode.Redirect, (await late.GetAsync("/compte")).StatusCode);
        }
        finally
        {
            oidc.IssueExpiredTokens = false;
        }

        var page = await Http.ParseAsync(await App().GetAsync("/connexion?proconnect=refuse"));
        Assert.Contains("La connexion par ProConnect n'a pas abouti", page.Body!.TextContent, StringComparison.Ordinal);
    }
}

[CollectionDefinition(Name)]
public sealed class ProConnectSqliteCollection : ICollectionFixture<ProConnectSqliteFactory>
{
    public const string Name = "SQLite, ProConnect";
}

[CollectionDefinition(Name)]
public sealed class ProConnectPostgresCollection : ICollectionFixture<ProConnectPostgresFactory>
{
    public const string Name = "PostgreSQL, ProConnect";
}

[Collection(ProConnectSqliteCollection.Name)]
public sealed class SqliteProConnectTests(ProConnectSqliteFactory factory) : ProConnectTests(factory, factory.Oidc);

[Collection(ProConnectPostgresCollection.Name)]
public sealed class PostgresProConnectTests(ProConnectPostgresFactory factory) : ProConnectTests(factory, factory.Oidc);
