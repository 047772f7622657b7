using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.DueDates;
using Copil.Domain.Materials;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.DueDates;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Materials;

/// <summary>The register of art. 10 (loans, donations, access to resources), shared by the pages and the API.</summary>
public sealed class MaterialCommands(CopilDbContext db, AgreementReader agreements, TimeProvider clock)
{
    public static readonly DomainError NotFound = DomainError.NotFound("Ce prêt ou cette dotation n'existe pas.");

    public static readonly DomainError Conflict = DomainError.Conflict("Cette ligne a été modifiée par quelqu'un d'autre entre-temps : rechargez la page.");

    public DateOnly Today => clock.TodayInParis();

    public Task<List<MaterialSupport>> ListAsync(Guid agreementId, CancellationToken ct = default) =>
        db.Set<MaterialSupport>().AsNoTracking().Where(m => m.AgreementId == agreementId).OrderByDescending(m => m.StartsOn).ThenBy(m => m.Establishment).ToListAsync(ct);

    public async Task<MaterialFigures> FiguresAsync(Guid agreementId, int year, CancellationToken ct = default)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return MaterialFigures.Of(year, await db.Set<MaterialSupport>().AsNoTracking().Where(m => m.AgreementId == agreementId && m.StartsOn >= from && m.StartsOn <= to).ToListAsync(ct), Today);
    }

    /// <summary>The secretariat records any; a carrier only for an action of its own.</summary>
    public async Task<Result<MaterialSupport>> RecordAsync(Guid agreementId, AgreementGrant grant, Actor actor, MaterialSupportInput input, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return AgreementCommands.NotFound;
        }

        var errors = new List<DomainError>();
        var seesAll = ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator);
        if (input.ActionSheetId is { } sheetId)
        {
            var sheet = await db.ActionSheets.AsNoTracking().Where(s => s.Id == sheetId && s.AgreementId == agreementId).Select(s => new { s.CarrierOrganisation }).FirstOrDefaultAsync(ct);
            if (sheet is null || !(seesAll || ActionSheetAccess.CarriedOrganisations(grant.Memberships).Contains(sheet.CarrierOrganisation, StringComparer.OrdinalIgnoreCase)))
            {
                errors.Add(new("material.action", "Choisissez une action de la convention que vous portez.", "ActionSheetId"));
            }
        }
        else if (!seesAll)
        {
            errors.Add(new("material.action.required", "Rattachez le prêt ou la dotation à l'une de vos actions.", "ActionSheetId"));
        }

        var recorded = MaterialSupport.Record(agreement, input, actor.Name);
        if (recorded.IsFailure || errors.Count > 0)
        {
            return Result<MaterialSupport>.Failure([.. recorded.Errors, .. errors]);
        }

        db.Add(recorded.Value);
        await db.SaveChangesAsync(ct);
        return recorded;
    }

    public async Task<Result<MaterialSupport>> ReturnAsync(Guid agreementId, Guid id, AgreementGrant grant, DateOnly? on, int? version, CancellationToken ct = default)
    {
        var support = await db.Set<MaterialSupport>().FirstOrDefaultAsync(m => m.Id == id && m.AgreementId == agreementId, ct);
        if (support is null)
        {
            return NotFound;
        }

        if (!ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator))
        {
            var sheetCarrier = support.ActionSheetId is { } sid ? await db.ActionSheets.AsNoTracking().Where(s => s.Id == sid).Select(s => s.CarrierOrganisation).FirstOrDefaultAsync(ct) : null;
            if (sheetCarrier is null || !ActionSheetAccess.CarriedOrganisations(grant.Memberships).Contains(sheetCarrier, StringComparer.OrdinalIgnoreCase))
            {
                return DomainError.Forbidden("material.forbidden", "Seul le secrétariat, ou le porteur de l'action, enregistre ce retour.");
            }
        }

        if (support.Version != version)
        {
            return Conflict;
        }

        var result = support.MarkReturned(on);
        if (result.IsFailure)
        {
            return Result<MaterialSupport>.Failure(result.Errors);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return support;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict;
        }
    }
}

/// <summary>The échéancier's dates of art. 10: loans due back.</summary>
public sealed class MaterialDueDates(CopilDbContext db) : IDueDateProvider
{
    public async Task<IReadOnlyList<DueItem>> ForAgreementsAsync(IReadOnlyList<Agreement> agreements, DateOnly today, DueScope scope, CancellationToken ct)
    {
        var ids = agreements.Select(a => a.Id).ToList();
        var loans = (await db.Set<MaterialSupport>().AsNoTracking().Where(m => ids.Contains(m.AgreementId) && m.ReturnDueOn != null && m.ReturnedOn == null).ToListAsync(ct)).ToLookup(m => m.AgreementId);
        return [.. agreements.SelectMany(a => MaterialSupport.DueDates(a, loans[a.Id]))];
    }
}
