using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Copil.Web.Infrastructure;

/// <summary>
/// Counts the database commands of a request and the time they took. With <c>Diagnostics:ServerTiming</c> each answer
/// says so in a <c>Server-Timing</c> header (<c>sql;dur=3.1;desc="4"</c>: 4 commands, 3.1 ms) (seen in the browser's developer tools): tests assert that a page sends a
/// fixed number of queries whatever the rows, the bench prints it. Off by default: it tells how the page is built.
/// </summary>
public sealed class QueryCounter : DbCommandInterceptor
{
    private static readonly AsyncLocal<Tally?> Current = new();

    /// <summary>The commands of one request so far.</summary>
    public sealed class Tally
    {
        private int _count;
        private long _ticks;

        public int Count => _count;

        public TimeSpan Elapsed => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _ticks));

        internal void Add(long ticks)
        {
            Interlocked.Increment(ref _count);
            Interlocked.Add(ref _ticks, ticks);
        }
    }

    /// <summary>Starts counting for the current asynchronous flow (a request).</summary>
    public static Tally Begin() => Current.Value = new Tally();

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result) => Stop(eventData, result);

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Stop(eventData, result));

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result) => Stop(eventData, result);

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Stop(eventData, result));

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result) => Stop(eventData, result);

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Stop(eventData, result));

    private static T Stop<T>(CommandExecutedEventData eventData, T result)
    {
        Current.Value?.Add(eventData.Duration.Ticks * Stopwatch.Frequency / TimeSpan.TicksPerSecond);
        return result;
    }

    /// <summary>Adds the <c>Server-Timing</c> header to every answer, counted until its headers leave (after the page's handler).</summary>
    public static void UseServerTiming(IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var tally = Begin();
            context.Response.OnStarting(() =>
            {
                context.Response.Headers.Append("Server-Timing",
                    string.Create(CultureInfo.InvariantCulture, $"sql;dur={tally.Elapsed.TotalMilliseconds:0.0};desc=\"{tally.Count}\""));
                return Task.CompletedTask;
            });
            await next(context);
        });
}
