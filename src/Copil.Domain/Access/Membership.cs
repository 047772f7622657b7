using Copil.Domain.Agreements;
using Copil.Domain.Common;

namespace Copil.Domain.Access;

/// <summary>A person's role in one agreement. Without a membership, the agreement does not exist for them.</summary>
public sealed class Membership
{
    private Membership() { }

    public Guid Id { get; private set; }

    public Guid AgreementId { get; private set; }

    /// <summary>The account's identifier (ASP.NET Core Identity user id).</summary>
    public string UserId { get; private set; } = "";

    public AgreementRole Role { get; private set; }

    /// <summary>The seat of a committee member.</summary>
    public Guid? SeatId { get; private set; }

    /// <summary>The ministry a reviewing directorate reviews for.</summary>
    public Guid? PartyId { get; private set; }

    /// <summary>The organisation of an action carrier.</summary>
    public string? Organisation { get; private set; }

    /// <summary>
    /// What the national secretariat holds in a regional declination of its agreement: it sees it, as a reader (art. 3
    /// and 4). Never stored: derived from its national membership at each request.
    /// </summary>
    public static Membership NationalOverseer(Guid declinationId, string userId) =>
        new() { Id = Guid.Empty, AgreementId = declinationId, UserId = userId, Role = AgreementRole.Reader };

    public static Result<Membership> Create(Agreement agreement, string userId, AgreementRole role, Guid? seatId, Guid? partyId, string? organisation, IEnumerable<Membership> existing)
    {
        var errors = new List<DomainError>();
        if (string.IsNullOrWhiteSpace(userId))
        {
            errors.Add(new("membership.user", "Choisissez une personne.", "UserId"));
        }

        if (!Enum.IsDefined(role))
        {
            errors.Add(new("membership.role", "Choisissez un rôle.", "Role"));
        }

        if (role == AgreementRole.CommitteeMember)
        {
            if (seatId is not { } seat || agreement.Seats.All(s => s.Id != seat))
            {
                errors.Add(new("membership.seat", "Un membre du comité de pilotage occupe un siège de cette convention : choisissez-le.", "SeatId"));
            }
        }
        else
        {
            seatId = null;
        }

        if (role == AgreementRole.ReviewingDirectorate)
        {
            if (partyId is not { } party || agreement.Parties.FirstOrDefault(p => p.Id == party) is not { IsState: true })
            {
                errors.Add(new("membership.party", "Une direction relectrice relit pour un ministère signataire : choisissez-le.", "PartyId"));
            }
        }
        else
        {
            partyId = null;
        }

        if (role == AgreementRole.ActionCarrier)
        {
            if (string.IsNullOrWhiteSpace(organisation) || organisation.Trim().Length > 200)
            {
                errors.Add(new("membership.organisation", "Indiquez l'organisme du porteur d'action (200 caractères au plus).", "Organisation"));
            }
        }
        else
        {
            organisation = null;
        }

        if (errors.Count == 0 && existing.Any(m => m.UserId == userId && m.Role == role && m.SeatId == seatId && m.PartyId == partyId))
        {
            errors.Add(new("membership.duplicate", "Cette personne a déjà ce rôle dans cette convention.", "Role"));
        }

        if (errors.Count > 0)
        {
            return Result<Membership>.Failure(errors);
        }

        return new Membership
        {
            Id = Guid.NewGuid(),
            AgreementId = agreement.Id,
            UserId = userId,
            Role = role,
            SeatId = seatId,
            PartyId = partyId,
            Organisation = organisation?.Trim(),
        };
    }
}
