using System.Net;
using Copil.Web.Data;
using Copil.Web.Identity;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Access;

/// <summary>
/// Sessions that end on the server (logout, password change, idle and absolute limits), a sign-in that tells nobody
/// who has an account and slows guessing down alike for all, personal access tokens that expire.
/// </summary>
public abstract class SessionAndSignInTests(CopilFactory factory)
{
    private async Task<string> NewPersonAsync()
    {
        var email = $"s{Guid.NewGuid():N}"[..12] + "@copil.test";
        var created = await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<CopilUser>>()
            .CreateAsync(new CopilUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Agent de test" }, DemoData.Password));
        Assert.True(created.Succeeded);
        return email;
    }

    /// <summary>Signs in without a cookie jar: returns the raw session cookie, to be replayed by hand.</summary>
    private async Task<string> SessionCookieAsync(string email)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var form = await client.GetAsync("/connexion");
        var antiforgery = string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));
        var token = (await Http.ParseAsync(form)).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/connexion")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = DemoData.Password, ["__RequestVerificationToken"] = token }),
        };
        post.Headers.Add("Cookie", antiforgery);
        var signedIn = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return signedIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("copil.session=", StringComparison.Ordinal));
    }

    private async Task<HttpStatusCode> HomeWithAsync(string cookie)
    {
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/compte");
        request.Headers.Add("Cookie", cookie);
        return (await client.SendAsync(request)).StatusCode;
    }

    private static async Task<HttpResponseMessage> LoginAsync(HttpClient client, string email, string password) =>
        await client.SubmitFormAsync("/connexion", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

    [Fact]
    public async Task A_session_cookie_copied_before_logout_is_refused_after_it()
    {
        var email = await NewPersonAsync();
        var copied = await SessionCookieAsync(email);
        using var browser = await factory.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, await HomeWithAsync(copied));

        // The copy's own browser logs out: the server ends that session, and the copy with it.
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        using var page = new HttpRequestMessage(HttpMethod.Get, "/compte");
        page.Headers.Add("Cookie", copied);
        var account = await client.SendAsync(page);
        var token = (await Http.ParseAsync(account)).QuerySelector("form[action='/deconnexion'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var antiforgery = account.Headers.TryGetValues("Set-Cookie", out var set) ? string.Join("; ", set.Select(c => c.Split(';')[0])) : "";
        using var logout = new HttpRequestMessage(HttpMethod.Post, "/deconnexion") { Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }) };
        logout.Headers.Add("Cookie", $"{copied}; {antiforgery}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SendAsync(logout)).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, await HomeWithAsync(copied));
        // The other browser's session is its own: still open.
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte")).StatusCode);
        var ended = await factory.WithDbAsync(db => db.Set<UserSession>().Where(s => s.EndReason == UserSessions.LoggedOut).CountAsync());
        Assert.True(ended >= 1);
    }

    [Fact]
    public async Task A_password_change_ends_every_other_session_and_keeps_the_person_signed_in()
    {
        var email = await NewPersonAsync();
        var elsewhere = await SessionCookieAsync(email);
        using var browser = await factory.SignedInAsync(email);
        var changed = await browser.SubmitFormAsync("/compte", new Dictionary<string, string>
        {
            ["Password.Current"] = DemoData.Password,
            ["Password.New"] = "Une phrase de passe bien à moi, 2026",
        }, handler: "Password");
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, await HomeWithAsync(elsewhere));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte")).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_after_an_hour_idle_and_ten_hours_after_sign_in_however_active()
    {
        try
        {
            var email = await NewPersonAsync();
            using var idle = await factory.SignedInAsync(email);
            factory.Clock.Advance(TimeSpan.FromMinutes(59));
            Assert.Equal(HttpStatusCode.OK, (await idle.GetAsync("/compte")).StatusCode);
            factory.Clock.Advance(TimeSpan.FromMinutes(61));
            var expired = await idle.GetAsync("/compte");
            Assert.Equal(HttpStatusCode.Redirect, expired.StatusCode);
            Assert.Contains("/connexion?ReturnUrl=%2Fcompte&fin=session", expired.Headers.Location!.OriginalString, StringComparison.Ordinal);
            var told = await Http.ParseAsync(await idle.GetAsync(expired.Headers.Location));
            Assert.Contains("Votre session a pris fin", told.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

            using var busy = await factory.SignedInAsync(email);
            for (var step = 0; step < 24; step++)
            {
                Assert.Equal(HttpStatusCode.OK, (await busy.GetAsync("/compte")).StatusCode);
                factory.Clock.Advance(TimeSpan.FromMinutes(25));
            }

            Assert.Equal(HttpStatusCode.Redirect, (await busy.GetAsync("/compte")).StatusCode);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task Sign_in_answers_alike_for_an_unknown_address_and_a_wrong_password_and_slows_both_down_alike()
    {
        try
        {
            var real = await NewPersonAsync();
            var unknown = $"personne-{Guid.NewGuid():N}@copil.test";
            using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            var answers = new List<string>();
            foreach (var email in new[] { real, unknown })
            {
                for (var attempt = 0; attempt < 5; attempt++)
                {
                    var failed = await LoginAsync(client, email, "pas le bon mot de passe");
                    Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
                    answers.Add((await Http.ParseAsync(failed)).QuerySelector("#Input_Password-error, .field--error .error, .field__error")?.TextContent.Trim() ?? "");
                }

                var throttled = await LoginAsync(client, email, email == real ? DemoData.Password : "pas le bon mot de passe");
                Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
                Assert.True(int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 900);
                Assert.Contains("Trop de tentatives de connexion : réessayez dans 15 minutes.", (await Http.ParseAsync(throttled)).Body!.TextContent, StringComparison.Ordinal);
            }

            Assert.Equal(10, answers.Count);
            Assert.Single(answers.Distinct());
            Assert.Contains(LoginModelRefused, answers[0], StringComparison.Ordinal);

            // Fifteen minutes later the real person signs in; the API tokens were never affected.
            factory.Clock.Advance(TimeSpan.FromMinutes(15));
            Assert.Equal(HttpStatusCode.Redirect, (await LoginAsync(client, real, DemoData.Password)).StatusCode);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    private const string LoginModelRefused = Copil.Web.Features.Account.LoginModel.Refused;

    [Fact]
    public async Task Failed_sign_ins_by_anyone_do_not_switch_off_the_person_s_api_tokens()
    {
        try
        {
            var email = await NewPersonAsync();
            using var api = await factory.ApiAsync(email);
            using var attacker = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
            for (var attempt = 0; attempt < 6; attempt++)
            {
                await LoginAsync(attacker, email, "devine-devine-devine");
            }

            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agreements")).StatusCode);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task A_personal_access_token_lives_until_the_date_chosen_at_creation_a_year_at_most()
    {
        try
        {
            var email = await NewPersonAsync();
            using var browser = await factory.SignedInAsync(email);
            var tooLong = await browser.SubmitFormAsync("/compte", new Dictionary<string, string> { ["TokenName"] = "script", ["TokenExpiresOn"] = "2027-03-11" }, handler: "Create");
            var refused = await Http.ParseAsync(tooLong);
            Assert.Contains("un an au plus", refused.QuerySelector(".field--error")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(0, await factory.WithDbAsync(db => db.PersonalAccessTokens.CountAsync(t => t.Name == "script" && db.Users.Any(u => u.Id == t.UserId && u.Email == email))));

            var created = await Http.ParseAsync(await browser.SubmitFormAsync("/compte", new Dictionary<string, string> { ["TokenName"] = "script", ["TokenExpiresOn"] = "2026-03-11" }, handler: "Create"));
            var secret = created.QuerySelector(".secret")!.TextContent.Trim();
            Assert.StartsWith("copil_", secret, StringComparison.Ordinal);
            using var api = factory.CreateClient();
            api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secret);
            Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agreements")).StatusCode);

            // The 11th ends at midnight in Paris: on the 12th at 00:00 the token is refused, with the reason.
            factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 11, 23, 0, 0, TimeSpan.Zero));
            var expired = await api.GetAsync("/api/v1/agreements");
            Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
            Assert.Contains("Ce jeton a expiré le 11/03/2026 à 23:59", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var nextDay = await factory.SignedInAsync(email);
            var list = await Http.ParseAsync(await nextDay.GetAsync("/compte"));
            Assert.Contains("expiré", list.QuerySelector("table")!.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteSessionAndSignInTests(SqliteFactory factory) : SessionAndSignInTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresSessionAndSignInTests(PostgresFactory factory) : SessionAndSignInTests(factory);
