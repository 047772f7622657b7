using Copil.Domain.Common;
using Copil.Domain.Reference;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Reference;

/// <summary>The editable table of campus des métiers et des qualifications (pages and API).</summary>
public sealed class CampusCommands(CopilDbContext db)
{
    public Task<List<TradesCampus>> ListAsync(CancellationToken ct = default) =>
        db.TradesCampuses.AsNoTracking().OrderBy(c => c.RegionCode).ThenBy(c => c.Name).ToListAsync(ct);

    public async Task<Result<TradesCampus>> AddAsync(string name, string regionCode, string sector, bool isExcellence, CancellationToken ct = default)
    {
        var created = TradesCampus.Create(name ?? "", regionCode ?? "", sector ?? "", isExcellence);
        if (created.IsFailure)
        {
            return created;
        }

        db.TradesCampuses.Add(created.Value);
        await db.SaveChangesAsync(ct);
        return created;
    }
}
