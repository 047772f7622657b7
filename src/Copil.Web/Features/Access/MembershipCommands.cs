using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Access;

/// <summary>A membership as lists show it.</summary>
public sealed record MembershipView(Guid Id, string UserId, string Email, string DisplayName, AgreementRole Role, Guid? SeatId, Guid? PartyId, string? Organisation);

/// <summary>Grants and withdraws roles in an agreement (pages and API).</summary>
public sealed class MembershipCommands(CopilDbContext db, Features.Agreements.AgreementReader agreements)
{
    public Task<List<MembershipView>> ListAsync(Guid agreementId, CancellationToken ct = default) =>
        (from m in db.Memberships
         join u in db.Users on m.UserId equals u.Id
         where m.AgreementId == agreementId
         orderby m.Role, u.DisplayName
         select new MembershipView(m.Id, u.Id, u.Email ?? "", u.DisplayName, m.Role, m.SeatId, m.PartyId, m.Organisation))
        .AsNoTracking().ToListAsync(ct);

    public async Task<Result<Membership>> GrantAsync(Guid agreementId, string email, AgreementRole role, Guid? seatId, Guid? partyId, string? organisation, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return Features.Agreements.AgreementCommands.NotFound;
        }

        var normalized = (email ?? "").Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (userId is null)
        {
            return new DomainError("membership.unknown-user", "Aucun compte n'existe avec cette adresse électronique.", "Email");
        }

        var existing = await db.Memberships.Where(m => m.AgreementId == agreementId && m.UserId == userId).ToListAsync(ct);
        var created = Membership.Create(agreement, userId, role, seatId, partyId, organisation, existing);
        if (created.IsFailure)
        {
            return created;
        }

        db.Memberships.Add(created.Value);
        await db.SaveChangesAsync(ct);
        return created;
    }

    public async Task<bool> WithdrawAsync(Guid agreementId, Guid membershipId, CancellationToken ct = default)
    {
        var membership = await db.Memberships.FirstOrDefaultAsync(m => m.Id == membershipId && m.AgreementId == agreementId, ct);
        if (membership is null)
        {
            return false;
        }

        db.Memberships.Remove(membership);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
