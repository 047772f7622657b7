using Copil.Domain.Agreements;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Agreements;

/// <summary>
/// Reads an agreement whole — parties, signatories, axes, seats, invitees, ceilings, amendments, termination — as the
/// domain's rules need it. Tracked for one (a use case may change it), untracked for several.
/// </summary>
public sealed class AgreementReader(CopilDbContext db)
{
    public Task<Agreement?> LoadAsync(Guid id, CancellationToken ct = default) =>
        Whole(db.Agreements).FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>One agreement read for a page that only shows it: untracked.</summary>
    public Task<Agreement?> LoadUntrackedAsync(Guid id, CancellationToken ct = default) =>
        Whole(db.Agreements.AsNoTracking()).FirstOrDefaultAsync(a => a.Id == id, ct);

    /// <summary>Several agreements read at once, untracked (for views over many agreements, such as the home page).</summary>
    public Task<List<Agreement>> LoadManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken ct = default) =>
        Whole(db.Agreements.AsNoTracking()).Where(a => ids.Contains(a.Id)).ToListAsync(ct);

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
