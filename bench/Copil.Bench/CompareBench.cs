using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Copil.Web.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

/// <summary>
/// Copil against the limit of its stack: for each key page, the SQL statements Copil sends are recorded once, then a
/// bare ASP.NET Core app (no EF, no Razor, no authentication) runs the same statements on the same database. wrk loads
/// both in interleaved rounds; the bench prints throughput, CPU per request, p50/p99 and memory, with 1,000 sheets in
/// the agreement and again with 100,000.
/// </summary>
internal static partial class CompareBench
{
    private sealed record Page(string Name, bool Api, string Url);

    private sealed record Run(double RequestsPerSecond, double CpuMsPerRequest, double P50Ms, double P99Ms, long Requests);

    private sealed record Result(string Size, Page Page, int Statements, long Bytes, List<Run> Copil, List<Run> Bare, long MaxRssBytes);

    public static async Task RunAsync(string[] args)
    {
        var seconds = Option(args, "--seconds", 5);
        var rounds = Option(args, "--rounds", 5);
        var small = Option(args, "--small", 1_000);
        var large = Option(args, "--large", 100_000);
        var only = Array.IndexOf(args, "--only") is var o and >= 0 ? args[o + 1] : null;
        var postgres = args.FirstOrDefault(a => a.Contains('=', StringComparison.Ordinal) && !a.StartsWith("--", StringComparison.Ordinal));
        var folder = Directory.CreateTempSubdirectory("copil-bench-").FullName;
        var provider = postgres is null ? "Sqlite" : "PostgreSQL";
        var connection = postgres ?? $"Data Source={Path.Combine(folder, "bench.db")}";
        Console.WriteLine($"Copil against the bare stack — {provider}; {Environment.ProcessorCount} cores; wrk 2 threads, 32 connections, {seconds} s × {rounds} interleaved rounds per page; load before: {Load()}");

        var capture = new StatementCapture();
        await using var app = new BenchFactory(provider, connection, capture);
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var today = new DateOnly(2026, 3, 10);

        Guid target;
        string secret;
        var seedWatch = Stopwatch.StartNew();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CopilDbContext>();
            var secretariat = await db.Users.SingleAsync(u => u.Email == "secretariat@copil.test");
            await Seeding.AgreementsAsync(db, secretariat.Id, 300, today);
            target = await db.Agreements.Where(a => a.Reference == DemoData.DemoReference).Select(a => a.Id).SingleAsync();
            var demo = await scope.ServiceProvider.GetRequiredService<Copil.Web.Features.Agreements.AgreementReader>().LoadAsync(target);
            await Seeding.CommitteeAndMailAsync(db, demo!, secretariat.Id);
            await Seeding.SheetsAsync(db, demo!, 3, small - 2, today);
            (_, secret) = await scope.ServiceProvider.GetRequiredService<Copil.Web.Identity.PersonalAccessTokenService>()
                .CreateAsync(secretariat.Id, "bench", DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30));
        }

        Console.WriteLine($"seeded {small:N0} sheets in {seedWatch.Elapsed.TotalSeconds:F0} s");
        var cookies = new System.Net.CookieContainer();
        using var pages = await Bench.SignInAsync(baseUrl, cookies);
        var cookie = string.Join("; ", cookies.GetCookies(new Uri(baseUrl)).Select(c => $"{c.Name}={c.Value}"));
        var keyPages = new List<Page>
        {
            new("accueil (302 conventions)", false, "/"),
            new("page de la convention", false, $"/conventions/{target}"),
            new("liste des fiches", false, $"/conventions/{target}/fiches"),
            new("API liste des fiches", true, $"/api/v1/agreements/{target}/action-sheets"),
            new("échéancier", false, $"/conventions/{target}/echeancier"),
            new("tableau de bord 2026", false, $"/conventions/{target}/tableau-de-bord?annee=2026"),
        };

        keyPages.RemoveAll(p => only is not null && !p.Name.Contains(only, StringComparison.Ordinal));
        await using var bare = await BareApp.StartAsync(provider, app.Services);
        var results = new List<Result>();
        results.AddRange(await MeasureAllAsync($"{small:N0} fiches"));

        seedWatch.Restart();
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<CopilDbContext>();
            var demo = await scope.ServiceProvider.GetRequiredService<Copil.Web.Features.Agreements.AgreementReader>().LoadAsync(target);
            await Seeding.SheetsAsync(db, demo!, small + 1, large - small, today);
        }

        Console.WriteLine($"seeded {large - small:N0} more sheets in {seedWatch.Elapsed.TotalSeconds:F0} s");
        results.AddRange(await MeasureAllAsync($"{large:N0} fiches"));
        Print(results, small, large);
        Console.WriteLine($"load after: {Load()}");

        try
        {
            Directory.Delete(folder, true);
        }
        catch (IOException)
        {
        }

        async Task<List<Result>> MeasureAllAsync(string size)
        {
            var list = new List<Result>();
            foreach (var page in keyPages)
            {
                var url = baseUrl.TrimEnd('/') + page.Url;
                var header = page.Api ? $"Authorization: Bearer {secret}" : $"Cookie: {cookie}";

                // The statements of one request, recorded after a warm-up, replayed by the bare app.
                using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
                HttpRequestMessage Request()
                {
                    var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.TryAddWithoutValidation(page.Api ? "Authorization" : "Cookie", page.Api ? $"Bearer {secret}" : cookie);
                    return request;
                }

                using (var warm = Request())
                {
                    await client.SendAsync(warm);
                }

                using var recorded = Request();
                recorded.Headers.Add(StatementCapture.Header, Uri.EscapeDataString(page.Name));
                var response = await client.SendAsync(recorded);
                if (response.StatusCode != System.Net.HttpStatusCode.OK)
                {
                    throw new InvalidOperationException($"{url} answered {(int)response.StatusCode} {response.Headers.Location}: a redirect is not the page");
                }

                var bytes = (await response.Content.ReadAsByteArrayAsync()).LongLength;
                var statements = capture.Take(Uri.EscapeDataString(page.Name));
                bare.Set(page.Name, statements);

                var bareUrl = $"{bare.BaseUrl}/bare/{Uri.EscapeDataString(page.Name)}";
                var bareValues = await client.GetStringAsync(bareUrl);
                var slowest = await bare.ProfileAsync(page.Name);

                var copilRuns = new List<Run>();
                var bareRuns = new List<Run>();
                long maxRss = 0;
                for (var round = 0; round < rounds; round++)
                {
                    var (copilRun, rss) = await WrkAsync(url, header, seconds);
                    copilRuns.Add(copilRun);
                    maxRss = Math.Max(maxRss, rss);
                    bareRuns.Add((await WrkAsync(bareUrl, null, seconds)).Run);
                }

                var result = new Result(size, page, statements.Count, bytes, copilRuns, bareRuns, maxRss);
                list.Add(result);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{size,-14} {page.Name,-28} {statements.Count,3} requêtes ({bareValues} valeurs lues) {bytes / 1024,6} Ko  Copil {Median(copilRuns, r => r.RequestsPerSecond),8:F1} req/s  nu {Median(bareRuns, r => r.RequestsPerSecond),8:F1} req/s"));
                foreach (var (ms, sql) in slowest.Take(3))
                {
                    var flat = Regex.Replace(sql, @"\s+", " ");
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {ms,7:F2} ms  {flat[..Math.Min(150, flat.Length)]}"));
                }
            }

            return list;
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static double Median(IEnumerable<Run> runs, Func<Run, double> of)
    {
        var values = runs.Select(of).Order().ToList();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[(values.Count / 2) - 1] + values[values.Count / 2]) / 2;
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static long Rss()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>One wrk run: throughput, this process's CPU per request (the server under load lives here), p50/p99, peak RSS seen.</summary>
    private static async Task<(Run Run, long MaxRss)> WrkAsync(string url, string? header, int seconds)
    {
        var arguments = new List<string> { "-t2", "-c32", $"-d{seconds}s", "--latency", "--timeout", "30s" };
        if (header is not null)
        {
            arguments.AddRange(["-H", header]);
        }

        arguments.Add(url);
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        using var wrk = Process.Start(new ProcessStartInfo("wrk", arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        long maxRss = 0;
        var output = wrk.StandardOutput.ReadToEndAsync();
        while (!wrk.HasExited)
        {
            maxRss = Math.Max(maxRss, Rss());
            await Task.Delay(200);
        }

        var text = await output;
        await wrk.WaitForExitAsync();
        process.Refresh();
        var cpu = process.TotalProcessorTime - cpuBefore;
        if (text.Contains("Non-2xx", StringComparison.Ordinal) || wrk.ExitCode != 0)
        {
            throw new InvalidOperationException($"wrk on {url} saw errors:\n{text}");
        }

        var requests = long.Parse(RequestsLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        var perSecond = double.Parse(RequestsPerSecondLine().Match(text).Groups[1].Value, CultureInfo.InvariantCulture);
        return (new Run(perSecond, cpu.TotalMilliseconds / Math.Max(1, requests), Latency(text, "50%"), Latency(text, "99%"), requests), maxRss);
    }

    private static double Latency(string wrkOutput, string percentile)
    {
        var match = Regex.Match(wrkOutput, $@"^\s+{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecondLine();

    private static void Print(List<Result> results, int small, int large)
    {
        foreach (var size in results.Select(r => r.Size).Distinct())
        {
            Console.WriteLine();
            Console.WriteLine($"## {size} dans la convention (médianes de {results[0].Copil.Count} manches)");
            Console.WriteLine("| page | requêtes SQL | Ko | Copil req/s | nu req/s | ratio | Copil CPU ms/req | nu CPU ms/req | ratio CPU | Copil p50 / p99 ms | nu p50 / p99 ms |");
            Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
            foreach (var r in results.Where(r => r.Size == size))
            {
                Console.WriteLine($"| {r.Page.Name} | {r.Statements} | {r.Bytes / 1024} | {Cell(r.Copil, x => x.RequestsPerSecond)} | {Cell(r.Bare, x => x.RequestsPerSecond)} | {Ratio(r.Copil, r.Bare, x => x.RequestsPerSecond, "F2")} | {Cell(r.Copil, x => x.CpuMsPerRequest)} | {Cell(r.Bare, x => x.CpuMsPerRequest)} | {Ratio(r.Copil, r.Bare, x => x.CpuMsPerRequest, "F1")} | {Cell(r.Copil, x => x.P50Ms)} / {Cell(r.Copil, x => x.P99Ms)} | {Cell(r.Bare, x => x.P50Ms)} / {Cell(r.Bare, x => x.P99Ms)} |");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"## Croissance de {small:N0} à {large:N0} fiches (Copil)");
        Console.WriteLine("| page | p99 | CPU par requête | débit | RSS max sous charge |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var page in results.Select(r => r.Page).Distinct())
        {
            var before = results.First(r => r.Page == page);
            var after = results.Last(r => r.Page == page);
            Console.WriteLine($"| {page.Name} | ×{Ratio(after.Copil, before.Copil, x => x.P99Ms, "F2")} | ×{Ratio(after.Copil, before.Copil, x => x.CpuMsPerRequest, "F2")} | ×{Ratio(after.Copil, before.Copil, x => x.RequestsPerSecond, "F2")} | {before.MaxRssBytes / 1048576} → {after.MaxRssBytes / 1048576} Mo |");
        }
    }

    // A page none of whose requests finished within a round (each took longer than the round under 32 connections)
    // has no latency or CPU per request to show: « — », not a division by zero.
    private static bool Finished(List<Run> runs) => runs.All(r => r.Requests > 0);

    private static string Cell(List<Run> runs, Func<Run, double> of) =>
        Finished(runs) ? Median(runs, of).ToString("F1", CultureInfo.InvariantCulture) : runs.Any(r => r.Requests > 0) ? "~" + Median(runs.Where(r => r.Requests > 0), of).ToString("F1", CultureInfo.InvariantCulture) : "—";

    private static string Ratio(List<Run> top, List<Run> bottom, Func<Run, double> of, string format) =>
        Finished(top) && Finished(bottom) ? (Median(top, of) / Median(bottom, of)).ToString(format, CultureInfo.InvariantCulture) : "—";
}

/// <summary>Records the commands of one request marked with a header, with copies of their parameters.</summary>
internal sealed class StatementCapture : DbCommandInterceptor
{
    public const string Header = "X-Bench-Capture";

    private readonly Dictionary<string, List<BareStatement>> _byName = [];

    public List<BareStatement> Take(string name)
    {
        lock (_byName)
        {
            return _byName.Remove(name, out var list) ? list : throw new InvalidOperationException($"nothing captured for {name}");
        }
    }

    public void Middleware(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Headers[Header].FirstOrDefault() is not { } name)
            {
                await next(context);
                return;
            }

            var list = new List<BareStatement>();
            Recording.Value = list;
            await next(context);
            lock (_byName)
            {
                _byName[name] = list;
            }
        });

    private static readonly AsyncLocal<List<BareStatement>?> Recording = new();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private static void Record(DbCommand command)
    {
        Recording.Value?.Add(new BareStatement(command.CommandText, [.. command.Parameters.Cast<DbParameter>().Select(Copy)]));
    }

    private static DbParameter Copy(DbParameter p) => p switch
    {
        NpgsqlParameter n => n.Clone(),
        SqliteParameter s => s,
        _ => throw new NotSupportedException(p.GetType().Name),
    };
}

internal sealed record BareStatement(string Sql, IReadOnlyList<DbParameter> Parameters);

/// <summary>The limit of the stack: a minimal ASP.NET Core app that runs a page's statements on a pooled connection and reads every value.</summary>
internal sealed class BareApp : IAsyncDisposable
{
    private readonly Dictionary<string, List<BareStatement>> _statements = [];
    private WebApplication _app = null!;
    private Func<DbConnection> _open = null!;

    public string BaseUrl { get; private set; } = "";

    public void Set(string name, List<BareStatement> statements)
    {
        lock (_statements)
        {
            _statements[name] = statements;
        }
    }

    public static async Task<BareApp> StartAsync(string provider, IServiceProvider copil)
    {
        var bare = new BareApp();
        using (var scope = copil.CreateScope())
        {
            var connectionString = scope.ServiceProvider.GetRequiredService<CopilDbContext>().Database.GetConnectionString()!;
            if (provider == "Sqlite")
            {
                bare._open = () => new SqliteConnection(connectionString);
            }
            else
            {
                var source = NpgsqlDataSource.Create(connectionString);
                bare._open = () => source.CreateConnection();
            }
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        bare._app = builder.Build();
        bare._app.MapGet("/bare/{name}", bare.ServeAsync);
        await bare._app.StartAsync();
        bare.BaseUrl = bare._app.Urls.First();
        return bare;
    }

    /// <summary>Each statement of a page timed alone (median of 5), the slowest first: where a page's SQL time goes.</summary>
    public async Task<List<(double Ms, string Sql)>> ProfileAsync(string name)
    {
        List<BareStatement> statements;
        lock (_statements)
        {
            statements = _statements[name];
        }

        await using var connection = _open();
        await connection.OpenAsync();
        var timings = new List<(double, string)>();
        foreach (var statement in statements)
        {
            var runs = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var watch = Stopwatch.StartNew();
                await using var command = connection.CreateCommand();
                command.CommandText = statement.Sql;
                foreach (var parameter in statement.Parameters)
                {
                    command.Parameters.Add(parameter is NpgsqlParameter n ? n.Clone() : parameter);
                }

                await using var reader = await command.ExecuteReaderAsync();
                do
                {
                    while (await reader.ReadAsync())
                    {
                        for (var c = 0; c < reader.FieldCount; c++)
                        {
                            _ = reader.GetValue(c);
                        }
                    }
                }
                while (await reader.NextResultAsync());
                runs.Add(watch.Elapsed.TotalMilliseconds);
            }

            runs.Sort();
            timings.Add((runs[2], statement.Sql));
        }

        return [.. timings.OrderByDescending(t => t.Item1)];
    }

    private async Task ServeAsync(string name, HttpContext context)
    {
        List<BareStatement> statements;
        lock (_statements)
        {
            statements = _statements[name];
        }

        await using var connection = _open();
        await connection.OpenAsync(context.RequestAborted);
        long values = 0;
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.CommandText = statement.Sql;
            foreach (var parameter in statement.Parameters)
            {
                // Npgsql's parameters belong to one command at a time; SQLite's only read theirs when binding, so the
                // recorded ones are bound as EF Core set them (type, size), not a look-alike.
                command.Parameters.Add(parameter is NpgsqlParameter n ? n.Clone() : parameter);
            }

            await using var reader = await command.ExecuteReaderAsync(context.RequestAborted);
            do
            {
                while (await reader.ReadAsync(context.RequestAborted))
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        _ = reader.GetValue(i);
                        values++;
                    }
                }
            }
            while (await reader.NextResultAsync(context.RequestAborted));
        }

        await context.Response.WriteAsync(values.ToString(CultureInfo.InvariantCulture), context.RequestAborted);
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
