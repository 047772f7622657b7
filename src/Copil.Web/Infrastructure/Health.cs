using System.Diagnostics.Metrics;
using System.Text.Json;
using Copil.Web.Data;
using Copil.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Copil.Web.Infrastructure;

/// <summary>Thresholds of readiness (<c>Health:*</c>).</summary>
public sealed class HealthOptions
{
    /// <summary>Below this free space in the data folder, not ready (writes would fail); below twice as much, degraded.</summary>
    public long MinFreeMegabytes { get; set; } = 500;

    /// <summary>An e-mail waiting longer than this makes the instance degraded (the outbox is stuck or the server refuses).</summary>
    public int OutboxMaxAgeMinutes { get; set; } = 30;
}

/// <summary>
/// Liveness (<c>/health/live</c>: the process answers) and readiness (<c>/health/ready</c>, also <c>/health</c>): the
/// database answers, the data folder is writable with room left, the outbox moves. Answered as JSON with a French
/// description per check; 503 only when not ready, 200 when healthy or degraded.
/// </summary>
public static class Health
{
    public const string Ready = "ready";

    public static void AddCopilHealth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<HealthOptions>(configuration.GetSection("Health"));
        services.AddHealthChecks()
            .AddDbContextCheck<CopilDbContext>("database", failureStatus: HealthStatus.Unhealthy, tags: [Ready])
            .AddCheck<DataFolderCheck>("data-folder", tags: [Ready])
            .AddCheck<OutboxCheck>("outbox", tags: [Ready]);
        services.AddSingleton<OutboxGauges>();
    }

    public static void MapCopilHealth(this IEndpointRouteBuilder app)
    {
        var ready = new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = WriteAsync,
            ResultStatusCodes = { [HealthStatus.Healthy] = 200, [HealthStatus.Degraded] = 200, [HealthStatus.Unhealthy] = 503 },
        };
        app.MapHealthChecks("/health", ready).AllowAnonymous();
        app.MapHealthChecks("/health/ready", ready).AllowAnonymous();
        app.MapHealthChecks("/health/live", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteAsync }).AllowAnonymous();
    }

    /// <summary>French descriptions as they are, not as \u escapes (a JSON answer, never embedded in a page).</summary>
    private static readonly JsonSerializerOptions ReportJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.Headers.CacheControl = "no-store";
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description }),
        }, ReportJson, http.RequestAborted);
    }
}

/// <summary>The data folder (database file, e-mails written as files, backups): writable, with room left.</summary>
public sealed class DataFolderCheck(IConfiguration configuration, IHostEnvironment environment, Microsoft.Extensions.Options.IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var folder = AppPaths.DataFolder(configuration, environment);
        var probe = Path.Combine(folder, $".sonde-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(folder);
            await File.WriteAllBytesAsync(probe, new byte[4096], cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy($"Le dossier de données {folder} n'accepte pas d'écriture : {ex.Message}");
        }
        finally
        {
            // A write that failed half-way may leave an empty file behind.
            try
            {
                File.Delete(probe);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Nothing to clean then.
            }
        }

        var free = new DriveInfo(folder).AvailableFreeSpace / (1024 * 1024);
        var minimum = options.Value.MinFreeMegabytes;
        return free < minimum ? HealthCheckResult.Unhealthy($"Plus que {free} Mo libres dans {folder} (minimum {minimum} Mo) : les écritures vont échouer.")
            : free < 2 * minimum ? HealthCheckResult.Degraded($"{free} Mo libres dans {folder} : bientôt plein (minimum {minimum} Mo).")
            : HealthCheckResult.Healthy($"{free} Mo libres dans {folder}.");
    }
}

/// <summary>The outbox moves: the oldest e-mail waiting is younger than the threshold.</summary>
public sealed class OutboxCheck(OutboxGauges gauges, Microsoft.Extensions.Options.IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = await gauges.ReadAsync(fresh: true, cancellationToken);
        var limit = TimeSpan.FromMinutes(options.Value.OutboxMaxAgeMinutes);
        return snapshot.OldestWaiting is { } age && age > limit
            ? HealthCheckResult.Degraded($"{snapshot.Waiting} courriels en attente, le plus ancien depuis {(int)age.TotalMinutes} min (seuil {options.Value.OutboxMaxAgeMinutes} min) : voir « Envois de courriels ».")
            : HealthCheckResult.Healthy($"{snapshot.Waiting} courriels en attente.");
    }
}

/// <summary>What the outbox holds, read at most every 10 seconds, for readiness and for the metrics.</summary>
public sealed class OutboxGauges(IServiceScopeFactory scopes, TimeProvider clock)
{
    public sealed record Snapshot(int Waiting, int Reminders, int Held, TimeSpan? OldestWaiting);

    private Snapshot? _last;
    private DateTime _readAt;

    public async Task<Snapshot> ReadAsync(bool fresh = false, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (!fresh && _last is not null && now - _readAt < TimeSpan.FromSeconds(10))
        {
            return _last;
        }

        using var scope = scopes.CreateScope();
        var outbox = scope.ServiceProvider.GetRequiredService<CopilDbContext>().Set<OutboxMessage>().AsNoTracking();
        var waiting = outbox.Where(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending);
        var oldest = await waiting.OrderBy(m => m.CreatedAtUtc).Select(m => (DateTime?)m.CreatedAtUtc).FirstOrDefaultAsync(ct);
        _last = new Snapshot(await waiting.CountAsync(ct), await waiting.CountAsync(m => m.IdempotencyKey.StartsWith("mail:reminder:"), ct),
            await outbox.CountAsync(m => m.Status == OutboxStatus.Held, ct), oldest is { } created ? now - created : null);
        _readAt = now;
        return _last;
    }
}

/// <summary>
/// Copil's own metrics (meter <c>Copil</c>), beside ASP.NET Core's request counts and durations: the outbox backlog,
/// the reminders queued, the e-mails held after a restore, the age of the oldest e-mail waiting.
/// </summary>
public static class CopilMetrics
{
    public const string MeterName = "Copil";

    public static void Register(IServiceProvider services)
    {
        var gauges = services.GetRequiredService<OutboxGauges>();
        var meter = services.GetRequiredService<IMeterFactory>().Create(MeterName);
        // Read when a metrics reader collects (every few seconds at most, cached 10 s).
        OutboxGauges.Snapshot Read() => gauges.ReadAsync().GetAwaiter().GetResult();
        meter.CreateObservableGauge("copil.outbox.waiting", () => Read().Waiting, "{message}", "E-mails waiting to be sent");
        meter.CreateObservableGauge("copil.outbox.reminders", () => Read().Reminders, "{message}", "Reminders queued, not sent yet");
        meter.CreateObservableGauge("copil.outbox.held", () => Read().Held, "{message}", "E-mails held after a restore");
        meter.CreateObservableGauge("copil.outbox.oldest_age", () => Read().OldestWaiting?.TotalSeconds ?? 0, "s", "Age of the oldest e-mail waiting");
    }
}
