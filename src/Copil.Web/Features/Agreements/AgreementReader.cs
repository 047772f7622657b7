using Copil.Domain.Agreements;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Agreements;

/// <summary>
/// Reads an agreement whole — parties, signatories, axes, seats, invitees, ceilings, amendments, termination — as the
/// domain's rules need it. Tracked for one (a use case may change it), untracked for several.
/// </summary>
public sealed class AgreementReader(CopilDbContext db, AgreementSnapshots snapshots)
{
    public Task<Agreement?> LoadAsync(Guid id, CancellationToken ct = default) =>
        Whole(db.Agreements).FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>One agreement read for a page that only shows it: untracked.</summary>
    public Task<Agreement?> LoadUntrackedAsync(Guid id, CancellationToken ct = default) =>
        Whole(db.Agreements.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>
    /// Several agreements at once, for views over many agreements such as the home page: their versions are read, and
    /// only the agreements changed since they were last read are read whole (<see cref="AgreementSnapshots"/>). The
    /// agreements returned are shared and must not be changed.
    /// </summary>
    public Task<List<Agreement>> LoadManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        LoadManyAsync(db.Agreements.Where(a => ids.Contains(a.Id)), ct);

    /// <summary>The same, for the agreements a query names (such as those a person may see), in one statement.</summary>
    public Task<List<Agreement>> LoadManyAsync(IQueryable<Guid> ids, CancellationToken ct = default) =>
        LoadManyAsync(db.Agreements.Where(a => ids.Contains(a.Id)), ct);

    private async Task<List<Agreement>> LoadManyAsync(IQueryable<Agreement> named, CancellationToken ct)
    {
        var versions = await named.AsNoTracking().Select(a => new { a.Id, a.Version }).ToListAsync(ct);
        var found = versions.Select(v => (v.Id, Kept: snapshots.Find(v.Id, v.Version))).ToList();
        var changed = found.Where(f => f.Kept is null).Select(f => f.Id).ToList();
        var read = changed.Count == 0 ? [] : (await Whole(db.Agreements.AsNoTracking()).Where(a => changed.Contains(a.Id)).ToListAsync(ct)).ToDictionary(a => a.Id);
        foreach (var agreement in read.Values)
        {
            snapshots.Keep(agreement);
        }

        return [.. found.Select(f => f.Kept ?? read.GetValueOrDefault(f.Id)).OfType<Agreement>()];
    }

    private static IQueryable<Agreement> Whole(IQueryable<Agreement> agreements) =>
        agreements
            .Include(a => a.Parties.OrderBy(p => p.Position))
            .Include(a => a.Signatories.OrderBy(s => s.Position))
            .Include(a => a.Axes.OrderBy(x => x.Position))
            .Include(a => a.Seats.OrderBy(s => s.Position))
            .Include(a => a.Invitees.OrderBy(i => i.Position))
            .Include(a => a.YearlyCeilings.OrderBy(c => c.Year))
            .Include(a => a.Amendments.OrderBy(x => x.Number)).ThenInclude(a => a.Changes)
            .Include(a => a.Termination)
            .AsSplitQuery();
}
