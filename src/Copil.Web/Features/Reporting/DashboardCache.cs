using Copil.Domain.Reporting;
using Microsoft.Extensions.Caching.Memory;

namespace Copil.Web.Features.Reporting;

/// <summary>
/// Dashboards already computed, keyed by the stamp of their year's figures (<see cref="ReportingYear"/>) and by what
/// the agreement adds to them (ceiling, axis names), so an entry is never stale: a change of the year's actions changes
/// the stamp. Requests for the same dashboard at once share one computation (ADR 18).
/// </summary>
public sealed class DashboardCache : IDisposable
{
    /// <summary>Dashboards kept at most (each a few kilobytes: breakdown rows, not actions).</summary>
    public const int Capacity = 2_000;

    private readonly MemoryCache _cache = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public readonly record struct Key(Guid AgreementId, int Year, long Stamp, DashboardFilter Filter, long? CeilingCents, string AxisNames);

    public async Task<Dashboard> GetOrComputeAsync(Key key, Func<Task<Dashboard>> compute)
    {
        var lazy = _cache.GetOrCreate(key, entry =>
        {
            entry.Size = 1;
            entry.SlidingExpiration = TimeSpan.FromHours(6);
            return new Lazy<Task<Dashboard>>(compute);
        })!;
        try
        {
            return await lazy.Value;
        }
        catch
        {
            // A failed computation (database down, request cancelled) is not remembered.
            _cache.Remove(key);
            throw;
        }
    }

    public void Dispose() => _cache.Dispose();
}
