using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Communication;
using Copil.Domain.DigitalTools;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Communication;
using Copil.Web.Features.DigitalTools;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

public sealed record LogoAuthorizationDto(
    Guid Id, int Number, Guid MinistryPartyId, string Ministry, IReadOnlyList<LogoMaterial> Materials, DateOnly WantedFrom, DateOnly WantedUntil,
    string RequestedBy, string RequestingOrganisation, DateOnly RequestedOn, LogoAuthorizationStatus Status, DateOnly? ValidFrom, DateOnly? ValidUntil,
    string? Conditions, string? RefusalReason, DateOnly? DecidedOn, string? DecidedBy, LogoValidity ValidityToday, string ValidityLabel, int Version,
    string? SignedLetterFileName = null)
{
    public static LogoAuthorizationDto From(LogoAuthorization a, Agreement agreement, DateOnly today) => new(
        a.Id, a.Number, a.MinistryPartyId, agreement.PartyById(a.MinistryPartyId)?.ShortName ?? "", a.Materials, a.WantedFrom, a.WantedUntil,
        a.RequestedBy, a.RequestingOrganisation, a.RequestedOn, a.Status, a.ValidFrom, a.ValidUntil, a.Conditions, a.RefusalReason, a.DecidedOn, a.DecidedBy,
        a.ValidityOn(today), LogoAuthorization.ValidityLabel(a.ValidityOn(today)), a.Version, a.SignedLetterFileName);
}

/// <summary>A declared use of a logo and what art. 11 says of it today: <c>covered</c>, by which authorisation, or why not.</summary>
public sealed record LogoUseDto(
    Guid Id, Guid MinistryPartyId, string Ministry, string MaterialTitle, Guid? ActionSheetId, Guid? AuthorizationId, DateOnly From, DateOnly? Until,
    DateOnly DeclaredOn, string DeclaredBy, bool Covered, Guid? CoveredBy, string Finding, int Version)
{
    public static LogoUseDto Of(AssessedUse u, Agreement agreement) => new(
        u.Use.Id, u.Use.MinistryPartyId, agreement.PartyById(u.Use.MinistryPartyId)?.ShortName ?? "", u.Use.MaterialTitle, u.Use.ActionSheetId, u.Use.AuthorizationId,
        u.Use.From, u.Use.Until, u.Use.DeclaredOn, u.Use.DeclaredBy, u.Coverage.Covered, u.Coverage.Covered ? u.Coverage.AuthorizationId : null, u.Coverage.Finding, u.Use.Version);
}

public sealed record UseEndInput(DateOnly? Until, int? Version);

public sealed record ToolApprovalDto(Guid MinistryPartyId, string Ministry, ToolVerdict Verdict, int SheetsRevision, bool OnCurrentSheets, DateOnly On, string By, string? Comment);

/// <summary>A digital tool; <c>missing</c> lists what still stands between it and going online (art. 12).</summary>
public sealed record DigitalToolDto(
    Guid Id, Guid ActionSheetId, string ActionSheet, string Name, string? Description, string? Address, DateOnly DeclaredOn, string DeclaredBy,
    GdprSheet Gdpr, bool GdprComplete, AlgorithmSheet Algorithm, bool AlgorithmComplete, int SheetsRevision, IReadOnlyList<ToolApprovalDto> Approvals,
    DateOnly? OnlineOn, bool WentOnlineWithoutApproval, DigitalToolStatus Status, string StatusLabel, IReadOnlyList<ProblemEntry> Missing, int Version)
{
    public static DigitalToolDto From(ToolView v, Agreement agreement) => new(
        v.Tool.Id, v.Tool.ActionSheetId, v.Sheet.Label, v.Tool.Name, v.Tool.Description, v.Tool.Address, v.Tool.DeclaredOn, v.Tool.DeclaredBy,
        v.Tool.Gdpr, v.Tool.Gdpr.IsComplete, v.Tool.Algorithm, v.Tool.Algorithm.IsComplete, v.Tool.SheetsRevision,
        [.. v.Tool.Approvals.Select(a => new ToolApprovalDto(a.MinistryPartyId, agreement.PartyById(a.MinistryPartyId)?.ShortName ?? "", a.Verdict, a.SheetsRevision, a.SheetsRevision == v.Tool.SheetsRevision, a.On, a.By, a.Comment))],
        v.Tool.OnlineOn, v.Tool.WentOnlineWithoutApproval, v.Status, DigitalTool.StatusLabel(v.Status),
        [.. v.Missing.Select(e => new ProblemEntry(e.Code, e.Message, e.Field is null ? null : ApiSupport.JsonPath(e.Field)))], v.Tool.Version);
}

public sealed record ContactDto(
    Guid Id, Copil.Domain.Relays.ContactKind Kind, Guid? PartyId, string Represents, string Name, string Function, string Service, string? Establishment,
    string? Email, string? Phone, string RegionCode, string Region, DateOnly AddedOn, DateOnly? InformedOn)
{
    public static ContactDto From(Copil.Domain.Relays.Contact c, Agreement a) => new(
        c.Id, c.Kind, c.PartyId, Features.Relays.ContactCommands.Represents(a, c), c.Name, c.Function, c.Service, c.Establishment, c.Email, c.Phone, c.RegionCode, c.TerritoryName, c.AddedOn, c.InformedOn);
}

public sealed record RelayDto(Guid Id, string Network, DateOnly On, string Means, string RecordedBy);

public sealed record RelayInput(string? Network, DateOnly? On, string? Means);

public sealed record MaterialSupportDto(
    Guid Id, Copil.Domain.Materials.MaterialSupportKind Kind, string KindLabel, string Description, string Establishment, string? RegionCode, Guid FromPartyId,
    long ValueCents, DateOnly StartsOn, DateOnly? ReturnDueOn, DateOnly? ReturnedOn, Guid? ActionSheetId, string RecordedBy, int Version)
{
    public static MaterialSupportDto From(Copil.Domain.Materials.MaterialSupport m) => new(
        m.Id, m.Kind, Copil.Domain.Materials.MaterialSupport.KindLabel(m.Kind), m.Description, m.Establishment, m.RegionCode, m.FromPartyId, m.ValueCents, m.StartsOn, m.ReturnDueOn, m.ReturnedOn, m.ActionSheetId, m.RecordedBy, m.Version);
}

public sealed record ReturnInput(DateOnly? On, int? Version);

public sealed record GdprSheetInput(GdprSheet? Sheet, int? Version);

public sealed record AlgorithmSheetInput(AlgorithmSheet? Sheet, int? Version);

public sealed record VersionOnlyInput(int? Version);

/// <summary>
/// /api/v1/agreements/{id}/logo-authorizations, /logo-uses and /digital-tools: the agreement's own rules of art. 11 and
/// 12, through the same use cases and permissions as the pages.
/// </summary>
public static class AgreementRulesApi
{
    private const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static void MapAgreementRulesApi(this RouteGroupBuilder api)
    {
        var logos = api.MapGroup("/agreements/{id:guid}/logo-authorizations").WithTags("Logos (art. 11)");
        logos.MapGet("", ListAuthorisationsAsync).RequireAgreement(AgreementPermission.View).WithSummary("Le registre des autorisations d'usage des logos ministériels");
        logos.MapPost("", RequestAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Demander l'autorisation d'utiliser le logo d'un ministère sur des supports, pour une période");
        logos.MapGet("/{authorisationId:guid}", GetAuthorisationAsync).RequireAgreement(AgreementPermission.View).WithSummary("Une demande ou autorisation");
        logos.MapPost("/{authorisationId:guid}/decision", DecideAsync).RequireAgreement(AgreementPermission.GiveOpinions)
            .WithSummary("Accorder (avec dates de début et de fin, obligatoires) ou refuser (avec un motif), pour le ministère dont on relève");
        logos.MapPost("/{authorisationId:guid}/withdrawal", WithdrawAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Retirer une demande non encore décidée");
        logos.MapPost("/{authorisationId:guid}/signed-letter", AttachSignedLetterAsync).RequireAgreement(AgreementPermission.View)
            .WithSummary("Déposer la lettre signée du ministère (multipart/form-data : « file », « version ») ; le ministère qui autorise ou le secrétariat");
        logos.MapGet("/{authorisationId:guid}/signed-letter", SignedLetterAsync).RequireAgreement(AgreementPermission.View).WithSummary("La lettre signée déposée")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream");
        logos.MapGet("/{authorisationId:guid}/letter", LetterAsync).RequireAgreement(AgreementPermission.View).WithSummary("La lettre d'autorisation (format=pdf ou docx)")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", Docx);

        var uses = api.MapGroup("/agreements/{id:guid}/logo-uses").WithTags("Logos (art. 11)");
        uses.MapGet("", ListUsesAsync).RequireAgreement(AgreementPermission.View).WithSummary("Les usages déclarés des logos et leur couverture par une autorisation ce jour");
        uses.MapPost("", DeclareUseAsync).RequireAgreement(AgreementPermission.CarryActions)
            .WithSummary("Déclarer l'usage d'un logo ; enregistré même non couvert, le secrétariat et le ministère sont alors alertés (risque de caducité)");
        uses.MapPost("/{useId:guid}/end", EndUseAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Enregistrer le dernier jour d'un usage");

        var declinations = api.MapGroup("/agreements/{id:guid}/declinations").WithTags("Déclinaisons régionales (art. 3 et 4)");
        declinations.MapGet("", DeclinationsAsync).RequireAgreement(AgreementPermission.View).WithSummary("Les déclinaisons régionales d'une convention nationale");
        declinations.MapPost("", DeclineAsync).RequireAgreement(AgreementPermission.EditAgreement)
            .WithSummary("Décliner la convention dans une région académique, dans sa durée ; les termes non repris suivent la convention nationale");

        var contacts = api.MapGroup("/agreements/{id:guid}/contacts").WithTags("Relais et contacts (art. 11)");
        contacts.MapGet("", ContactsAsync).RequireAgreement(AgreementPermission.View).WithSummary("L'annuaire des représentants régionaux et des contacts de l'enseignement supérieur, filtrable par régions (region=28,11)");
        contacts.MapPost("", AddContactAsync).RequireAgreement(AgreementPermission.View)
            .WithSummary("Ajouter une personne (secrétariat, directions des ministères) ; elle en est informée par courriel (RGPD, art. 14)");
        contacts.MapDelete("/{contactId:guid}", EraseContactAsync).RequireAgreement(AgreementPermission.View).WithSummary("Effacer une personne à sa demande (RGPD, art. 17)");
        contacts.MapGet("/export", ExportContactsAsync).RequireAgreement(AgreementPermission.View).WithSummary("Exporter l'annuaire (format=csv ou vcf), filtrable par régions")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv", "text/vcard");
        var relays = api.MapGroup("/agreements/{id:guid}/action-sheets/{sheetId:guid}/relays").WithTags("Relais et contacts (art. 11)");
        relays.MapGet("", RelaysAsync).RequireAgreement(AgreementPermission.ViewActionSheets).WithSummary("Les relais d'une action dans les réseaux des signataires");
        relays.MapPost("", RecordRelayAsync).RequireAgreement(AgreementPermission.ViewActionSheets).WithSummary("Enregistrer qu'un réseau a relayé l'action : lequel, quand, comment");

        var materials = api.MapGroup("/agreements/{id:guid}/material-supports").WithTags("Matériels et documentation (art. 10)");
        materials.MapGet("", MaterialsAsync).RequireAgreement(AgreementPermission.View).WithSummary("Les prêts, dotations et accès aux ressources");
        materials.MapPost("", RecordMaterialAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Enregistrer un prêt (avec sa date de retour) ou une dotation");
        materials.MapPost("/{supportId:guid}/return", ReturnMaterialAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Enregistrer le retour d'un prêt");

        var tools = api.MapGroup("/agreements/{id:guid}/digital-tools").WithTags("Outils numériques (art. 12)");
        tools.MapGet("", ListToolsAsync).RequireAgreement(AgreementPermission.View).WithSummary("Le registre des outils numériques financés");
        tools.MapPost("", DeclareToolAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Déclarer un outil numérique, rattaché à l'action qui le finance");
        tools.MapGet("/{toolId:guid}", GetToolAsync).RequireAgreement(AgreementPermission.View).WithSummary("Un outil, ses fiches, les réponses des ministères et ce qui manque avant sa mise en ligne");
        tools.MapPut("/{toolId:guid}", DescribeToolAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Modifier le nom, la description, l'adresse");
        tools.MapPut("/{toolId:guid}/gdpr-sheet", GdprSheetAsync).RequireAgreement(AgreementPermission.CarryActions)
            .WithSummary("Enregistrer la fiche RGPD (incomplète possible) ; un changement demande à nouveau l'accord des ministères");
        tools.MapPut("/{toolId:guid}/algorithm-sheet", AlgorithmSheetAsync).RequireAgreement(AgreementPermission.CarryActions)
            .WithSummary("Enregistrer la fiche de transparence des algorithmes ; un changement demande à nouveau l'accord des ministères");
        tools.MapPost("/{toolId:guid}/answers", AnswerAsync).RequireAgreement(AgreementPermission.GiveOpinions).WithSummary("Accord ou refus du ministère dont on relève, sur les fiches à jour");
        tools.MapPost("/{toolId:guid}/online", GoOnlineAsync).RequireAgreement(AgreementPermission.CarryActions)
            .WithSummary("Enregistrer la mise en ligne : refusée, avec la liste de ce qui manque, tant que les fiches ne sont pas complètes et approuvées par chaque ministère");
        tools.MapPost("/{toolId:guid}/found-online", FoundOnlineAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Constater qu'un outil est en ligne : sans l'accord des ministères, il est enregistré non conforme");
        tools.MapPost("/{toolId:guid}/offline", OfflineAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Enregistrer que l'outil n'est plus en ligne");
        tools.MapGet("/{toolId:guid}/sheets", ToolSheetsAsync).RequireAgreement(AgreementPermission.View).WithSummary("Les fiches RGPD et de transparence (format=pdf ou docx)")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", Docx);
    }

    private static async Task<Results<Ok<List<AgreementDto>>, Refusal>> DeclinationsAsync(Guid id, AgreementCommands commands, CancellationToken ct) =>
        TypedResults.Ok((await commands.DeclinationsAsync(id, ct)).Select(a => AgreementDto.From(a, commands.Today)).ToList());

    private static async Task<Results<Created<AgreementDto>, Refusal>> DeclineAsync(Guid id, DeclinationInput input, HttpContext http, AgreementCommands commands, CancellationToken ct)
    {
        var details = new AgreementDetails { Reference = input.Reference ?? "", Title = input.Title ?? "", SignedOn = input.SignedOn, SignedAt = input.SignedAt, TermMonths = input.TermMonths ?? 0 };
        var result = await commands.DeclineAsync(id, details, input.RegionCode, input.Terms, input.OverriddenTerms, Actor.Of(http.User).UserId, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{result.Value.Id}", AgreementDto.From(result.Value, commands.Today))
            : new Refusal(result.Errors);
    }

    private static async Task<Ok<List<MaterialSupportDto>>> MaterialsAsync(Guid id, Features.Materials.MaterialCommands commands, CancellationToken ct) =>
        TypedResults.Ok((await commands.ListAsync(id, ct)).Select(MaterialSupportDto.From).ToList());

    private static async Task<Results<Created<MaterialSupportDto>, Refusal>> RecordMaterialAsync(Guid id, Copil.Domain.Materials.MaterialSupportInput input, HttpContext http, Features.Materials.MaterialCommands commands, CancellationToken ct)
    {
        var result = await commands.RecordAsync(id, http.Grant(), Actor.Of(http.User), input, ct);
        return result.IsSuccess ? TypedResults.Created($"/api/v1/agreements/{id}/material-supports/{result.Value.Id}", MaterialSupportDto.From(result.Value)) : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<MaterialSupportDto>, Refusal>> ReturnMaterialAsync(Guid id, Guid supportId, ReturnInput input, HttpContext http, Features.Materials.MaterialCommands commands, CancellationToken ct)
    {
        var result = await commands.ReturnAsync(id, supportId, http.Grant(), input.On, input.Version, ct);
        return result.IsSuccess ? TypedResults.Ok(MaterialSupportDto.From(result.Value)) : new Refusal(result.Errors);
    }

    private static async Task<Ok<List<ContactDto>>> ContactsAsync(Guid id, string? region, Features.Relays.ContactCommands commands, AgreementReader reader, CancellationToken ct)
    {
        var agreement = (await reader.LoadAsync(id, ct))!;
        return TypedResults.Ok((await commands.ListAsync(id, region, ct)).Select(c => ContactDto.From(c, agreement)).ToList());
    }

    private static async Task<Results<Created<ContactDto>, Refusal>> AddContactAsync(Guid id, Copil.Domain.Relays.ContactInput input, HttpContext http, Features.Relays.ContactCommands commands, AgreementReader reader, CancellationToken ct)
    {
        var result = await commands.AddAsync(id, http.Grant(), Actor.Of(http.User), input, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/contacts/{result.Value.Id}", ContactDto.From(result.Value, (await reader.LoadAsync(id, ct))!))
            : new Refusal(result.Errors);
    }

    private static async Task<Results<NoContent, Refusal>> EraseContactAsync(Guid id, Guid contactId, HttpContext http, Features.Relays.ContactCommands commands, CancellationToken ct)
    {
        var result = await commands.EraseAsync(id, contactId, http.Grant(), ct);
        return result.IsSuccess ? TypedResults.NoContent() : new Refusal(result.Errors);
    }

    private static async Task<Results<FileContentHttpResult, Refusal>> ExportContactsAsync(Guid id, string? format, string? region, Features.Relays.ContactCommands commands, AgreementReader reader, CancellationToken ct)
    {
        if (format is not (null or "csv" or "vcf"))
        {
            return new Refusal([new DomainError("format", "Formats possibles : csv ou vcf.", "Format")]);
        }

        var agreement = (await reader.LoadAsync(id, ct))!;
        var list = await commands.ListAsync(id, region, ct);
        return format == "vcf"
            ? TypedResults.File(Features.Relays.ContactCommands.VCards(agreement, list), "text/vcard", "contacts.vcf")
            : TypedResults.File(Features.Relays.ContactCommands.Csv(agreement, list), "text/csv", "contacts.csv");
    }

    private static async Task<Results<Ok<List<RelayDto>>, Refusal>> RelaysAsync(Guid id, Guid sheetId, HttpContext http, Features.Relays.RelayCommands commands, CancellationToken ct)
    {
        var result = await commands.VisibleForSheetAsync(id, sheetId, http.Grant(), ct);
        return result.IsSuccess ? TypedResults.Ok(result.Value.Select(r => new RelayDto(r.Id, r.Network, r.On, r.Means, r.RecordedBy)).ToList()) : new Refusal(result.Errors);
    }

    private static async Task<Results<Created<RelayDto>, Refusal>> RecordRelayAsync(Guid id, Guid sheetId, RelayInput input, HttpContext http, Features.Relays.RelayCommands commands, CancellationToken ct)
    {
        var result = await commands.RecordAsync(id, sheetId, http.Grant(), Actor.Of(http.User), input.Network, input.On, input.Means, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/action-sheets/{sheetId}/relays", new RelayDto(result.Value.Id, result.Value.Network, result.Value.On, result.Value.Means, result.Value.RecordedBy))
            : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<List<LogoAuthorizationDto>>, Refusal>> ListAuthorisationsAsync(Guid id, HttpContext http, LogoCommands commands, CancellationToken ct) =>
        await commands.RegisterAsync(id, http.Grant(), Actor.Of(http.User), ct) is { } register
            ? TypedResults.Ok(register.Authorisations.Select(a => LogoAuthorizationDto.From(a, register.Agreement, register.Today)).ToList())
            : new Refusal([AgreementCommands.NotFound]);

    private static async Task<Results<Ok<LogoAuthorizationDto>, Refusal>> GetAuthorisationAsync(Guid id, Guid authorisationId, HttpContext http, LogoCommands commands, CancellationToken ct) =>
        await commands.RegisterAsync(id, http.Grant(), Actor.Of(http.User), ct) is { } register && register.Authorisations.FirstOrDefault(a => a.Id == authorisationId) is { } found
            ? TypedResults.Ok(LogoAuthorizationDto.From(found, register.Agreement, register.Today))
            : new Refusal([LogoCommands.NotFound]);

    private static async Task<Results<Created<LogoAuthorizationDto>, Refusal>> RequestAsync(Guid id, LogoRequestInput input, HttpContext http, LogoCommands commands, AgreementReader reader, CancellationToken ct)
    {
        var result = await commands.RequestAsync(id, http.Grant(), Actor.Of(http.User), input, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/logo-authorizations/{result.Value.Id}", LogoAuthorizationDto.From(result.Value, (await reader.LoadAsync(id, ct))!, commands.Today))
            : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<LogoAuthorizationDto>, Refusal>> DecideAsync(Guid id, Guid authorisationId, LogoDecisionInput input, HttpContext http, LogoCommands commands, AgreementReader reader, CancellationToken ct) =>
        await OkAsync(await commands.DecideAsync(id, authorisationId, http.Grant(), Actor.Of(http.User), input, ct), id, commands, reader, ct);

    private static async Task<Results<Ok<LogoAuthorizationDto>, Refusal>> WithdrawAsync(Guid id, Guid authorisationId, VersionOnlyInput input, HttpContext http, LogoCommands commands, AgreementReader reader, CancellationToken ct) =>
        await OkAsync(await commands.WithdrawAsync(id, authorisationId, http.Grant(), Actor.Of(http.User), input.Version, ct), id, commands, reader, ct);

    private static async Task<Results<Ok<LogoAuthorizationDto>, Refusal>> OkAsync(Result<LogoAuthorization> result, Guid id, LogoCommands commands, AgreementReader reader, CancellationToken ct) =>
        result.IsSuccess ? TypedResults.Ok(LogoAuthorizationDto.From(result.Value, (await reader.LoadAsync(id, ct))!, commands.Today)) : new Refusal(result.Errors);

    private static async Task<Results<Ok<LogoAuthorizationDto>, Refusal>> AttachSignedLetterAsync(Guid id, Guid authorisationId, HttpContext http, LogoCommands commands, AgreementReader reader, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return new Refusal([new DomainError("file.form", "Envoyez la lettre dans un formulaire multipart/form-data (champs « file » et « version »).", "File")]);
        }

        var form = await http.Request.ReadFormAsync(ct);
        if (form.Files["file"] is not { } file)
        {
            return new Refusal([new DomainError("file.missing", "Joignez la lettre (champ « file » d'un formulaire multipart).", "File")]);
        }

        if (!int.TryParse(form["version"].FirstOrDefault(), System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            return new Refusal([new DomainError("version.required", "Indiquez la version de l'autorisation que vous complétez (champ « version »).", "Version")]);
        }

        await using var stream = file.OpenReadStream();
        return await OkAsync(await commands.AttachSignedLetterAsync(id, authorisationId, http.Grant(), file.FileName, stream, file.Length, version, ct), id, commands, reader, ct);
    }

    private static async Task<Results<FileStreamHttpResult, Refusal>> SignedLetterAsync(Guid id, Guid authorisationId, HttpContext http, LogoCommands commands, CancellationToken ct)
    {
        var register = await commands.RegisterAsync(id, http.Grant(), Actor.Of(http.User), ct);
        if (register?.Authorisations.FirstOrDefault(a => a.Id == authorisationId) is not { } found || await commands.OpenSignedLetterAsync(found, ct) is not { } content)
        {
            return new Refusal([DomainError.NotFound("Aucune lettre signée n'a été déposée pour cette autorisation.")]);
        }

        return TypedResults.File(content, found.SignedLetterContentType ?? "application/octet-stream", found.SignedLetterFileName);
    }

    private static async Task<Results<FileContentHttpResult, Refusal>> LetterAsync(Guid id, Guid authorisationId, string? format, HttpContext http, LogoCommands commands, CancellationToken ct)
    {
        if (format is not (null or "pdf" or "docx"))
        {
            return new Refusal([new DomainError("format", "Formats possibles : pdf ou docx.", "Format")]);
        }

        var register = await commands.RegisterAsync(id, http.Grant(), Actor.Of(http.User), ct);
        if (register?.Authorisations.FirstOrDefault(a => a.Id == authorisationId) is not { } found)
        {
            return new Refusal([LogoCommands.NotFound]);
        }

        var doc = Documents.AgreementRulesDocuments.AuthorisationLetter(register.Agreement, found, register.Sheets, register.Today);
        return format == "docx"
            ? TypedResults.File(Documents.DocxRenderer.Render(doc), Docx, $"autorisation-logo-{found.Number}.docx")
            : TypedResults.File(Documents.PdfRenderer.Render(doc), "application/pdf", $"autorisation-logo-{found.Number}.pdf");
    }

    private static async Task<Results<Ok<List<LogoUseDto>>, Refusal>> ListUsesAsync(Guid id, HttpContext http, LogoCommands commands, CancellationToken ct) =>
        await commands.RegisterAsync(id, http.Grant(), Actor.Of(http.User), ct) is { } register
            ? TypedResults.Ok(register.Uses.Select(u => LogoUseDto.Of(u, register.Agreement)).ToList())
            : new Refusal([AgreementCommands.NotFound]);

    private static async Task<Results<Created<LogoUseDto>, Refusal>> DeclareUseAsync(Guid id, LogoUseInput input, HttpContext http, LogoCommands commands, AgreementReader reader, CancellationToken ct)
    {
        var result = await commands.DeclareUseAsync(id, http.Grant(), Actor.Of(http.User), input, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/logo-uses/{result.Value.Use.Id}", LogoUseDto.Of(result.Value, (await reader.LoadAsync(id, ct))!))
            : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<LogoUseDto>, Refusal>> EndUseAsync(Guid id, Guid useId, UseEndInput input, HttpContext http, LogoCommands commands, CancellationToken ct)
    {
        var result = await commands.EndUseAsync(id, useId, http.Grant(), Actor.Of(http.User), input.Until, input.Version, ct);
        if (result.IsFailure)
        {
            return new Refusal(result.Errors);
        }

        var register = (await commands.RegisterAsync(id, http.Grant(), Actor.Of(http.User), ct))!;
        return TypedResults.Ok(LogoUseDto.Of(register.Uses.First(u => u.Use.Id == useId), register.Agreement));
    }

    private static async Task<Results<Ok<List<DigitalToolDto>>, Refusal>> ListToolsAsync(Guid id, HttpContext http, DigitalToolCommands commands, CancellationToken ct) =>
        await commands.ListAsync(id, http.Grant(), null, ct) is { } list
            ? TypedResults.Ok(list.Tools.Select(t => DigitalToolDto.From(t, list.Agreement)).ToList())
            : new Refusal([AgreementCommands.NotFound]);

    private static async Task<Results<Ok<DigitalToolDto>, Refusal>> GetToolAsync(Guid id, Guid toolId, HttpContext http, DigitalToolCommands commands, AgreementReader reader, CancellationToken ct) =>
        await commands.FindAsync(id, toolId, http.Grant(), ct) is { } found
            ? TypedResults.Ok(DigitalToolDto.From(found, (await reader.LoadAsync(id, ct))!))
            : new Refusal([DigitalToolCommands.NotFound]);

    private static async Task<Results<Created<DigitalToolDto>, Refusal>> DeclareToolAsync(Guid id, ToolDeclarationInput input, HttpContext http, DigitalToolCommands commands, AgreementReader reader, CancellationToken ct)
    {
        var result = await commands.DeclareAsync(id, http.Grant(), Actor.Of(http.User), input, ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/digital-tools/{result.Value.Tool.Id}", DigitalToolDto.From(result.Value, (await reader.LoadAsync(id, ct))!))
            : new Refusal(result.Errors);
    }

    private static async Task<Results<Ok<DigitalToolDto>, Refusal>> DescribeToolAsync(Guid id, Guid toolId, ToolDetailsInput input, HttpContext http, DigitalToolCommands commands, AgreementReader reader, CancellationToken ct) =>
        await ToolOkAsync(await commands.DescribeAsync(id, toolId, http.Grant(), input, ct), id, reader, ct);

    private static async Task<Results<Ok<DigitalToolDto>, Refusal>> GdprSheetAsync(Guid id, Guid toolId, GdprSheetInput input, HttpContext http, DigitalToolCommands commands, AgreementReader reader, CancellationToken ct) =>
        await ToolOkAsync(await commands.UpdateGdprSheetAsync(id, toolId, http.Grant(), input.Sheet ?? new(), input.Version, ct), id, reader, ct);

    private static async Task<Results<Ok<DigitalToolDto>, Refusal>> AlgorithmSheetAsync(Guid id, Guid toolId, AlgorithmSheetInput input, HttpContext http, DigitalToolCommands commands, AgreementReader reader, CancellationToken ct) =>
        await ToolOkAsync(await commands.UpdateAlgorithmSheetAsync(id, toolId, http.Grant(), input.Sheet ?? new(), input.Version, ct), id, reader, ct);

    private static async Task<Results<Ok<DigitalToolDto>, Refusal>> AnswerAsync(Guid id, Guid toolId, ToolAnswerInput input, HttpContext http, DigitalToolCommands commands, AgreementReader reader, CancellationToken ct) =>
        await ToolOkAsync(await commands.AnswerAsync(id, toolId, http.Grant(), Actor.Of(http.User), input, ct), id, reader, ct);

    private static async Task<Results<Ok<DigitalToolDto>, Refusal>> GoOnlineAsync(Guid id, Guid toolId, ToolOnlineInput input, HttpContext http, DigitalToolCommands commands, AgreementReader reader, CancellationToken ct) =>
        await ToolOkAsync(await commands.GoOnlineAsync(id, toolId, http.Grant(), Actor.Of(http.User), input, ct), id, reader, ct);

    private static async Task<Results<Ok<DigitalToolDto>, Refusal>> FoundOnlineAsync(Guid id, Guid toolId, ToolOnlineInput input, HttpContext http, DigitalToolCommands commands, AgreementReader reader, CancellationToken ct) =>
        await ToolOkAsync(await commands.RecordFoundOnlineAsync(id, toolId, http.Grant(), Actor.Of(http.User), input, ct), id, reader, ct);

    private static async Task<Results<Ok<DigitalToolDto>, Refusal>> OfflineAsync(Guid id, Guid toolId, VersionOnlyInput input, HttpContext http, DigitalToolCommands commands, AgreementReader reader, CancellationToken ct) =>
        await ToolOkAsync(await commands.TakeOfflineAsync(id, toolId, http.Grant(), input.Version, ct), id, reader, ct);

    private static async Task<Results<Ok<DigitalToolDto>, Refusal>> ToolOkAsync(Result<ToolView> result, Guid id, AgreementReader reader, CancellationToken ct) =>
        result.IsSuccess ? TypedResults.Ok(DigitalToolDto.From(result.Value, (await reader.LoadAsync(id, ct))!)) : new Refusal(result.Errors);

    private static async Task<Results<FileContentHttpResult, Refusal>> ToolSheetsAsync(Guid id, Guid toolId, string? format, HttpContext http, DigitalToolCommands commands, AgreementReader reader, CancellationToken ct)
    {
        if (format is not (null or "pdf" or "docx"))
        {
            return new Refusal([new DomainError("format", "Formats possibles : pdf ou docx.", "Format")]);
        }

        if (await commands.FindAsync(id, toolId, http.Grant(), ct) is not { } found)
        {
            return new Refusal([DigitalToolCommands.NotFound]);
        }

        var doc = Documents.AgreementRulesDocuments.ToolSheets((await reader.LoadAsync(id, ct))!, found.Tool, found.Sheet, commands.Today);
        return format == "docx"
            ? TypedResults.File(Documents.DocxRenderer.Render(doc), Docx, $"outil-numerique-fiches.docx")
            : TypedResults.File(Documents.PdfRenderer.Render(doc), "application/pdf", $"outil-numerique-fiches.pdf");
    }
}
