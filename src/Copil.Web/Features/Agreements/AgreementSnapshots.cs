using System.Collections.Concurrent;
using Copil.Domain.Agreements;

namespace Copil.Web.Features.Agreements;

/// <summary>
/// Agreements read whole for views over many of them (home page, calendar feed), kept with the version they were read
/// at. Every change to an agreement goes through its aggregate, which increments <see cref="Agreement.Version"/> (the
/// concurrency token of ADR 5), so a kept agreement whose version is still the database's is the agreement as it is:
/// such views read the versions, then only the agreements that changed (ADR 18). Kept agreements are shared between
/// requests and must never be changed: they come from untracked reads only.
/// </summary>
public sealed class AgreementSnapshots
{
    /// <summary>Agreements kept at most; past it the store starts again empty (a national deployment has hundreds).</summary>
    public const int Capacity = 20_000;

    private readonly ConcurrentDictionary<Guid, Agreement> _kept = new();

    public Agreement? Find(Guid id, int version) =>
        _kept.TryGetValue(id, out var agreement) && agreement.Version == version ? agreement : null;

    public void Keep(Agreement agreement)
    {
        if (_kept.Count >= Capacity)
        {
            _kept.Clear();
        }

        // A concurrent read may have kept a newer version already: keep the newest.
        _kept.AddOrUpdate(agreement.Id, agreement, (_, kept) => kept.Version > agreement.Version ? kept : agreement);
    }
}
