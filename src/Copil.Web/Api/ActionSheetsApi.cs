using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Features.ActionSheets;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

public sealed record ActionSheetInput(string? CarrierOrganisation, ActionSheetContent Content);

public sealed record ContentInput(ActionSheetContent Content, int? Version);

public sealed record VersionInput(int? Version);

/// <summary>A ministry's opinion; <c>givenOn</c> is the real date of an opinion given before it is entered (history), empty for today.</summary>
public sealed record OpinionInput(Guid PartyId, OpinionVerdict Verdict, string? Recommendations, string? Comment, int? Version, DateOnly? GivenOn = null);

/// <summary>An opinion corrected with its reason, while the committee has not decided on the sheet.</summary>
public sealed record OpinionCorrectionInput(Guid PartyId, OpinionVerdict Verdict, string? Recommendations, string? Comment, string? Reason, int? Version);

public sealed record ReasonInput(string? Reason, int? Version);

public sealed record CommitteeDecisionInput(CommitteeOutcome Outcome, DateOnly DecidedOn, string? Reference, int? Version);

public sealed record BoardDecisionInput(BoardOutcome Outcome, DateOnly DecidedOn, string? Reference, int? Version);

public sealed record DateInput(DateOnly On, int? Version);

public sealed record ChangeInput(ActionSheetContent Content, string? Reason, int? Version);

public sealed record ReportInput(CompletionReportContent Content, int? Version);

public sealed record AttachmentDto(Guid Id, string FileName, string ContentType, long Size, string Sha256, string Description, DateTime UploadedAtUtc, string UploadedBy)
{
    public static AttachmentDto From(Features.Attachments.Attachment a) => new(a.Id, a.FileName, a.ContentType, a.Size, a.Sha256, a.Description, a.UploadedAtUtc, a.UploadedBy);
}

/// <summary>An opinion: <c>recordedOn</c> when it was entered after the day it was given (« saisi a posteriori »), its corrections with their reasons.</summary>
public sealed record OpinionDto(
    Guid Id, int VersionNumber, Guid PartyId, string Party, OpinionVerdict Verdict, string? Recommendations, string? Comment, DateOnly GivenOn, DateOnly? RecordedOn, IReadOnlyList<Copil.Domain.Common.Correction> Corrections);

public sealed record CommitteeDecisionDto(Guid Id, int VersionNumber, CommitteeOutcome Outcome, DateOnly DecidedOn, string Reference, string SourceKind, Guid? VoteId, IReadOnlyList<Copil.Domain.Common.Correction> Corrections);

/// <summary>A committee decision recorded by the secretariat, corrected with its reason.</summary>
public sealed record DecisionCorrectionInput(CommitteeOutcome Outcome, string? Reason, int? Version);

public sealed record BoardDecisionDto(int VersionNumber, BoardOutcome Outcome, DateOnly DecidedOn, string Reference, DateOnly? ReportedToCommitteeOn, IReadOnlyList<Copil.Domain.Common.Correction> Corrections);

/// <summary>The board's decision as recorded, corrected with its reason.</summary>
public sealed record BoardCorrectionInput(BoardOutcome Outcome, string? Reason, int? Version);

public sealed record ChangeRequestDto(int VersionNumber, string Reason, DateOnly RequestedOn, ChangeRequestStatus Status, DateOnly? DecidedOn);

public sealed record VersionDto(int Number, VersionPurpose Purpose, DateOnly? SubmittedOn, ActionSheetContent Content);

/// <summary>A change proposed to an approved sheet, not in force until the committee decides (art. 15).</summary>
public sealed record PendingChangeDto(int VersionNumber, string Reason, DateOnly RequestedOn, ActionSheetContent Content);

/// <summary>
/// An action sheet. <c>content</c> is the version in force — the approved one, or while none is approved the one being
/// drafted or reviewed; <c>pendingChange</c> is what a carrier proposes to change, until the committee decides.
/// </summary>
public sealed record ActionSheetDto(
    Guid Id, int Number, string CarrierOrganisation, ActionStatus Status, string StatusLabel, int Version, int? ApprovedVersionNumber,
    ActionSheetContent Content, PendingChangeDto? PendingChange, IReadOnlyList<string> AwaitedOpinions, IReadOnlyList<OpinionDto> Opinions,
    IReadOnlyList<CommitteeDecisionDto> CommitteeDecisions, IReadOnlyList<BoardDecisionDto> BoardDecisions, IReadOnlyList<ChangeRequestDto> ChangeRequests,
    IReadOnlyList<VersionDto> Versions, CompletionReportContent? Report, DateOnly? ReportSubmittedOn, DateOnly? ReportAcceptedOn, long? AmountDueCents)
{
    public static ActionSheetDto From(ActionSheet s, Copil.Domain.Agreements.Agreement a) => new(
        s.Id, s.Number, s.CarrierOrganisation, s.Status, ActionLabels.Status(s.Status), s.Version, s.ApprovedVersionNumber,
        s.EffectiveContent,
        s.PendingChange is { } change ? new PendingChangeDto(change.VersionNumber, change.Reason, change.RequestedOn, s.Versions.First(v => v.Number == change.VersionNumber).Content) : null,
        [.. s.AwaitedOpinions(a).Select(p => p.ShortName)],
        [.. s.Opinions.Select(o => new OpinionDto(o.Id, o.VersionNumber, o.PartyId, a.PartyById(o.PartyId)?.ShortName ?? "", o.Verdict, o.Recommendations, o.Comment, o.GivenOn, o.RecordedOn, o.Corrections))],
        [.. s.CommitteeDecisions.Select(d => new CommitteeDecisionDto(d.Id, d.VersionNumber, d.Outcome, d.DecidedOn, d.Reference, d.SourceKind, d.VoteId, d.Corrections))],
        [.. s.BoardDecisions.Select(d => new BoardDecisionDto(d.VersionNumber, d.Outcome, d.DecidedOn, d.Reference, d.ReportedToCommitteeOn, d.Corrections))],
        [.. s.ChangeRequests.Select(c => new ChangeRequestDto(c.VersionNumber, c.Reason, c.RequestedOn, c.Status, c.DecidedOn))],
        [.. s.Versions.Select(v => new VersionDto(v.Number, v.Purpose, v.SubmittedOn, v.Content))],
        s.Report?.Content, s.Report?.SubmittedOn, s.Report?.AcceptedOn, s.Report?.AmountDueCents);
}

/// <summary>/api/v1/agreements/{id}/action-sheets: the life of an action, with the same rules and permissions as the pages.</summary>
public static class ActionSheetsApi
{
    public static void MapActionSheetsApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}/action-sheets").WithTags("Fiches action");

        group.MapGet("", ListAsync).RequireAgreement(AgreementPermission.ViewActionSheets)
            .WithSummary("Les fiches action visibles, filtrées, triées (number, title, status, start, amount) et paginées par 50");
        group.MapPost("", DraftAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Créer une fiche action (brouillon, éventuellement incomplet)");
        group.MapGet("/export", ExportAsync).RequireAgreement(AgreementPermission.ViewActionSheets).WithSummary("Exporter la liste filtrée (format=csv ou xlsx)")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        group.MapGet("/{sheetId:guid}/document", DocumentAsync).RequireAgreement(AgreementPermission.ViewActionSheets)
            .WithSummary("La fiche (kind=sheet) ou la fiche de réalisation (kind=report) en PDF ou DOCX")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        group.MapGet("/{sheetId:guid}/attachments", ListAttachmentsAsync).RequireAgreement(AgreementPermission.ViewActionSheets).WithSummary("Les pièces jointes de la fiche");
        group.MapPost("/{sheetId:guid}/attachments", AttachAsync).RequireAgreement(AgreementPermission.CarryActions)
            .WithSummary("Joindre un fichier : formulaire multipart/form-data, champs « file » et « description » (PDF, image, document bureautique ; 10 Mo au plus ; type vérifié sur le contenu)");
        group.MapGet("/{sheetId:guid}/attachments/{attachmentId:guid}", DownloadAttachmentAsync).RequireAgreement(AgreementPermission.ViewActionSheets)
            .WithSummary("Télécharger une pièce jointe").Produces<byte[]>(StatusCodes.Status200OK, "application/octet-stream");
        group.MapGet("/{sheetId:guid}", GetAsync).RequireAgreement(AgreementPermission.ViewActionSheets)
            .WithSummary("Une fiche action : contenu, avis, décisions, versions, fiche de réalisation");
        group.MapGet("/{sheetId:guid}/diff", DiffAsync).RequireAgreement(AgreementPermission.ViewActionSheets)
            .WithSummary("Ce qui change entre deux versions (par défaut : la précédente et la dernière)");

        group.MapPut("/{sheetId:guid}/draft", EditDraftAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Enregistrer le brouillon");
        group.MapPost("/{sheetId:guid}/submit", SubmitAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Soumettre la fiche aux avis des ministères");
        group.MapPost("/{sheetId:guid}/opinions", GiveOpinionAsync).RequireAgreement(AgreementPermission.GiveOpinions)
            .WithSummary("Rendre l'avis de son ministère (art. 14) ; givenOn : date réelle d'un avis rendu avant sa saisie (historique), sans notification");
        group.MapPost("/{sheetId:guid}/opinions/corrections", CorrectOpinionAsync).RequireAgreement(AgreementPermission.View)
            .WithSummary("Corriger un avis avec un motif tant que le comité n'a pas statué (le ministère qui l'a rendu ou le secrétariat)");
        group.MapPost("/{sheetId:guid}/revision-requests", RequestRevisionAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Demander une révision au porteur");
        group.MapPost("/{sheetId:guid}/committee-decisions/{decisionId:guid}/corrections", CorrectCommitteeDecisionAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Corriger une décision du comité enregistrée par le secrétariat, avec un motif, tant que la fiche n'a pas avancé (une décision issue d'un vote se corrige sur le vote)");
        group.MapPost("/{sheetId:guid}/committee-decisions", RecordCommitteeDecisionAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Enregistrer la décision du comité (sur la fiche ou sur la demande de modification en attente)");
        group.MapPost("/{sheetId:guid}/board-decisions", RecordBoardDecisionAsync).RequireAgreement(AgreementPermission.RecordBoardDecisions)
            .WithSummary("Enregistrer la décision du conseil d'administration (art. 14)");
        group.MapPost("/{sheetId:guid}/board-decisions/corrections", CorrectBoardDecisionAsync).RequireAgreement(AgreementPermission.RecordBoardDecisions)
            .WithSummary("Corriger la décision du conseil d'administration telle qu'enregistrée, avec un motif, avant le démarrage de l'action");
        group.MapPost("/{sheetId:guid}/board-decisions/reported", MarkBoardDecisionReportedAsync).RequireAgreement(AgreementPermission.RecordBoardDecisions)
            .WithSummary("Noter le retour de la décision du CA aux membres du comité");
        group.MapPost("/{sheetId:guid}/start", StartAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Démarrer l'action approuvée");
        group.MapPost("/{sheetId:guid}/change-requests", ProposeChangeAsync).RequireAgreement(AgreementPermission.CarryActions)
            .WithSummary("Proposer une modification (effet après décision du comité, art. 15)");
        group.MapPost("/{sheetId:guid}/report", StartReportAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Ouvrir la fiche de réalisation, pré-remplie");
        group.MapPut("/{sheetId:guid}/report", EditReportAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Enregistrer la fiche de réalisation");
        group.MapPost("/{sheetId:guid}/report/submit", SubmitReportAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Soumettre la fiche de réalisation");
        group.MapPost("/{sheetId:guid}/report/return", ReturnReportAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Renvoyer la fiche de réalisation au porteur");
        group.MapPost("/{sheetId:guid}/report/accept", AcceptReportAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Accepter la fiche de réalisation (montant dû : art. 16)");
        group.MapPost("/{sheetId:guid}/close", CloseAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Clôturer l'action");
        group.MapPost("/{sheetId:guid}/withdraw", WithdrawAsync).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Retirer la fiche avant la décision du comité");
        group.MapPost("/{sheetId:guid}/abandon", AbandonAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Abandonner l'action");
    }

    private static async Task<Ok<ActionSheetPage>> ListAsync(
        Guid id, HttpContext http, ActionSheetQueries queries, ActionStatus? status, Guid? axisId, string? region, string? carrier, int? year, bool? awaitingMyOpinion,
        string? sort, int? page, CancellationToken ct) =>
        TypedResults.Ok(await queries.ListAsync(id, http.Grant(), new ActionSheetFilter(status, axisId, region, carrier, year, awaitingMyOpinion ?? false, sort ?? "number", page ?? 1), ct));

    private static async Task<Results<Created<ActionSheetDto>, Refusal>> DraftAsync(
        Guid id, ActionSheetInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct)
    {
        var grant = http.Grant();
        var carriers = ActionSheetAccess.CarriedOrganisations(grant.Memberships);
        // A carrier drafts for one of their own organisations; the secretariat for whichever it names.
        var organisation = ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator)
            ? input.CarrierOrganisation ?? ""
            : carriers.FirstOrDefault(c => c == input.CarrierOrganisation) ?? (carriers.Count > 0 ? carriers[0] : "");
        var result = await commands.DraftAsync(id, organisation, input.Content ?? new ActionSheetContent(), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/action-sheets/{result.Value.Id}", ActionSheetDto.From(result.Value, (await agreements.LoadAsync(id, ct))!))
            : new Refusal(result.Errors);
    }

    private static async Task<Results<FileContentHttpResult, Refusal>> ExportAsync(
        Guid id, string? format, HttpContext http, ActionSheetQueries queries, AgreementReader agreements, ActionStatus? status, Guid? axisId, string? region,
        string? carrier, int? year, bool? awaitingMyOpinion, string? sort, CancellationToken ct)
    {
        if (format is not (null or "csv" or "xlsx"))
        {
            return new Refusal([new DomainError("format", "Format inconnu : csv ou xlsx.", "Format")]);
        }

        var agreement = (await agreements.LoadAsync(id, ct))!;
        var rows = await queries.ExportAsync(id, http.Grant(), new ActionSheetFilter(status, axisId, region, carrier, year, awaitingMyOpinion ?? false, sort ?? "number"), ct);
        var name = $"fiches-action-{agreement.Reference.ToLowerInvariant()}";
        return format == "xlsx"
            ? TypedResults.File(Documents.Spreadsheets.Xlsx("Fiches action", ActionSheetExport.Headers, ActionSheetExport.Rows(rows, agreement)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx")
            : TypedResults.File(Documents.Spreadsheets.Csv(ActionSheetExport.Headers, ActionSheetExport.Rows(rows, agreement)), "text/csv; charset=utf-8", $"{name}.csv");
    }

    private static async Task<Results<FileContentHttpResult, Refusal>> DocumentAsync(
        Guid id, Guid sheetId, string? format, string? kind, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct)
    {
        var found = await VisibleSheetAsync(id, sheetId, http, commands, SheetRight.See, ct);
        if (found.IsFailure || (kind == "report" && found.Value.Report is null))
        {
            return new Refusal(found.IsFailure ? found.Errors : [ActionSheetCommands.NotFound]);
        }

        if (format is not (null or "pdf" or "docx") || kind is not (null or "sheet" or "report"))
        {
            return new Refusal([new DomainError("format", "Formats possibles : pdf ou docx ; documents : sheet ou report.", "Format")]);
        }

        var agreement = (await agreements.LoadAsync(id, ct))!;
        var sheet = found.Value;
        var doc = kind == "report" ? Documents.SheetDocuments.Report(agreement, sheet, commands.Today) : Documents.SheetDocuments.Sheet(agreement, sheet, commands.Today);
        var name = $"{(kind == "report" ? "fiche-de-realisation" : "fiche-action")}-{sheet.Number}";
        return format == "docx"
            ? TypedResults.File(Documents.DocxRenderer.Render(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{name}.docx")
            : TypedResults.File(Documents.PdfRenderer.Render(doc), "application/pdf", $"{name}.pdf");
    }

    private static async Task<Results<Ok<List<AttachmentDto>>, Refusal>> ListAttachmentsAsync(
        Guid id, Guid sheetId, HttpContext http, ActionSheetCommands commands, Features.Attachments.AttachmentStore store, CancellationToken ct)
    {
        var found = await VisibleSheetAsync(id, sheetId, http, commands, SheetRight.See, ct);
        return found.IsSuccess ? TypedResults.Ok((await store.ListAsync(id, sheetId, ct)).Select(AttachmentDto.From).ToList()) : new Refusal(found.Errors);
    }

    /// <summary>The form is read here, after the access check: a stranger gets 404 whatever the body.</summary>
    private static async Task<Results<Created<AttachmentDto>, Refusal>> AttachAsync(Guid id, Guid sheetId, HttpContext http, Features.Attachments.AttachmentStore store, CancellationToken ct)
    {
        if (!http.Request.HasFormContentType)
        {
            return new Refusal([new DomainError("file.form", "Envoyez le fichier dans un formulaire multipart/form-data (champ « file »).", "File")]);
        }

        var form = await http.Request.ReadFormAsync(ct);
        if (form.Files["file"] is not { } file)
        {
            return new Refusal([new DomainError("file.missing", "Joignez un fichier (champ « file » d'un formulaire multipart).", "File")]);
        }

        await using var stream = file.OpenReadStream();
        var result = await store.AddAsync(id, sheetId, http.Grant(), Actor.Of(http.User).Name, file.FileName, stream, file.Length, form["description"].FirstOrDefault(), ct);
        return result.IsSuccess
            ? TypedResults.Created($"/api/v1/agreements/{id}/action-sheets/{sheetId}/attachments/{result.Value.Id}", AttachmentDto.From(result.Value))
            : new Refusal(result.Errors);
    }

    private static async Task<Results<FileStreamHttpResult, Refusal>> DownloadAttachmentAsync(
        Guid id, Guid sheetId, Guid attachmentId, HttpContext http, Features.Attachments.AttachmentStore store, CancellationToken ct) =>
        await store.OpenAsync(id, sheetId, attachmentId, http.Grant(), ct) is { } file
            ? TypedResults.File(file.Content, file.Attachment.ContentType, file.Attachment.FileName)
            : new Refusal([DomainError.NotFound("Cette pièce jointe n'existe pas.")]);

    private static async Task<Results<Ok<ActionSheetDto>, Refusal>> GetAsync(
        Guid id, Guid sheetId, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(id, await VisibleSheetAsync(id, sheetId, http, commands, SheetRight.See, ct), agreements, ct);

    private static async Task<Results<Ok<IReadOnlyList<ContentChange>>, Refusal>> DiffAsync(
        Guid id, Guid sheetId, int? from, int? to, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct)
    {
        var found = await VisibleSheetAsync(id, sheetId, http, commands, SheetRight.See, ct);
        if (found.IsFailure)
        {
            return new Refusal(found.Errors);
        }

        // By default: the previous version against the latest.
        var sheet = found.Value;
        var b = sheet.Versions.FirstOrDefault(v => v.Number == (to ?? sheet.CurrentVersion.Number));
        var a = sheet.Versions.FirstOrDefault(v => v.Number == (from ?? Math.Max(1, (b?.Number ?? 1) - 1)));
        return a is null || b is null
            ? new Refusal([DomainError.NotFound("Cette version de la fiche n'existe pas.")])
            : TypedResults.Ok(ActionSheetDiff.Between(a.Content, b.Content, (await agreements.LoadAsync(id, ct))!));
    }

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> EditDraftAsync(Guid id, Guid sheetId, ContentInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.Carry, () => commands.EditDraftAsync(id, sheetId, input.Version, input.Content ?? new ActionSheetContent(), ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> SubmitAsync(Guid id, Guid sheetId, VersionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.Carry, () => commands.SubmitAsync(id, sheetId, input.Version, ct), ct);

    private static async Task<Results<Ok<ActionSheetDto>, Refusal>> GiveOpinionAsync(
        Guid id, Guid sheetId, OpinionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct)
    {
        var grant = http.Grant();
        if (!grant.IsAdministrator && !ActionSheetAccess.OpinionParties(grant.Memberships).Contains(input.PartyId))
        {
            return new Refusal([DomainError.Forbidden("opinion.not-yours", "Vous ne rendez un avis que pour le ministère pour lequel vous êtes habilité.")]);
        }

        return await ActAsync(id, sheetId, http, commands, agreements, SheetRight.See,
            () => commands.GiveOpinionAsync(id, sheetId, input.Version, input.PartyId, input.Verdict, input.Recommendations, input.Comment, Actor.Of(http.User).Name, input.GivenOn, ct), ct);
    }

    /// <summary>The ministry that gave it, or the secretariat, corrects an opinion.</summary>
    private static async Task<Results<Ok<ActionSheetDto>, Refusal>> CorrectOpinionAsync(
        Guid id, Guid sheetId, OpinionCorrectionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct)
    {
        var grant = http.Grant();
        if (!grant.IsAdministrator && !grant.Can(AgreementPermission.SteerActions) && !ActionSheetAccess.OpinionParties(grant.Memberships).Contains(input.PartyId))
        {
            return new Refusal([DomainError.Forbidden("opinion.not-yours", "Un avis se corrige par le ministère qui l'a rendu, ou par le secrétariat.")]);
        }

        return await ActAsync(id, sheetId, http, commands, agreements, SheetRight.See,
            () => commands.CorrectOpinionAsync(id, sheetId, input.Version, input.PartyId, input.Verdict, input.Recommendations, input.Comment, input.Reason, Actor.Of(http.User).Name, ct), ct);
    }

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> RequestRevisionAsync(Guid id, Guid sheetId, ReasonInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See, () => commands.RequestRevisionAsync(id, sheetId, input.Version, input.Reason ?? "", ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> CorrectCommitteeDecisionAsync(
        Guid id, Guid sheetId, Guid decisionId, DecisionCorrectionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See,
            () => commands.CorrectCommitteeDecisionAsync(id, sheetId, input.Version, decisionId, input.Outcome, input.Reason, Actor.Of(http.User).Name, ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> CorrectBoardDecisionAsync(
        Guid id, Guid sheetId, BoardCorrectionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See,
            () => commands.CorrectBoardDecisionAsync(id, sheetId, input.Version, input.Outcome, input.Reason, Actor.Of(http.User).Name, ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> RecordCommitteeDecisionAsync(
        Guid id, Guid sheetId, CommitteeDecisionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See,
            () => commands.RecordCommitteeDecisionAsync(id, sheetId, input.Version, input.Outcome, input.DecidedOn, input.Reference ?? "", ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> RecordBoardDecisionAsync(
        Guid id, Guid sheetId, BoardDecisionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See,
            () => commands.RecordBoardDecisionAsync(id, sheetId, input.Version, input.Outcome, input.DecidedOn, input.Reference ?? "", ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> MarkBoardDecisionReportedAsync(
        Guid id, Guid sheetId, DateInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See, () => commands.MarkBoardDecisionReportedAsync(id, sheetId, input.Version, input.On, ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> StartAsync(Guid id, Guid sheetId, DateInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See, () => commands.StartAsync(id, sheetId, input.Version, input.On, ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> ProposeChangeAsync(Guid id, Guid sheetId, ChangeInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.Carry,
            () => commands.ProposeChangeAsync(id, sheetId, input.Version, input.Content ?? new ActionSheetContent(), input.Reason ?? "", ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> StartReportAsync(Guid id, Guid sheetId, VersionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.Carry, () => commands.StartReportAsync(id, sheetId, input.Version, ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> EditReportAsync(Guid id, Guid sheetId, ReportInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.Carry,
            () => commands.EditReportAsync(id, sheetId, input.Version, input.Content ?? new CompletionReportContent([], [], [], null), ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> SubmitReportAsync(Guid id, Guid sheetId, VersionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.Carry, () => commands.SubmitReportAsync(id, sheetId, input.Version, ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> ReturnReportAsync(Guid id, Guid sheetId, VersionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See, () => commands.ReturnReportAsync(id, sheetId, input.Version, ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> AcceptReportAsync(Guid id, Guid sheetId, VersionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See, () => commands.AcceptReportAsync(id, sheetId, input.Version, ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> CloseAsync(Guid id, Guid sheetId, VersionInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See, () => commands.CloseAsync(id, sheetId, input.Version, ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> WithdrawAsync(Guid id, Guid sheetId, ReasonInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.Carry, () => commands.WithdrawAsync(id, sheetId, input.Version, input.Reason ?? "", ct), ct);

    private static Task<Results<Ok<ActionSheetDto>, Refusal>> AbandonAsync(Guid id, Guid sheetId, ReasonInput input, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, CancellationToken ct) =>
        ActAsync(id, sheetId, http, commands, agreements, SheetRight.See, () => commands.AbandonAsync(id, sheetId, input.Version, input.Reason ?? "", ct), ct);

    /// <summary>Who may touch a sheet beyond their role in the agreement: see it (its carrier, the secretariat, the ministries), or carry it.</summary>
    private enum SheetRight
    {
        See,
        Carry,
    }

    /// <summary>The sheet, if the caller may see it (else it does not exist for them) and, for <see cref="SheetRight.Carry"/>, carry it.</summary>
    private static async Task<Result<ActionSheet>> VisibleSheetAsync(Guid id, Guid sheetId, HttpContext http, ActionSheetCommands commands, SheetRight right, CancellationToken ct)
    {
        var grant = http.Grant();
        var sheet = await commands.LoadAsync(id, sheetId, ct);
        if (sheet is null || !ActionSheetAccess.CanSee(sheet, grant.Memberships, grant.IsAdministrator))
        {
            return ActionSheetCommands.NotFound;
        }

        return right == SheetRight.Carry && !ActionSheetAccess.CanCarry(sheet, grant.Memberships, grant.IsAdministrator)
            ? DomainError.Forbidden("sheet.not-carrier", "Seul le porteur de la fiche ou le secrétariat peut faire cela.")
            : sheet;
    }

    /// <summary>Checks the caller's right on the sheet, then runs the use case and answers the sheet as it now is, or the refusal.</summary>
    private static async Task<Results<Ok<ActionSheetDto>, Refusal>> ActAsync(
        Guid id, Guid sheetId, HttpContext http, ActionSheetCommands commands, AgreementReader agreements, SheetRight right, Func<Task<Result<ActionSheet>>> useCase, CancellationToken ct)
    {
        var allowed = await VisibleSheetAsync(id, sheetId, http, commands, right, ct);
        return await AnswerAsync(id, allowed.IsSuccess ? await useCase() : allowed, agreements, ct);
    }

    private static async Task<Results<Ok<ActionSheetDto>, Refusal>> AnswerAsync(Guid id, Result<ActionSheet> result, AgreementReader agreements, CancellationToken ct) =>
        result.IsSuccess ? TypedResults.Ok(ActionSheetDto.From(result.Value, (await agreements.LoadAsync(id, ct))!)) : new Refusal(result.Errors);
}
