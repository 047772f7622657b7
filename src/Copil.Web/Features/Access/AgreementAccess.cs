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
        if (memberships.Count == 0 && !(isAdministrator && await db.Agreements.AnyAsync(a => a.Id == agreementId, ct)))
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
        return db.Memberships.Where(m => m.UserId == userId).Select(m => m.AgreementId).Distinct();
    }
}
