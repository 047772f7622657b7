using System.Net;
using Copil.Domain.Access;
using Copil.Web.Api;
using Copil.Web.Data;
using Copil.Web.Identity;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Access;

/// <summary>The two-factor policy as production sets it: administrators and secretariats must use an authenticator app.</summary>
public static class TwoFactorRequired
{
    public static readonly (string Key, string Value)[] Settings =
    [
        ("Security:TwoFactor:Enforced", "true"),
        ("Security:TwoFactor:Administrators", "true"),
        ("Security:TwoFactor:RequiredRoles:0", "Secretariat"),
    ];
}

public sealed class TwoFactorSqliteFactory : SqliteFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => TwoFactorRequired.Settings;
}

public sealed class TwoFactorPostgresFactory : PostgresFactory
{
    protected override IEnumerable<(string Key, string Value)> ExtraSettings => TwoFactorRequired.Settings;
}

/// <summary>
/// Two factors: a secretariat must set up an authenticator app before anything else; afterwards each sign-in asks a
/// code, accepted once; recovery codes work once; the key and the codes are nowhere in clear; someone the policy does
/// not bind may turn it off.
/// </summary>
public abstract class TwoFactorTests(CopilFactory factory)
{
    private async Task<string> NewPersonAsync(AgreementRole? role)
    {
        var email = $"t{Guid.NewGuid():N}"[..12] + "@copil.test";
        await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<CopilUser>>()
            .CreateAsync(new CopilUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Agent de test" }, DemoData.Password));
        if (role is { } r)
        {
            var agreement = await factory.NewAgreementAsync();
            using var admin = await factory.ApiAsync(Scenario.Admin);
            await Http.OkAsync<MembershipDto>(await admin.PostJsonAsync($"/api/v1/agreements/{agreement.Id}/memberships", new MembershipInput(email, r, null, null, null)));
        }

        return email;
    }

    private string CodeNow(string key) => Totp.Code(Totp.FromBase32(key.Replace(" ", "", StringComparison.Ordinal)), Totp.StepOf(factory.Clock.GetUtcNow()));

    private static Task<HttpResponseMessage> PasswordAsync(HttpClient client, string email) =>
        client.SubmitFormAsync("/connexion", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = DemoData.Password });

    /// <summary>Enrols the signed-in person: returns the key (as shown) and the recovery codes shown once.</summary>
    private async Task<(string Key, List<string> RecoveryCodes)> EnrolAsync(HttpClient client)
    {
        var page = await client.GetPageAsync(Copil.Web.Features.Account.TwoFactorModel.Path);
        Assert.StartsWith("data:image/png;base64,", page.QuerySelector("img")!.GetAttribute("src"), StringComparison.Ordinal);
        var key = page.QuerySelector("code.secret")!.TextContent.Trim();
        var enabled = await Http.ParseAsync(await client.SubmitFormAsync(Copil.Web.Features.Account.TwoFactorModel.Path, new Dictionary<string, string> { ["Code"] = CodeNow(key) }, handler: "Enable"));
        var codes = enabled.QuerySelectorAll("ul.secret code").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    [Fact]
    public async Task A_secretariat_sets_up_its_app_first_then_each_sign_in_asks_a_code_accepted_once()
    {
        try
        {
            var email = await NewPersonAsync(AgreementRole.Secretariat);
            using var first = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            Assert.Equal(HttpStatusCode.Redirect, (await PasswordAsync(first, email)).StatusCode);
            var elsewhere = await first.GetAsync("/");
            Assert.Equal(Copil.Web.Features.Account.TwoFactorModel.Path, elsewhere.Headers.Location!.OriginalString);
            var wrong = await Http.ParseAsync(await first.SubmitFormAsync(Copil.Web.Features.Account.TwoFactorModel.Path, new Dictionary<string, string> { ["Code"] = "000000" }, handler: "Enable"));
            Assert.True(wrong.QuerySelector("#Code-error") is not null, wrong.Body!.TextContent);
            Assert.Contains("Ce code n'est pas valable", wrong.QuerySelector("#Code-error")!.TextContent, StringComparison.Ordinal);

            var (key, recovery) = await EnrolAsync(first);
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/")).StatusCode);
            Assert.Contains("Il vous reste 10 codes de secours", (await first.GetPageAsync(Copil.Web.Features.Account.TwoFactorModel.Path)).Body!.TextContent, StringComparison.Ordinal);
            Assert.Contains("ne peut pas être désactivée", (await first.GetPageAsync(Copil.Web.Features.Account.TwoFactorModel.Path)).Body!.TextContent, StringComparison.Ordinal);

            // Another browser: the password leads to the code step; the code just used is refused, the next one accepted.
            using var second = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var password = await PasswordAsync(second, email);
            Assert.StartsWith("/connexion/code", password.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/")).StatusCode);
            var reused = await second.SubmitFormAsync("/connexion/code", new Dictionary<string, string> { ["Code"] = CodeNow(key) });
            Assert.Contains("a déjà servi", (await Http.ParseAsync(reused)).QuerySelector("#Code-error")!.TextContent, StringComparison.Ordinal);
            factory.Clock.Advance(TimeSpan.FromSeconds(30));
            Assert.Equal(HttpStatusCode.Redirect, (await second.SubmitFormAsync("/connexion/code", new Dictionary<string, string> { ["Code"] = CodeNow(key) })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/")).StatusCode);

            // A recovery code opens one session, once.
            foreach (var expected in new[] { HttpStatusCode.Redirect, HttpStatusCode.OK })
            {
                using var third = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
                await PasswordAsync(third, email);
                var answer = await third.SubmitFormAsync("/connexion/code", new Dictionary<string, string> { ["RecoveryCode"] = recovery[0] });
                Assert.Equal(expected, answer.StatusCode);
            }

            // The key and the recovery codes are nowhere in clear: not in a table, a database file or a log line.
            var leaks = await SecretScan.WhereAsync(factory, [key.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(), key.Replace(" ", "", StringComparison.Ordinal), .. recovery]);
            Assert.True(leaks.Count == 0, string.Join("\n", leaks));
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task Wrong_codes_are_slowed_down_and_a_person_the_policy_does_not_bind_may_turn_two_factors_off()
    {
        try
        {
            var email = await NewPersonAsync(null);
            using var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await PasswordAsync(browser, email);
            Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/")).StatusCode);
            var (key, _) = await EnrolAsync(browser);

            using var guesser = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            await PasswordAsync(guesser, email);
            for (var attempt = 0; attempt < 5; attempt++)
            {
                Assert.Equal(HttpStatusCode.OK, (await guesser.SubmitFormAsync("/connexion/code", new Dictionary<string, string> { ["Code"] = $"12345{attempt}" })).StatusCode);
            }

            var throttled = await guesser.SubmitFormAsync("/connexion/code", new Dictionary<string, string> { ["Code"] = "123459" });
            Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);

            factory.Clock.Advance(TimeSpan.FromSeconds(30));
            var off = await browser.SubmitFormAsync(Copil.Web.Features.Account.TwoFactorModel.Path, new Dictionary<string, string> { ["Code"] = CodeNow(key) }, handler: "Disable");
            Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
            Assert.Contains("Activer la double authentification", (await browser.GetPageAsync(Copil.Web.Features.Account.TwoFactorModel.Path)).Body!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class TwoFactorSqliteCollection : ICollectionFixture<TwoFactorSqliteFactory>
{
    public const string Name = "SQLite, two factors required";
}

[CollectionDefinition(Name)]
public sealed class TwoFactorPostgresCollection : ICollectionFixture<TwoFactorPostgresFactory>
{
    public const string Name = "PostgreSQL, two factors required";
}

[Collection(TwoFactorSqliteCollection.Name)]
public sealed class SqliteTwoFactorTests(TwoFactorSqliteFactory factory) : TwoFactorTests(factory);

[Collection(TwoFactorPostgresCollection.Name)]
public sealed class PostgresTwoFactorTests(TwoFactorPostgresFactory factory) : TwoFactorTests(factory);
