using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Copil.Web.Data;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

// Seeds years of data on SQLite (or PostgreSQL: pass a connection string), then measures the main pages and API
// reads through Kestrel on a real port. Prints medians and 95th percentiles in milliseconds.
internal static class Bench
{
    public static async Task Main(string[] args)
    {
        if (args.FirstOrDefault() == "compare")
        {
            await CompareBench.RunAsync(args[1..]);
            return;
        }

        if (args.FirstOrDefault() == "reporting")
        {
            await ReportingBench.RunAsync(args[1..]);
            return;
        }

        const int SheetCount = 10_000;
        var agreementsCount = 300;
        var auditRows = 200_000;
        var requests = 200;
        var folder = Directory.CreateTempSubdirectory("copil-bench-").FullName;
        var provider = args.Length > 0 ? "PostgreSQL" : "Sqlite";
        var connection = args.Length > 0 ? args[0] : $"Data Source={Path.Combine(folder, "bench.db")}";

        await using var app = new BenchFactory(provider, connection);
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Console.WriteLine($"Copil bench — {provider}, {agreementsCount} agreements, {auditRows:N0} audit rows and {SheetCount:N0} action sheets on one agreement, {requests} requests per route");

        var seedWatch = Stopwatch.StartNew();
        Guid target;
        Guid meetingId;
        string secret;
        string reviewerSecret;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CopilDbContext>();
            var secretariat = await db.Users.SingleAsync(u => u.Email == "secretariat@copil.test");
            var today = new DateOnly(2026, 3, 10);
            await Seeding.AgreementsAsync(db, secretariat.Id, agreementsCount, today);

            target = await db.Agreements.Where(a => a.Reference == DemoData.DemoReference).Select(a => a.Id).SingleAsync();
            for (var batch = 0; batch < auditRows / 10_000; batch++)
            {
                db.AuditEntries.AddRange(Enumerable.Range(0, 10_000).Select(i => new AuditEntry
                {
                    AgreementId = target,
                    AtUtc = new DateTime(2021, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes((batch * 10_000) + i),
                    UserName = "secretariat@copil.test",
                    Action = "Modified",
                    EntityType = "Agreement",
                    EntityId = target.ToString(),
                    Before = "{\"Title\":\"Ancien intitulé\"}",
                    After = "{\"Title\":\"Nouvel intitulé\"}",
                }));
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
            }

            // 10,000 action sheets in the demo agreement (after its two demo sheets), nine in ten submitted, a third of those with one opinion given.
            var demo = await scope.ServiceProvider.GetRequiredService<Copil.Web.Features.Agreements.AgreementReader>().LoadAsync(target);
            await Seeding.SheetsAsync(db, demo!, 3, SheetCount, today);

            await Seeding.CommitteeAndMailAsync(db, demo!, secretariat.Id);

            meetingId = await db.Meetings.Where(m => m.AgreementId == target).OrderByDescending(m => m.MeetsOn).Select(m => m.Id).FirstAsync();
            (_, secret) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(secretariat.Id, "bench", DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30));
            var reviewer = await db.Users.SingleAsync(u => u.Email == "relecture.dgesco@copil.test");
            (_, reviewerSecret) = await scope.ServiceProvider.GetRequiredService<PersonalAccessTokenService>().CreateAsync(reviewer.Id, "bench", DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30));
        }

        Console.WriteLine($"seeded in {seedWatch.Elapsed.TotalSeconds:F1} s");

        using var pages = await SignInAsync(baseUrl);
        using var api = new HttpClient { BaseAddress = new Uri(baseUrl) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);

        Console.WriteLine($"{"route",-64} {"median ms",10} {"p95 ms",8} {"KB",8}");
        await Measure(pages, "/", $"GET / (list of {agreementsCount + 2} agreements)");
        await Measure(pages, $"/conventions/{target}", "GET /conventions/{id}");
        await Measure(pages, $"/conventions/{target}/journal", $"GET /conventions/{{id}}/journal ({auditRows:N0} rows)");
        await Measure(pages, $"/conventions/{target}/journal?before={auditRows / 2}", "GET /conventions/{id}/journal, a page deep in");
        await Measure(api, $"/api/v1/agreements/{target}", "GET /api/v1/agreements/{id}");
        await Measure(api, "/api/v1/agreements", "GET /api/v1/agreements");
        await Measure(api, $"/api/v1/agreements/{target}/audit", "GET /api/v1/agreements/{id}/audit");
        await Measure(pages, $"/conventions/{target}/fiches", $"GET /conventions/{{id}}/fiches ({SheetCount:N0} sheets)");
        await Measure(pages, $"/conventions/{target}/fiches?tri=amount&page=100", "GET /conventions/{id}/fiches, by amount, page 100");
        await Measure(pages, $"/conventions/{target}/fiches?region=28&annee=2026", "GET /conventions/{id}/fiches, region + year");
        await Measure(api, $"/api/v1/agreements/{target}/action-sheets", "GET /api/v1/agreements/{id}/action-sheets");
        await Measure(api, $"/api/v1/agreements/{target}/action-sheets?status=Submitted&page=20", "GET /api/v1/…/action-sheets?status=Submitted&page=20");
        using var reviewerApi = new HttpClient { BaseAddress = new Uri(baseUrl) };
        reviewerApi.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", reviewerSecret);
        await Measure(reviewerApi, $"/api/v1/agreements/{target}/action-sheets?awaitingMyOpinion=true", "GET /api/v1/…/action-sheets?awaitingMyOpinion (DGESCO)");
        await Measure(pages, "/notifications", "GET /notifications (50,000, 10,000 unread)");
        await Measure(pages, "/notifications?page=500", "GET /notifications, page 500");
        await Measure(api, "/api/v1/notifications?unread=true", "GET /api/v1/notifications?unread=true");
        await Measure(pages, $"/conventions/{target}/envois?etat=envoyes", "GET /conventions/{id}/envois, sent (20,000)");
        await Measure(pages, $"/conventions/{target}/envois?etat=envoyes&page=300", "same, page 300");
        await Measure(pages, $"/conventions/{target}/comite", "GET /conventions/{id}/comite (205 meetings)");
        await Measure(pages, $"/conventions/{target}/comite/{meetingId}", "GET /conventions/{id}/comite/{meeting}");
        await Measure(pages, $"/conventions/{target}/echeancier", "GET /conventions/{id}/echeancier");
        // The header's search across everything the secretariat may see (302 agreements, 10,000 sheets, 205 meetings).
        await Measure(pages, "/recherche?q=promotion", $"GET /recherche?q=promotion ({SheetCount:N0} sheets match, 20 shown)");
        await Measure(pages, "/recherche?q=4321", "GET /recherche?q=4321 (a sheet number)");
        await Measure(pages, "/recherche?q=metiers", "GET /recherche?q=metiers (accents ignored)");
        await Measure(pages, "/recherche?q=introuvable", "GET /recherche?q=introuvable (nothing found)");
        await Measure(pages, "/a-traiter", "GET /a-traiter (work queue, 302 agreements)");

        try
        {
            Directory.Delete(folder, true);
        }
        catch (IOException)
        {
        }

        Task Measure(HttpClient client, string url, string label) => MeasureAsync(client, url, label, requests);
    }

    /// <summary>A cookie client signed in as the demo secretariat.</summary>
    public static async Task<HttpClient> SignInAsync(string baseUrl, System.Net.CookieContainer? cookies = null)
    {
        var pages = new HttpClient(new HttpClientHandler { UseCookies = true, CookieContainer = cookies ?? new System.Net.CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(baseUrl),
            Timeout = TimeSpan.FromMinutes(5),
        };
        var login = await pages.GetStringAsync("/connexion");
        var token = System.Text.RegularExpressions.Regex.Match(login, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        var signIn = await pages.PostAsync("/connexion", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "secretariat@copil.test",
            ["Input.Password"] = DemoData.Password,
            ["__RequestVerificationToken"] = token,
        }));
        return (int)signIn.StatusCode == 302 ? pages : throw new InvalidOperationException("sign-in failed");
    }

    /// <summary>Two warm-up requests, then <paramref name="requests"/> timed ones; prints median, 95th percentile and size.</summary>
    public static async Task MeasureAsync(HttpClient client, string url, string label, int requests)
    {
        for (var i = 0; i < 2; i++)
        {
            // A redirect (to sign in, or to set up a second factor) is not the page: stop rather than measure it.
            var warm = await client.GetAsync(url);
            if (warm.StatusCode != System.Net.HttpStatusCode.OK)
            {
                throw new InvalidOperationException($"{url} answered {(int)warm.StatusCode} {warm.Headers.Location}");
            }
        }

        var timings = new List<double>();
        var size = 0;
        for (var i = 0; i < requests; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.GetAsync(url);
            size = (await response.Content.ReadAsByteArrayAsync()).Length;
            watch.Stop();
            response.EnsureSuccessStatusCode();
            timings.Add(watch.Elapsed.TotalMilliseconds);
        }

        timings.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{label,-64} {timings[timings.Count / 2],10:F1} {timings[(int)(timings.Count * 0.95)],8:F1} {size / 1024,8}"));
    }
}

internal sealed class BenchFactory(string provider, string connection, StatementCapture? capture = null) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (capture is not null)
        {
            builder.ConfigureServices(services =>
            {
                services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new CaptureStartup(capture));
                services.ConfigureDbContext<SqliteCopilDbContext>(o => o.AddInterceptors(capture));
                services.ConfigureDbContext<PostgresCopilDbContext>(o => o.AddInterceptors(capture));
            });
        }

        // The secretariat would be sent to set up its second factor first (every page a redirect): not what is measured.
        builder.UseSetting("Security:TwoFactor:Enforced", "false");

        // Loads far beyond a person's: no throttling during the measures.
        builder.UseSetting("Security:Api:RequestsPerMinute", "100000000");
        // Not "Production": that one demands HTTPS (secure cookies), which the bench does not set up.
        builder.UseEnvironment("Benchmark");
        builder.UseSetting("Database:Provider", provider);
        builder.UseSetting("ConnectionStrings:Copil", connection);
        builder.UseSetting("Demo:Seed", "true");
        // No background sender or reminders during the measures.
        builder.UseSetting("Mail:SenderEnabled", "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
    }
}

/// <summary>Puts the statement recorder in front of the app's pipeline.</summary>
internal sealed class CaptureStartup(StatementCapture capture) : Microsoft.AspNetCore.Hosting.IStartupFilter
{
    public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
    {
        capture.Middleware(app);
        next(app);
    };
}
