using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Copil.Web.Tests.Support;

/// <summary>
/// Keeps every log line the app writes at the levels production writes (appsettings.json: Information, the framework
/// from Warning), with its exception and its scopes (the request path among them), to search them afterwards.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => _lines;

    public static void AddTo(ILoggingBuilder logging, CapturedLogs logs)
    {
        logging.AddProvider(logs);
        logging.AddFilter<CapturedLogs>(null, LogLevel.Information);
        logging.AddFilter<CapturedLogs>("Microsoft", LogLevel.Warning);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder($"{logLevel} {category}: {formatter(state, exception)} {exception}");
            owner._scopes.ForEachScope((scope, text) => text.Append(" | ").Append(scope), line);
            owner._lines.Enqueue(line.ToString());
        }
    }
}
