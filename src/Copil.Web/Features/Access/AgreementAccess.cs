using System.Security.Claims;
using Copil.Domain.Access;
using Copil.Web.Data;
using Copil.Web.Identity;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Access;

/// <summary>What the caller holds in one agreement. Null from <see cref="AgreementAccess.FindAsync"/> means: this agreement does not exist for them.</summary>
public sealed record AgreementGrant(Guid AgreementId, bool IsAdministrator, IReadOnlyList<Membership> Memberships)
{
    public bool Can(AgreementPermission permission) =>
        IsAdministrator || AgreementPermissions.Allows(Memberships.Select(m => m.Role), permission);

    public IEnumerable<AgreementRole> Roles => Memberships.Select(m => m.Role).Distinct();
}

/// <summary>The one check every page and endpoint of an agreement makes: a membership of that agreement (or platform administration).</summary>
public sealed class AgreementAccess(CopilDbContext db)
{
    public async Task<AgreementGrant?> FindAsync(Guid agreementId, ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null)
        {
            return null;
        }

        var memberships = await db.Memberships.AsNoTracking()
            .Where(m => m.AgreementId == agreementId && m.UserId == userId)
            .ToListAsync(ct);
        var isAdministrator = user.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole);
        if (memberships.Count == 0 && !isAdministrator)
        {
            // The national secretariat sees every regional declination of its agreement (art. 3 and 4), as a reader.
            var overseen = await (from a in db.Agreements
                                  join m in db.Memberships on a.NationalAgreementId equals m.AgreementId
                                  where a.Id == agreementId && m.UserId == userId && m.Role == AgreementRole.Secretariat
                                  select a.Id).AnyAsync(ct);
            return overseen ? new AgreementGrant(agreementId, false, [Membership.NationalOverseer(agreementId, userId)]) : null;
        }

        if (memberships.Count == 0 && !await db.Agreements.AnyAsync(a => a.Id == agreementId, ct))
        {
            return null;
        }

        return new AgreementGrant(agreementId, isAdministrator, memberships);
    }

    /// <summary>The agreements the caller may see: those with a membership, or all for an administrator.</summary>
    public IQueryable<Guid> VisibleAgreementIds(ClaimsPrincipal user)
    {
        if (user.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole))
        {
            return db.Agreements.Select(a => a.Id);
        }

        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var secretariats = db.Memberships.Where(m => m.UserId == userId && m.Role == AgreementRole.Secretariat).Select(m => m.AgreementId);
        return db.Memberships.Where(m => m.UserId == userId).Select(m => m.AgreementId)
            .Union(db.Agreements.Where(a => a.NationalAgreementId != null && secretariats.Contains(a.NationalAgreementId.Value)).Select(a => a.Id));
    }
}
