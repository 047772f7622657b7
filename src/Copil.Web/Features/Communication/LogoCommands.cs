using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Communication;
using Copil.Domain.Notifications;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Notifications;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Communication;

/// <summary>A request for a ministry's logo: the ministry, the materials, the period wanted; the organisation only when the secretariat asks for a partner.</summary>
public sealed record LogoRequestInput(Guid MinistryPartyId, IReadOnlyList<LogoMaterialInput>? Materials, DateOnly? WantedFrom, DateOnly? WantedUntil, string? Organisation = null);

/// <summary>The ministry's decision: grant with a period (end date mandatory, art. 11), or refuse with a reason.</summary>
public sealed record LogoDecisionInput(bool Grant, DateOnly? ValidFrom, DateOnly? ValidUntil, string? Conditions, string? Reason, int? Version);

/// <summary>A declared use of a ministry's logo on a material, from a day, until a day or still running.</summary>
public sealed record LogoUseInput(Guid MinistryPartyId, string? MaterialTitle, Guid? ActionSheetId, Guid? AuthorizationId, DateOnly? From, DateOnly? Until);

/// <summary>A sheet as the register names it.</summary>
public sealed record SheetRef(Guid Id, int Number, string Title, string CarrierOrganisation)
{
    public string Label => $"n° {Number} — {Title}";
}

/// <summary>A use with what the rule of art. 11 says of it today.</summary>
public sealed record AssessedUse(LogoUse Use, LogoCoverage Coverage);

/// <summary>What one person sees of an agreement's logo register.</summary>
public sealed record LogoRegister(Agreement Agreement, IReadOnlyList<LogoAuthorization> Authorisations, IReadOnlyList<AssessedUse> Uses, IReadOnlyDictionary<Guid, SheetRef> Sheets, DateOnly Today)
{
    public IEnumerable<AssessedUse> Risks => Uses.Where(u => !u.Coverage.Covered);

    public string MinistryName(Guid partyId) => Agreement.PartyById(partyId)?.ShortName ?? "ministère";
}

/// <summary>
/// The use cases of art. 11, shared by the pages and the API: ask for a ministry's logo, the ministry's decision, the
/// declared uses and whether an authorisation covers them. Who may see and do what is decided here, once.
/// </summary>
public sealed class LogoCommands(CopilDbContext db, AgreementReader agreements, TimeProvider clock, Notifier notifier, SheetRefs sheetRefs, Attachments.UploadCheck uploads, Attachments.FileStore files)
{
    public static readonly DomainError NotFound = DomainError.NotFound("Cette demande d'autorisation n'existe pas.");

    public static readonly DomainError Conflict = DomainError.Conflict("La demande a été modifiée par quelqu'un d'autre entre-temps : vos saisies sont conservées ; vérifiez la version à jour puis enregistrez à nouveau.");

    public DateOnly Today => clock.TodayInParis();

    /// <summary>
    /// Need to know: every role but a pure action carrier sees the whole register (it is the agreement's compliance); a
    /// carrier sees what it asked or declared, and what concerns its own organisation's actions.
    /// </summary>
    public async Task<LogoRegister?> RegisterAsync(Guid agreementId, AgreementGrant grant, Actor actor, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return null;
        }

        var authorisations = await db.LogoAuthorizations.AsNoTracking().Where(a => a.AgreementId == agreementId).OrderByDescending(a => a.Number).ToListAsync(ct);
        var uses = await db.LogoUses.AsNoTracking().Where(u => u.AgreementId == agreementId).OrderByDescending(u => u.From).ThenBy(u => u.MaterialTitle).ToListAsync(ct);
        var sheets = await sheetRefs.OfAsync(agreementId, authorisations.SelectMany(a => a.Materials.SelectMany(m => m.ActionSheetIds))
            .Concat(uses.Where(u => u.ActionSheetId is not null).Select(u => u.ActionSheetId!.Value)), ct);
        var today = Today;
        var assessed = uses.Select(u => new AssessedUse(u, LogoCoverageRule.Assess(u, authorisations, agreement.PartyById(u.MinistryPartyId)?.ShortName ?? "ministère", today))).ToList();
        if (!SeesWholeRegister(grant))
        {
            var mine = OwnSheets(grant, sheets);
            authorisations = [.. authorisations.Where(a => a.RequestedByUserId == actor.UserId || a.Materials.Any(m => m.ActionSheetIds.Any(mine.Contains)))];
            assessed = [.. assessed.Where(u => u.Use.DeclaredByUserId == actor.UserId || (u.Use.ActionSheetId is { } s && mine.Contains(s)))];
        }

        return new LogoRegister(agreement, authorisations, assessed, sheets, today);
    }

    public async Task<LogoAuthorization?> FindAsync(Guid agreementId, Guid authorisationId, AgreementGrant grant, Actor actor, CancellationToken ct = default)
    {
        var register = await RegisterAsync(agreementId, grant, actor, ct);
        return register?.Authorisations.FirstOrDefault(a => a.Id == authorisationId);
    }

    /// <summary>The uses of an agreement that no authorisation covers today: a risk of caducité (art. 11).</summary>
    public async Task<IReadOnlyList<AssessedUse>> RisksAsync(Agreement agreement, CancellationToken ct = default)
    {
        var uses = await db.LogoUses.AsNoTracking().Where(u => u.AgreementId == agreement.Id).ToListAsync(ct);
        if (uses.Count == 0)
        {
            return [];
        }

        var authorisations = await db.LogoAuthorizations.AsNoTracking().Where(a => a.AgreementId == agreement.Id).ToListAsync(ct);
        return [.. uses.Select(u => new AssessedUse(u, LogoCoverageRule.Assess(u, authorisations, agreement.PartyById(u.MinistryPartyId)?.ShortName ?? "ministère", Today)))
            .Where(u => !u.Coverage.Covered)];
    }

    public async Task<Result<LogoAuthorization>> RequestAsync(Guid agreementId, AgreementGrant grant, Actor actor, LogoRequestInput input, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return AgreementCommands.NotFound;
        }

        var materials = input.Materials ?? [];
        var sheets = await sheetRefs.OfAsync(agreementId, materials.SelectMany(m => m.ActionSheetIds ?? []), ct);
        var errors = new List<DomainError>();
        var own = OwnSheets(grant, sheets);
        for (var i = 0; i < materials.Count; i++)
        {
            foreach (var sheetId in materials[i].ActionSheetIds ?? [])
            {
                if (!sheets.ContainsKey(sheetId) || !(ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator) || own.Contains(sheetId)))
                {
                    errors.Add(new("logo.material.action", "Choisissez une action de la convention que vous portez.", $"Materials[{i}].ActionSheetIds"));
                }
            }
        }

        var organisation = RequestingOrganisation(agreement, grant, input.Organisation);
        for (var attempt = 0; ; attempt++)
        {
            var number = (await db.LogoAuthorizations.Where(a => a.AgreementId == agreementId).MaxAsync(a => (int?)a.Number, ct) ?? 0) + 1;
            var requested = LogoAuthorization.Request(agreement, number, input.MinistryPartyId, materials, input.WantedFrom, input.WantedUntil, actor.UserId, actor.Name, organisation, Today);
            if (requested.IsFailure || errors.Count > 0)
            {
                return Result<LogoAuthorization>.Failure([.. requested.Errors, .. errors]);
            }

            var authorisation = requested.Value;
            db.LogoAuthorizations.Add(authorisation);
            var ministry = agreement.PartyById(authorisation.MinistryPartyId)!;
            await notifier.NotifyAsync(
                new Notice($"logo-request:{authorisation.Id}", agreementId, agreement.Reference, NoticeKind.Event,
                    $"Demande d'autorisation d'usage du logo du {ministry.ShortName} (n° {authorisation.Number})",
                    $"{organisation} demande l'autorisation d'utiliser le logo du {ministry.ShortName} sur {FrenchText.Plural(authorisation.Materials.Count, "support", "supports")}, du {FrenchText.Date(authorisation.WantedFrom)} au {FrenchText.Date(authorisation.WantedUntil)}. L'autorisation, expresse et écrite, précise sa durée (art. 11).",
                    notifier.Url(PathOf(authorisation))),
                await notifier.MembersAsync(agreementId, m => m.Role == AgreementRole.ReviewingDirectorate && m.PartyId == authorisation.MinistryPartyId, ct), ct);
            try
            {
                await db.SaveChangesAsync(ct);
                return authorisation;
            }
            catch (DbUpdateException) when (attempt < 2)
            {
                // Two requests raced for the same number: take the next one.
                db.ChangeTracker.Clear();
            }
        }
    }

    /// <summary>The ministry's directorate (or a platform administrator) decides; the requester and the secretariat are told.</summary>
    public async Task<Result<LogoAuthorization>> DecideAsync(Guid agreementId, Guid authorisationId, AgreementGrant grant, Actor actor, LogoDecisionInput input, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var authorisation = await db.LogoAuthorizations.FirstOrDefaultAsync(a => a.Id == authorisationId && a.AgreementId == agreementId, ct);
        if (agreement is null || authorisation is null)
        {
            return NotFound;
        }

        if (!ActionSheetAccess.SpeaksFor(grant.Memberships, grant.IsAdministrator, authorisation.MinistryPartyId))
        {
            return DomainError.Forbidden("logo.not-your-ministry", $"Seul le {agreement.PartyById(authorisation.MinistryPartyId)?.ShortName} autorise l'usage de son logo : vous n'êtes pas habilité à répondre pour lui.");
        }

        if (authorisation.Version != input.Version)
        {
            return Conflict;
        }

        var result = input.Grant
            ? authorisation.Grant(agreement, input.ValidFrom, input.ValidUntil, input.Conditions, actor.Name, Today)
            : authorisation.Refuse(input.Reason, actor.Name, Today);
        if (result.IsFailure)
        {
            return Result<LogoAuthorization>.Failure(result.Errors);
        }

        var ministry = agreement.PartyById(authorisation.MinistryPartyId)!.ShortName;
        var body = input.Grant
            ? $"Le {ministry} autorise l'usage de son logo sur les supports de la demande n° {authorisation.Number}, du {FrenchText.Date(authorisation.ValidFrom!.Value)} au {FrenchText.Date(authorisation.ValidUntil!.Value)}. Hors de cette période, le logo ne peut pas être utilisé (art. 11)."
            : $"Le {ministry} refuse l'usage de son logo (demande n° {authorisation.Number}) : {authorisation.RefusalReason}";
        await notifier.NotifyAsync(
            new Notice($"logo-decision:{authorisation.Id}", agreementId, agreement.Reference, NoticeKind.Event,
                input.Grant ? $"Logo du {ministry} : autorisation n° {authorisation.Number} accordée" : $"Logo du {ministry} : demande n° {authorisation.Number} refusée",
                body, notifier.Url(PathOf(authorisation))),
            await notifier.MembersAsync(agreementId, m => m.UserId == authorisation.RequestedByUserId || m.Role == AgreementRole.Secretariat, ct), ct);
        return await SaveAsync(authorisation, ct);
    }

    /// <summary>The requester (or the secretariat) withdraws a request the ministry has not decided.</summary>
    public async Task<Result<LogoAuthorization>> WithdrawAsync(Guid agreementId, Guid authorisationId, AgreementGrant grant, Actor actor, int? version, CancellationToken ct = default)
    {
        var authorisation = await db.LogoAuthorizations.FirstOrDefaultAsync(a => a.Id == authorisationId && a.AgreementId == agreementId, ct);
        if (authorisation is null || !(authorisation.RequestedByUserId == actor.UserId || grant.Can(AgreementPermission.SteerActions)))
        {
            return authorisation is null ? NotFound : DomainError.Forbidden("logo.withdraw.not-yours", "Seul le demandeur, ou le secrétariat, retire une demande.");
        }

        if (authorisation.Version != version)
        {
            return Conflict;
        }

        var result = authorisation.Withdraw(Today);
        return result.IsFailure ? Result<LogoAuthorization>.Failure(result.Errors) : await SaveAsync(authorisation, ct);
    }

    /// <summary>
    /// Records a use of a ministry's logo. Recorded even when nothing covers it (what was typed is kept); then the
    /// secretariat and the ministry are alerted at once: the agreement risks being void (art. 11).
    /// </summary>
    public async Task<Result<AssessedUse>> DeclareUseAsync(Guid agreementId, AgreementGrant grant, Actor actor, LogoUseInput input, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return AgreementCommands.NotFound;
        }

        var sheets = await sheetRefs.OfAsync(agreementId, input.ActionSheetId is { } named ? [named] : [], ct);
        var errors = new List<DomainError>();
        if (input.ActionSheetId is { } sheetId && (!sheets.ContainsKey(sheetId)
            || !(ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator) || OwnSheets(grant, sheets).Contains(sheetId))))
        {
            errors.Add(new("logo-use.action", "Choisissez une action de la convention que vous portez.", "ActionSheetId"));
        }

        var authorisations = await db.LogoAuthorizations.AsNoTracking().Where(a => a.AgreementId == agreementId).ToListAsync(ct);
        if (input.AuthorizationId is { } authorisationId && authorisations.All(a => a.Id != authorisationId))
        {
            errors.Add(new("logo-use.authorisation", "Cette autorisation n'existe pas dans cette convention.", "AuthorizationId"));
        }

        var declared = LogoUse.Declare(agreement, input.MinistryPartyId, input.MaterialTitle, input.ActionSheetId, input.AuthorizationId, input.From, input.Until, actor.UserId, actor.Name, Today);
        if (declared.IsFailure || errors.Count > 0)
        {
            return Result<AssessedUse>.Failure([.. declared.Errors, .. errors]);
        }

        var use = declared.Value;
        db.LogoUses.Add(use);
        var ministry = agreement.PartyById(use.MinistryPartyId)!.ShortName;
        var coverage = LogoCoverageRule.Assess(use, authorisations, ministry, Today);
        if (!coverage.Covered)
        {
            await notifier.NotifyAsync(
                new Notice($"logo-use-uncovered:{use.Id}", agreementId, agreement.Reference, NoticeKind.Event,
                    $"Logo du {ministry} utilisé sans autorisation valide : risque de caducité (art. 11)",
                    $"{use.DeclaredBy} a déclaré l'usage du logo du {ministry} sur « {use.MaterialTitle} » à partir du {FrenchText.Date(use.From)}. {coverage.Finding} L'usage des logos ministériels sans autorisation expresse et écrite rend la convention caduque (art. 11).",
                    notifier.Url($"/conventions/{agreementId}/logos"), Statutory: true),
                await notifier.MembersAsync(agreementId, m => m.Role == AgreementRole.Secretariat || (m.Role == AgreementRole.ReviewingDirectorate && m.PartyId == use.MinistryPartyId), ct), ct);
        }

        await db.SaveChangesAsync(ct);
        return new AssessedUse(use, coverage);
    }

    /// <summary>Records the last day of a use (the material is withdrawn), by its declarer or the secretariat.</summary>
    public async Task<Result<LogoUse>> EndUseAsync(Guid agreementId, Guid useId, AgreementGrant grant, Actor actor, DateOnly? until, int? version, CancellationToken ct = default)
    {
        var use = await db.LogoUses.FirstOrDefaultAsync(u => u.Id == useId && u.AgreementId == agreementId, ct);
        if (use is null || !(use.DeclaredByUserId == actor.UserId || grant.Can(AgreementPermission.SteerActions)))
        {
            return use is null ? DomainError.NotFound("Cet usage n'existe pas.") : DomainError.Forbidden("logo-use.not-yours", "Seul le déclarant, ou le secrétariat, met fin à un usage.");
        }

        if (use.Version != version)
        {
            return Conflict;
        }

        var result = use.End(until);
        if (result.IsFailure)
        {
            return Result<LogoUse>.Failure(result.Errors);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return use;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict;
        }
    }

    /// <summary>
    /// Keeps the ministry's signed letter with a granted authorisation (art. 11: written authorisation): uploaded by the
    /// ministry's directorate or the secretariat, checked like every upload (type, size, antivirus).
    /// </summary>
    public async Task<Result<LogoAuthorization>> AttachSignedLetterAsync(Guid agreementId, Guid authorisationId, AgreementGrant grant, string declaredName, Stream content, long declaredLength, int? version, CancellationToken ct = default)
    {
        var authorisation = await db.LogoAuthorizations.FirstOrDefaultAsync(a => a.Id == authorisationId && a.AgreementId == agreementId, ct);
        if (authorisation is null)
        {
            return NotFound;
        }

        if (!grant.Can(AgreementPermission.SteerActions) && !ActionSheetAccess.SpeaksFor(grant.Memberships, grant.IsAdministrator, authorisation.MinistryPartyId))
        {
            return DomainError.Forbidden("logo.letter.forbidden", "La lettre signée est déposée par le ministère qui autorise, ou par le secrétariat.");
        }

        if (authorisation.Version != version)
        {
            return Conflict;
        }

        if (declaredLength > Attachments.FileInspector.MaxBytes)
        {
            return new DomainError("file.size", "Le fichier dépasse 10 Mo.", "File");
        }

        using var buffer = new MemoryStream();
        await content.CopyToAsync(buffer, ct);
        var bytes = buffer.ToArray();
        var inspected = await uploads.InspectAsync(bytes, declaredName, ct);
        if (inspected.IsFailure)
        {
            return Result<LogoAuthorization>.Failure(inspected.Errors);
        }

        var fileId = Guid.NewGuid();
        var attached = authorisation.AttachSignedLetter(fileId, Attachments.FileInspector.SafeName(declaredName, inspected.Value.Extension), inspected.Value.ContentType);
        if (attached.IsFailure)
        {
            return Result<LogoAuthorization>.Failure(attached.Errors);
        }

        files.Add(fileId, bytes);
        return await SaveAsync(authorisation, ct);
    }

    public Task<Stream?> OpenSignedLetterAsync(LogoAuthorization authorisation, CancellationToken ct = default) =>
        authorisation.SignedLetterAttachmentId is { } id ? files.OpenAsync(id, ct) : Task.FromResult<Stream?>(null);

    public static string PathOf(LogoAuthorization a) => $"/conventions/{a.AgreementId}/logos/{a.Id}";

    public static bool SeesWholeRegister(AgreementGrant grant) =>
        grant.IsAdministrator || grant.Memberships.Any(m => m.Role != AgreementRole.ActionCarrier);

    private async Task<Result<LogoAuthorization>> SaveAsync(LogoAuthorization authorisation, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return authorisation;
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict;
        }
    }

    private static HashSet<Guid> OwnSheets(AgreementGrant grant, IReadOnlyDictionary<Guid, SheetRef> sheets)
    {
        var organisations = ActionSheetAccess.CarriedOrganisations(grant.Memberships);
        return [.. sheets.Values.Where(s => organisations.Contains(s.CarrierOrganisation, StringComparer.OrdinalIgnoreCase)).Select(s => s.Id)];
    }

    /// <summary>A carrier asks for its organisation; the secretariat for the organisation it names, by default the agreement's partner.</summary>
    private static string RequestingOrganisation(Agreement agreement, AgreementGrant grant, string? named)
    {
        if (ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator) && !string.IsNullOrWhiteSpace(named) && !SaneInput.HasControlCharacter(named, multiline: false))
        {
            return named.Trim().Length > 300 ? named.Trim()[..300] : named.Trim();
        }

        var carried = ActionSheetAccess.CarriedOrganisations(grant.Memberships);
        return (carried.Count > 0 ? carried[0] : null)
            ?? agreement.Parties.FirstOrDefault(p => !p.IsState)?.ShortName
            ?? "Secrétariat";
    }
}
