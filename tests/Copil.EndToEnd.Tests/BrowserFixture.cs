using Copil.Web.Infrastructure;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Microsoft.Playwright;

namespace Copil.EndToEnd.Tests;

/// <summary>The app on a real port (Kestrel) with the demo data on SQLite, and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("copil-e2e-").FullName;
    private AppFactory? _app;
    private AppFactory? _proConnectApp;
    private Copil.Web.Tests.Support.TestOidcProvider? _oidc;
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    public static string ScreenshotFolder
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Copil.slnx")))
            {
                dir = dir.Parent;
            }

            var folder = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "docs", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    public async Task InitializeAsync()
    {
        _app = new AppFactory($"Data Source={Path.Combine(_folder, "copil.db")}");
        _app.UseKestrel(0);
        _app.StartServer();
        BaseUrl = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        // Warm the app up (first compilation of the pages, first key of the key ring) before any timed browser step.
        using (var http = new HttpClient { BaseAddress = new Uri(BaseUrl) })
        {
            foreach (var path in new[] { "/health", "/connexion" })
            {
                (await http.GetAsync(path)).EnsureSuccessStatusCode();
            }
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("COPIL_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--lang=fr-FR",
            ],
        });
    }

    /// <summary>
    /// A second instance of the app, pointed at an OpenID Connect provider running in the tests (ProConnect's shape),
    /// started on first use. Its clock is the real one: Chromium drops cookies whose expiry is already past by its own
    /// clock, and the sign-in's correlation cookies expire fifteen minutes after they are set.
    /// </summary>
    /// <summary>A personal access token of a demo account, for the API on the real server.</summary>
    public async Task<string> TokenForAsync(string email)
    {
        using var scope = _app!.Services.CreateScope();
        var sp = scope.ServiceProvider;
        var db = sp.GetRequiredService<Copil.Web.Data.CopilDbContext>();
        var userId = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users.Where(u => u.Email == email).Select(u => u.Id));
        var (_, secret) = await sp.GetRequiredService<Copil.Web.Identity.PersonalAccessTokenService>().CreateAsync(userId, "tests", Copil.Web.Infrastructure.Clock.TodayInParis(sp.GetRequiredService<TimeProvider>()).AddMonths(1));
        return secret;
    }

    public async Task<(string BaseUrl, Copil.Web.Tests.Support.TestOidcProvider Provider)> ProConnectAppAsync()
    {
        if (_proConnectApp is null)
        {
            _oidc = new Copil.Web.Tests.Support.TestOidcProvider(TimeProvider.System);
            _proConnectApp = new AppFactory($"Data Source={Path.Combine(Directory.CreateDirectory(Path.Combine(_folder, "proconnect")).FullName, "copil.db")}", TimeProvider.System, _oidc.Settings);
            _proConnectApp.UseKestrel(0);
            _proConnectApp.StartServer();
            using var http = new HttpClient { BaseAddress = new Uri(ProConnectBaseUrl) };
            (await http.GetAsync("/connexion")).EnsureSuccessStatusCode();
            // The provider answers once before the first browser sign-in (its first requests compile its endpoints).
            foreach (var path in new[] { "/.well-known/openid-configuration", "/jwks" })
            {
                (await http.GetAsync(_oidc.Authority + path)).EnsureSuccessStatusCode();
            }
        }

        return (ProConnectBaseUrl, _oidc!);
    }

    private string ProConnectBaseUrl => _proConnectApp!.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    public async Task DisposeAsync()
    {
        if (_proConnectApp is not null)
        {
            await _proConnectApp.DisposeAsync();
            await _oidc!.DisposeAsync();
        }

        await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }

    private readonly List<IPage> _pages = [];

    /// <summary>
    /// Runs a journey; if it fails, the failure message also says where every page of the test stood (address and the
    /// start of the visible text), to diagnose a wait that never ends.
    /// </summary>
    public async Task RunAsync(Func<Task> journey)
    {
        var before = _pages.Count;
        try
        {
            await journey();
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException || ex.Message.Contains("Timeout", StringComparison.Ordinal))
        {
            var states = new List<string>();
            foreach (var page in _pages.Skip(before))
            {
                var text = page.IsClosed ? "(fermée)" : await page.Locator("body").InnerTextAsync(new() { Timeout = 5_000 }).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : "(illisible)", TaskScheduler.Default);
                states.Add($"{(page.IsClosed ? "" : page.Url)} — {text.ReplaceLineEndings(" ")[..Math.Min(400, text.Length)]}");
            }

            throw new Xunit.Sdk.XunitException($"{ex.GetType().Name}: {ex.Message}{Environment.NewLine}Pages :{Environment.NewLine}{string.Join(Environment.NewLine, states)}");
        }
        finally
        {
            // Each journey closes the browser contexts it opened: a long suite does not pile up live pages in Chromium.
            foreach (var page in _pages.Skip(before).ToList())
            {
                await page.Context.CloseAsync();
            }

            _pages.RemoveRange(before, _pages.Count - before);
        }
    }

    /// <summary>A fresh browser context (its own cookies), French, at a desktop size unless told (390: a phone).</summary>
    public async Task<IPage> NewPageAsync(string? baseUrl = null, int width = 1280)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseUrl ?? BaseUrl,
            Locale = "fr-FR",
            ViewportSize = new ViewportSize { Width = width, Height = width < 600 ? 844 : 900 },
        });
        // A 2-core CI machine running the whole suite can be slow on a first page: wait longer rather than fail.
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        var page = await context.NewPageAsync();
        _pages.Add(page);
        return page;
    }

    private sealed class AppFactory(string connectionString, TimeProvider? clock = null, IEnumerable<(string Key, string Value)>? settings = null) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("Database:Provider", DatabaseSetup.Sqlite);
            builder.UseSetting("ConnectionStrings:Copil", connectionString);
            builder.UseSetting("Demo:Seed", "true");
            builder.UseSetting("Mail:SenderEnabled", "false");
            builder.UseSetting("Data:Folder", Path.Combine(Path.GetDirectoryName(connectionString["Data Source=".Length..])!, "data"));
            builder.UseSetting("Telemetry:Prometheus", "true");
            // Every journey signs in from 127.0.0.1: more attempts a minute than the throttle lets one address make.
            builder.UseSetting("Security:Login:AttemptsPerAddressPerMinute", "10000");
            builder.UseSetting("Security:TwoFactor:Enforced", "false");
            builder.UseSetting("Attachments:Path", Path.Combine(Path.GetDirectoryName(connectionString["Data Source=".Length..])!, "attachments"));
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in settings ?? [])
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services => services.AddSingleton(clock ?? new FakeTimeProvider(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero))));
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}

public static class PageChecks
{
    /// <summary>Runs axe-core on the page and fails with the list of violations, if any.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe();
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} — {string.Join(" | ", v.Nodes.Select(n => n.Html))}").ToList();
        Assert.True(violations.Count == 0, $"{page.Url}{Environment.NewLine}{string.Join(Environment.NewLine, violations)}");
    }

    /// <summary>The page does not scroll sideways: whatever is wide (a table) scrolls inside its own box.</summary>
    public static async Task AssertNoSidewaysScrollAsync(this IPage page)
    {
        var (scroll, viewport) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= viewport, $"{page.Url}: the page is {scroll} px wide in a {viewport} px window");
    }

    public static Task ScreenshotAsync(this IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{name}.png"), FullPage = true });

    public static async Task SignInAsync(this IPage page, string email, string password = "Comite-Essai-2026")
    {
        await page.GotoAsync("/connexion");
        await page.GetByLabel("Adresse électronique").FillAsync(email);
        await page.GetByLabel("Mot de passe", new() { Exact = false }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Se connecter" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/connexion", StringComparison.Ordinal), new() { WaitUntil = WaitUntilState.DOMContentLoaded });
    }
}
