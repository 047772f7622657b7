using System.Collections.Concurrent;

namespace Copil.Web.Identity;

/// <summary>
/// Fixed-window counters keyed by anything (an address, an account, a token hash), on the injected clock so that
/// limits are tested without waiting. In memory: each instance counts for itself.
/// </summary>
public sealed class RateWindows(TimeProvider clock, TimeSpan window)
{
    private readonly ConcurrentDictionary<string, Window> _windows = new(StringComparer.Ordinal);

    private sealed record Window(DateTimeOffset Start, int Count);

    /// <summary>Counts one hit; returns how long to wait when the key has now gone past <paramref name="limit"/>.</summary>
    public TimeSpan? Hit(string key, int limit)
    {
        var now = clock.GetUtcNow();
        Prune(now);
        var current = _windows.AddOrUpdate(key, _ => new Window(now, 1), (_, w) => now - w.Start >= window ? new Window(now, 1) : w with { Count = w.Count + 1 });
        return current.Count > limit ? current.Start + window - now : null;
    }

    /// <summary>How long to wait when the key already reached <paramref name="limit"/> in its window, without counting.</summary>
    public TimeSpan? Reached(string key, int limit)
    {
        var now = clock.GetUtcNow();
        return _windows.TryGetValue(key, out var w) && now - w.Start < window && w.Count >= limit ? w.Start + window - now : null;
    }

    public void Forget(string key) => _windows.TryRemove(key, out _);

    private void Prune(DateTimeOffset now)
    {
        // Bounded memory under a flood of invented keys: expired windows are dropped once the map grows.
        if (_windows.Count < 10_000)
        {
            return;
        }

        foreach (var pair in _windows.Where(p => now - p.Value.Start >= window))
        {
            _windows.TryRemove(pair);
        }
    }
}
