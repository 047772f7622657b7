using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Data;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Agreements;

/// <summary>
/// The use cases on an agreement, shared by the pages and the API: load, call the domain, save.
/// Each takes the version the caller saw, so that a concurrent change is reported instead of overwritten.
/// </summary>
public sealed class AgreementCommands(CopilDbContext db, AgreementReader reader, TimeProvider clock, Reporting.ReportingQueries reporting)
{
    public static readonly DomainError Conflict = DomainError.Conflict("La convention a été modifiée par quelqu'un d'autre pendant que vous travailliez : vos saisies sont conservées ci-dessous ; vérifiez la version à jour puis enregistrez à nouveau.");

    public static readonly DomainError NotFound = DomainError.NotFound("Cette convention n'existe pas.");

    public DateOnly Today => clock.TodayInParis();

    public async Task<Result<Agreement>> CreateAsync(AgreementDetails details, AgreementTerms terms, CancellationToken ct = default)
    {
        var created = Agreement.Create(details, terms, Today);
        if (created.IsFailure)
        {
            return created;
        }

        if (await db.Agreements.AnyAsync(a => a.Reference == created.Value.Reference, ct))
        {
            return DuplicateReference;
        }

        db.Agreements.Add(created.Value);
        return await SaveAsync(created.Value, ct);
    }

    /// <param name="terms">The corrected terms, or null to keep the current ones.</param>
    public Task<Result<Agreement>> CorrectAsync(Guid id, int? expectedVersion, AgreementDetails details, AgreementTerms? terms, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, async agreement =>
        {
            if (details.Reference.Trim() != agreement.Reference
                && await db.Agreements.AnyAsync(a => a.Reference == details.Reference.Trim() && a.Id != id, ct))
            {
                return DuplicateReference;
            }

            if (agreement.NationalAgreementId is { } nationalId && await reader.LoadAsync(nationalId, ct) is { } national)
            {
                // A declination stays within the national term and keeps the national value of every term it does not override.
                var outside = Agreement.CheckWithinNationalTerm(national, details).ToList();
                if (outside.Count > 0)
                {
                    return Result<Agreement>.Failure(outside);
                }

                var corrected = agreement.Correct(details, terms ?? agreement.Terms, Today);
                agreement.InheritTerms(national.Terms);
                return corrected.IsSuccess ? agreement : Result<Agreement>.Failure(corrected.Errors);
            }

            var result = agreement.Correct(details, terms ?? agreement.Terms, Today);
            if (result.IsSuccess)
            {
                // The national terms reach its declinations, saved with it, except the terms each overrides.
                foreach (var declinationId in await db.Agreements.Where(a => a.NationalAgreementId == id).Select(a => a.Id).ToListAsync(ct))
                {
                    (await reader.LoadAsync(declinationId, ct))?.InheritTerms(agreement.Terms);
                }
            }

            return result.IsSuccess ? agreement : Result<Agreement>.Failure(result.Errors);
        }, ct);

    /// <summary>
    /// Declines a national agreement in a région académique (art. 3 and 4); the person who creates it holds its secretariat
    /// until they hand it over to the regional one.
    /// </summary>
    public async Task<Result<Agreement>> DeclineAsync(
        Guid nationalId, AgreementDetails details, string? regionCode, AgreementTerms? ownTerms, IReadOnlyCollection<string>? overridden, string creatorUserId, CancellationToken ct = default)
    {
        var national = await reader.LoadAsync(nationalId, ct);
        if (national is null)
        {
            return NotFound;
        }

        var declined = Agreement.Decline(national, details, regionCode, ownTerms ?? national.Terms, overridden ?? [], Today);
        if (declined.IsFailure)
        {
            return declined;
        }

        if (await db.Agreements.AnyAsync(a => a.Reference == declined.Value.Reference, ct))
        {
            return DuplicateReference;
        }

        db.Agreements.Add(declined.Value);
        var membership = Domain.Access.Membership.Create(declined.Value, creatorUserId, Domain.Access.AgreementRole.Secretariat, null, null, null, []);
        if (membership.IsSuccess)
        {
            db.Memberships.Add(membership.Value);
        }

        return await SaveAsync(declined.Value, ct);
    }

    /// <summary>The regional declinations of a national agreement, by region.</summary>
    public async Task<List<Agreement>> DeclinationsAsync(Guid nationalId, CancellationToken ct = default) =>
        [.. (await reader.LoadManyAsync(db.Agreements.Where(a => a.NationalAgreementId == nationalId).Select(a => a.Id), ct)).OrderBy(a => a.RegionCode).ThenBy(a => a.Reference)];

    public Task<Result<Party>> AddPartyAsync(Guid id, int? expectedVersion, PartyKind kind, string name, string shortName, string? directorate, string? directorateName, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, a => Task.FromResult(a.AddParty(kind, name, shortName, directorate, directorateName)), ct);

    public Task<Result<Signatory>> AddSignatoryAsync(Guid id, int? expectedVersion, Guid partyId, string name, string role, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, a => Task.FromResult(a.AddSignatory(partyId, name, role)), ct);

    public Task<Result<CooperationAxis>> AddAxisAsync(Guid id, int? expectedVersion, string title, string article, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, a => Task.FromResult(a.AddAxis(title, article)), ct);

    public Task<Result<CommitteeSeat>> AddSeatAsync(Guid id, int? expectedVersion, Guid partyId, string holder, string? substitute, int weight, bool isBoardMember, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, a => Task.FromResult(a.AddSeat(partyId, holder, substitute, weight, isBoardMember)), ct);

    public Task<Result<CommitteeSeat>> UpdateSeatAsync(Guid id, int? expectedVersion, Guid seatId, string holder, string? substitute, int weight, bool isBoardMember, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, a =>
        {
            var result = a.UpdateSeat(seatId, holder, substitute, weight, isBoardMember);
            return Task.FromResult(result.IsSuccess ? a.Seats.First(s => s.Id == seatId) : Result<CommitteeSeat>.Failure(result.Errors));
        }, ct);

    public Task<Result<CommitteeInvitee>> AddInviteeAsync(Guid id, int? expectedVersion, string name, string organisation, string capacity, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, a => Task.FromResult(a.AddInvitee(name, organisation, capacity)), ct);

    public Task<Result<Agreement>> SetCastingVoteAsync(Guid id, int? expectedVersion, Guid? seatId, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, a =>
        {
            var result = a.SetCastingVote(seatId);
            return Task.FromResult(result.IsSuccess ? a : Result<Agreement>.Failure(result.Errors));
        }, ct);

    /// <summary>Sets a year's ceiling; one below what the year already committed is refused with the amounts (art. 16).</summary>
    public Task<Result<Agreement>> SetYearlyCeilingAsync(Guid id, int? expectedVersion, int year, long amountCents, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, async a =>
        {
            var figures = await reporting.FiguresAsync(id, year, ct);
            var result = a.SetYearlyCeiling(year, amountCents, figures.Sum(f => f.CommittedCents));
            return result.IsSuccess ? a : Result<Agreement>.Failure(result.Errors);
        }, ct);

    public Task<Result<Agreement>> DeclareVoidAsync(Guid id, int? expectedVersion, DateOnly on, string reason, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, a =>
        {
            var result = a.DeclareVoid(on, reason, Today);
            return Task.FromResult(result.IsSuccess ? a : Result<Agreement>.Failure(result.Errors));
        }, ct);

    public Task<Result<Amendment>> AmendAsync(Guid id, int? expectedVersion, AmendmentRequest request, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, a => Task.FromResult(a.Amend(request, Today)), ct);

    public Task<Result<Termination>> RecordTerminationAsync(Guid id, int? expectedVersion, Guid partyId, DateOnly receivedOn, DateOnly? requestedEffectiveOn, string? reason, CancellationToken ct = default) =>
        ExecuteAsync(id, expectedVersion, a => Task.FromResult(a.RecordTermination(partyId, receivedOn, requestedEffectiveOn, reason, Today)), ct);

    private static readonly DomainError DuplicateReference = new("agreement.reference.duplicate", "Une autre convention porte déjà cette référence.", nameof(AgreementDetails.Reference));

    private async Task<Result<T>> ExecuteAsync<T>(Guid id, int? expectedVersion, Func<Agreement, Task<Result<T>>> change, CancellationToken ct)
    {
        var agreement = await reader.LoadAsync(id, ct);
        if (agreement is null)
        {
            return NotFound;
        }

        if (expectedVersion is { } expected && expected != agreement.Version)
        {
            return Conflict;
        }

        var result = await change(agreement);
        if (result.IsFailure)
        {
            return result;
        }

        var saved = await SaveAsync(agreement, ct);
        return saved.IsSuccess ? result : Result<T>.Failure(saved.Errors);
    }

    private async Task<Result<Agreement>> SaveAsync(Agreement agreement, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return agreement;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict;
        }
        catch (DbUpdateException)
        {
            // Two creations with the same reference raced past the check: the unique index caught the second.
            db.ChangeTracker.Clear();
            if (await db.Agreements.AsNoTracking().AnyAsync(a => a.Reference == agreement.Reference && a.Id != agreement.Id, ct))
            {
                return DuplicateReference;
            }

            throw;
        }
    }
}
