using Copil.Domain.Access;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Communication;

/// <summary>
/// The few columns of the sheets a register names (number, title, carrier), read only for the sheets it names: an
/// agreement may have thousands of sheets, a sheet's page shows a handful of materials (ADR 18).
/// </summary>
public sealed class SheetRefs(CopilDbContext db)
{
    public async Task<IReadOnlyDictionary<Guid, SheetRef>> OfAsync(Guid agreementId, IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0 ? new Dictionary<Guid, SheetRef>()
            : await db.ActionSheets.AsNoTracking().Where(s => s.AgreementId == agreementId && wanted.Contains(s.Id))
                .Select(s => new SheetRef(s.Id, s.Number, s.Title, s.CarrierOrganisation)).ToDictionaryAsync(s => s.Id, ct);
    }

    /// <summary>The sheets the person carries (all of them for the secretariat), for the forms that attach something to an action.</summary>
    public async Task<List<SheetRef>> CarriedByAsync(Guid agreementId, AgreementGrant grant, CancellationToken ct = default)
    {
        var sheets = db.ActionSheets.AsNoTracking().Where(s => s.AgreementId == agreementId);
        if (!ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator))
        {
            var organisations = ActionSheetAccess.CarriedOrganisations(grant.Memberships).Select(o => o.ToLowerInvariant()).ToList();
            // Carried organisations compare without case (ActionSheetAccess); ToLower() is translated to SQL lower().
#pragma warning disable CA1304, CA1311
            sheets = sheets.Where(s => organisations.Contains(s.CarrierOrganisation.ToLower()));
#pragma warning restore CA1304, CA1311
        }

        return await sheets.OrderBy(s => s.Number).Select(s => new SheetRef(s.Id, s.Number, s.Title, s.CarrierOrganisation)).ToListAsync(ct);
    }
}
