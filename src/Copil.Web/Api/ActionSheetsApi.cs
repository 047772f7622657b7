using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Features.ActionSheets;
using Copil.Web.Features.Agreements;

namespace Copil.Web.Api;

public sealed record ActionSheetInput(string? CarrierOrganisation, ActionSheetContent Content);

public sealed record ContentInput(ActionSheetContent Content, int? Version);

public sealed record VersionInput(int? Version);

public sealed record OpinionInput(Guid PartyId, OpinionVerdict Verdict, string? Recommendations, string? Comment, int? Version);

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

public sealed record OpinionDto(Guid Id, int VersionNumber, Guid PartyId, string Party, OpinionVerdict Verdict, string? Recommendations, string? Comment, DateOnly GivenOn);

public sealed record CommitteeDecisionDto(int VersionNumber, CommitteeOutcome Outcome, DateOnly DecidedOn, string Reference, string SourceKind, Guid? VoteId);

public sealed record BoardDecisionDto(int VersionNumber, BoardOutcome Outcome, DateOnly DecidedOn, string Reference, DateOnly? ReportedToCommitteeOn);

public sealed record ChangeRequestDto(int VersionNumber, string Reason, DateOnly RequestedOn, ChangeRequestStatus Status, DateOnly? DecidedOn);

public sealed record VersionDto(int Number, VersionPurpose Purpose, DateOnly? SubmittedOn, ActionSheetContent Content);

public sealed record ActionSheetDto(
    Guid Id, int Number, string CarrierOrganisation, ActionStatus Status, string StatusLabel, int Version, int? ApprovedVersionNumber,
    ActionSheetContent Content, IReadOnlyList<string> AwaitedOpinions, IReadOnlyList<OpinionDto> Opinions,
    IReadOnlyList<CommitteeDecisionDto> CommitteeDecisions, IReadOnlyList<BoardDecisionDto> BoardDecisions, IReadOnlyList<ChangeRequestDto> ChangeRequests,
    IReadOnlyList<VersionDto> Versions, CompletionReportContent? Report, DateOnly? ReportSubmittedOn, DateOnly? ReportAcceptedOn, long? AmountDueCents)
{
    public static ActionSheetDto From(ActionSheet s, Copil.Domain.Agreements.Agreement a) => new(
        s.Id, s.Number, s.CarrierOrganisation, s.Status, ActionLabels.Status(s.Status), s.Version, s.ApprovedVersionNumber,
        s.CurrentVersion.Content, [.. s.AwaitedOpinions(a).Select(p => p.ShortName)],
        [.. s.Opinions.Select(o => new OpinionDto(o.Id, o.VersionNumber, o.PartyId, a.PartyById(o.PartyId)?.ShortName ?? "", o.Verdict, o.Recommendations, o.Comment, o.GivenOn))],
        [.. s.CommitteeDecisions.Select(d => new CommitteeDecisionDto(d.VersionNumber, d.Outcome, d.DecidedOn, d.Reference, d.SourceKind, d.VoteId))],
        [.. s.BoardDecisions.Select(d => new BoardDecisionDto(d.VersionNumber, d.Outcome, d.DecidedOn, d.Reference, d.ReportedToCommitteeOn))],
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

        group.MapGet("", async (Guid id, HttpContext http, ActionSheetQueries queries, ActionStatus? status, Guid? axisId, string? region, string? carrier, int? year, bool? awaitingMyOpinion, string? sort, int? page, CancellationToken ct) =>
            TypedResults.Ok(await queries.ListAsync(id, http.Grant(), new ActionSheetFilter(status, axisId, region, carrier, year, awaitingMyOpinion ?? false, sort ?? "number", page ?? 1), ct)))
            .RequireAgreement(AgreementPermission.ViewActionSheets)
            .WithSummary("Les fiches action visibles, filtrées, triées (number, title, status, start, amount) et paginées par 50");

        group.MapPost("", async (Guid id, ActionSheetInput input, HttpContext http, ActionSheetCommands commands, AgreementCommands agreements, CancellationToken ct) =>
        {
            var grant = http.Grant();
            var carriers = ActionSheetAccess.CarriedOrganisations(grant.Memberships);
            var organisation = ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator) ? input.CarrierOrganisation ?? "" : carriers.FirstOrDefault(c => c == input.CarrierOrganisation) ?? (carriers.Count > 0 ? carriers[0] : "");
            var result = await commands.DraftAsync(id, organisation, input.Content ?? new ActionSheetContent(), ct);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/agreements/{id}/action-sheets/{result.Value.Id}", ActionSheetDto.From(result.Value, (await agreements.LoadAsync(id, ct))!))
                : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.CarryActions).WithSummary("Créer une fiche action (brouillon, éventuellement incomplet)").Produces<ActionSheetDto>(201).ProducesValidationProblem();

        group.MapGet("/export", async (Guid id, string? format, HttpContext http, ActionSheetQueries queries, AgreementCommands agreements, ActionStatus? status, Guid? axisId, string? region, string? carrier, int? year, bool? awaitingMyOpinion, string? sort, CancellationToken ct) =>
        {
            var agreement = (await agreements.LoadAsync(id, ct))!;
            var rows = await queries.ExportAsync(id, http.Grant(), new ActionSheetFilter(status, axisId, region, carrier, year, awaitingMyOpinion ?? false, sort ?? "number"), ct);
            var name = $"fiches-action-{agreement.Reference.ToLowerInvariant()}";
            return format switch
            {
                "xlsx" => Results.File(Documents.Spreadsheets.Xlsx("Fiches action", ActionSheetExport.Headers, ActionSheetExport.Rows(rows, agreement)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx"),
                "csv" or null => Results.File(Documents.Spreadsheets.Csv(ActionSheetExport.Headers, ActionSheetExport.Rows(rows, agreement)), "text/csv; charset=utf-8", $"{name}.csv"),
                _ => ApiSupport.Problem(new DomainError("format", "Format inconnu : csv ou xlsx.", "Format")),
            };
        }).RequireAgreement(AgreementPermission.ViewActionSheets).WithSummary("Exporter la liste filtrée (format=csv ou xlsx)")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        group.MapGet("/{sheetId:guid}/document", async (Guid id, Guid sheetId, string? format, string? kind, HttpContext http, ActionSheetCommands commands, AgreementCommands agreements, CancellationToken ct) =>
        {
            var grant = http.Grant();
            var agreement = await agreements.LoadAsync(id, ct);
            var sheet = await commands.LoadAsync(id, sheetId, ct);
            if (agreement is null || sheet is null || !ActionSheetAccess.CanSee(sheet, grant.Memberships, grant.IsAdministrator) || (kind == "report" && sheet.Report is null))
            {
                return ApiSupport.NotFound();
            }

            if (format is not (null or "pdf" or "docx") || kind is not (null or "sheet" or "report"))
            {
                return ApiSupport.Problem(new DomainError("format", "Formats possibles : pdf ou docx ; documents : sheet ou report.", "Format"));
            }

            var doc = kind == "report" ? Documents.SheetDocuments.Report(agreement, sheet, commands.Today) : Documents.SheetDocuments.Sheet(agreement, sheet, commands.Today);
            var name = $"{(kind == "report" ? "fiche-de-realisation" : "fiche-action")}-{sheet.Number}";
            return format == "docx"
                ? Results.File(Documents.DocxRenderer.Render(doc), "application/vnd.openxmlformats-officedocument.wordprocessingml.document", $"{name}.docx")
                : Results.File(Documents.PdfRenderer.Render(doc), "application/pdf", $"{name}.pdf");
        }).RequireAgreement(AgreementPermission.ViewActionSheets).WithSummary("La fiche (kind=sheet) ou la fiche de réalisation (kind=report) en PDF ou DOCX")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        group.MapGet("/{sheetId:guid}/attachments", async (Guid id, Guid sheetId, HttpContext http, ActionSheetCommands commands, Features.Attachments.AttachmentStore store, CancellationToken ct) =>
        {
            var sheet = await commands.LoadAsync(id, sheetId, ct);
            return sheet is null || !ActionSheetAccess.CanSee(sheet, http.Grant().Memberships, http.Grant().IsAdministrator)
                ? ApiSupport.NotFound()
                : TypedResults.Ok((await store.ListAsync(id, sheetId, ct)).Select(AttachmentDto.From).ToList());
        }).RequireAgreement(AgreementPermission.ViewActionSheets).WithSummary("Les pièces jointes de la fiche").Produces<List<AttachmentDto>>();

        // The form is read inside the handler, after the access check: a stranger gets 404 whatever the body.
        group.MapPost("/{sheetId:guid}/attachments", async (Guid id, Guid sheetId, HttpContext http, Features.Attachments.AttachmentStore store, CancellationToken ct) =>
        {
            if (!http.Request.HasFormContentType)
            {
                return ApiSupport.Problem(new DomainError("file.form", "Envoyez le fichier dans un formulaire multipart/form-data (champ « file »).", "File"));
            }

            var form = await http.Request.ReadFormAsync(ct);
            if (form.Files["file"] is not { } file)
            {
                return ApiSupport.Problem(new DomainError("file.missing", "Joignez un fichier (champ « file » d'un formulaire multipart).", "File"));
            }

            await using var stream = file.OpenReadStream();
            var result = await store.AddAsync(id, sheetId, http.Grant(), http.User.Identity?.Name ?? "", file.FileName, stream, file.Length, form["description"].FirstOrDefault(), ct);
            return result.IsSuccess
                ? TypedResults.Created($"/api/v1/agreements/{id}/action-sheets/{sheetId}/attachments/{result.Value.Id}", AttachmentDto.From(result.Value))
                : result.Errors.Any(e => e.Code == "attachment.forbidden")
                    ? TypedResults.Problem(statusCode: 403, title: "Accès refusé", detail: result.Errors[0].Message)
                    : ApiSupport.Problem(result.Errors);
        }).RequireAgreement(AgreementPermission.CarryActions)
            .WithSummary("Joindre un fichier : formulaire multipart/form-data, champs « file » et « description » (PDF, image, document bureautique ; 10 Mo au plus ; type vérifié sur le contenu)").Produces<AttachmentDto>(201).ProducesValidationProblem();

        group.MapGet("/{sheetId:guid}/attachments/{attachmentId:guid}", async (Guid id, Guid sheetId, Guid attachmentId, HttpContext http, Features.Attachments.AttachmentStore store, CancellationToken ct) =>
            await store.OpenAsync(id, sheetId, attachmentId, http.Grant(), ct) is { } file
                ? Results.File(file.Content, file.Attachment.ContentType, file.Attachment.FileName)
                : ApiSupport.NotFound())
            .RequireAgreement(AgreementPermission.ViewActionSheets).WithSummary("Télécharger une pièce jointe").Produces<Stream>(StatusCodes.Status200OK, "application/octet-stream");

        group.MapGet("/{sheetId:guid}", (Guid id, Guid sheetId, HttpContext http, ActionSheetCommands commands, AgreementCommands agreements, CancellationToken ct) =>
            Run(id, sheetId, http, commands, agreements, SheetRight.See, null, ct))
            .RequireAgreement(AgreementPermission.ViewActionSheets).WithSummary("Une fiche action : contenu, avis, décisions, versions, fiche de réalisation").Produces<ActionSheetDto>();

        group.MapGet("/{sheetId:guid}/diff", async (Guid id, Guid sheetId, int? from, int? to, HttpContext http, ActionSheetCommands commands, AgreementCommands agreements, CancellationToken ct) =>
        {
            var agreement = await agreements.LoadAsync(id, ct);
            var sheet = await commands.LoadAsync(id, sheetId, ct);
            if (agreement is null || sheet is null || !ActionSheetAccess.CanSee(sheet, http.Grant().Memberships, http.Grant().IsAdministrator))
            {
                return ApiSupport.NotFound();
            }

            // By default: the previous version against the latest.
            var b = sheet.Versions.FirstOrDefault(v => v.Number == (to ?? sheet.CurrentVersion.Number));
            var a = sheet.Versions.FirstOrDefault(v => v.Number == (from ?? Math.Max(1, (b?.Number ?? 1) - 1)));
            return a is null || b is null ? ApiSupport.NotFound() : TypedResults.Ok(ActionSheetDiff.Between(a.Content, b.Content, agreement));
        }).RequireAgreement(AgreementPermission.ViewActionSheets).WithSummary("Ce qui change entre deux versions (par défaut : la précédente et la dernière)").Produces<IReadOnlyList<ContentChange>>();

        Map(group, "PUT", "/{sheetId:guid}/draft", AgreementPermission.CarryActions, SheetRight.Carry, "Enregistrer le brouillon",
            (ContentInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.EditDraftAsync(id, s, i.Version, i.Content ?? new ActionSheetContent(), ct));
        Map(group, "POST", "/{sheetId:guid}/submit", AgreementPermission.CarryActions, SheetRight.Carry, "Soumettre la fiche aux avis des ministères",
            (VersionInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.SubmitAsync(id, s, i.Version, ct));
        Map(group, "POST", "/{sheetId:guid}/opinions", AgreementPermission.GiveOpinions, SheetRight.See, "Rendre l'avis de son ministère (art. 14)",
            (OpinionInput i, ActionSheetCommands c, Guid id, Guid s, string user, CancellationToken ct) => c.GiveOpinionAsync(id, s, i.Version, i.PartyId, i.Verdict, i.Recommendations, i.Comment, user, ct),
            (i, grant) => ActionSheetAccess.OpinionParties(grant.Memberships).Contains(((OpinionInput)i).PartyId) || grant.IsAdministrator
                ? null
                : new DomainError("opinion.not-yours", "Vous ne rendez un avis que pour le ministère pour lequel vous êtes habilité.", "PartyId"));
        Map(group, "POST", "/{sheetId:guid}/revision-requests", AgreementPermission.SteerActions, SheetRight.See, "Demander une révision au porteur",
            (ReasonInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.RequestRevisionAsync(id, s, i.Version, i.Reason ?? "", ct));
        Map(group, "POST", "/{sheetId:guid}/committee-decisions", AgreementPermission.SteerActions, SheetRight.See, "Enregistrer la décision du comité (sur la fiche ou sur la demande de modification en attente)",
            (CommitteeDecisionInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.RecordCommitteeDecisionAsync(id, s, i.Version, i.Outcome, i.DecidedOn, i.Reference ?? "", ct));
        Map(group, "POST", "/{sheetId:guid}/board-decisions", AgreementPermission.RecordBoardDecisions, SheetRight.See, "Enregistrer la décision du conseil d'administration (art. 14)",
            (BoardDecisionInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.RecordBoardDecisionAsync(id, s, i.Version, i.Outcome, i.DecidedOn, i.Reference ?? "", ct));
        Map(group, "POST", "/{sheetId:guid}/board-decisions/reported", AgreementPermission.RecordBoardDecisions, SheetRight.See, "Noter le retour de la décision du CA aux membres du comité",
            (DateInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.MarkBoardDecisionReportedAsync(id, s, i.Version, i.On, ct));
        Map(group, "POST", "/{sheetId:guid}/start", AgreementPermission.SteerActions, SheetRight.See, "Démarrer l'action approuvée",
            (DateInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.StartAsync(id, s, i.Version, i.On, ct));
        Map(group, "POST", "/{sheetId:guid}/change-requests", AgreementPermission.CarryActions, SheetRight.Carry, "Proposer une modification (effet après décision du comité, art. 15)",
            (ChangeInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.ProposeChangeAsync(id, s, i.Version, i.Content ?? new ActionSheetContent(), i.Reason ?? "", ct));
        Map(group, "POST", "/{sheetId:guid}/report", AgreementPermission.CarryActions, SheetRight.Carry, "Ouvrir la fiche de réalisation, pré-remplie",
            (VersionInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.StartReportAsync(id, s, i.Version, ct));
        Map(group, "PUT", "/{sheetId:guid}/report", AgreementPermission.CarryActions, SheetRight.Carry, "Enregistrer la fiche de réalisation",
            (ReportInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.EditReportAsync(id, s, i.Version, i.Content ?? new CompletionReportContent([], [], [], null), ct));
        Map(group, "POST", "/{sheetId:guid}/report/submit", AgreementPermission.CarryActions, SheetRight.Carry, "Soumettre la fiche de réalisation",
            (VersionInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.SubmitReportAsync(id, s, i.Version, ct));
        Map(group, "POST", "/{sheetId:guid}/report/return", AgreementPermission.SteerActions, SheetRight.See, "Renvoyer la fiche de réalisation au porteur",
            (VersionInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.ReturnReportAsync(id, s, i.Version, ct));
        Map(group, "POST", "/{sheetId:guid}/report/accept", AgreementPermission.SteerActions, SheetRight.See, "Accepter la fiche de réalisation (montant dû : art. 16)",
            (VersionInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.AcceptReportAsync(id, s, i.Version, ct));
        Map(group, "POST", "/{sheetId:guid}/close", AgreementPermission.SteerActions, SheetRight.See, "Clôturer l'action",
            (VersionInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.CloseAsync(id, s, i.Version, ct));
        Map(group, "POST", "/{sheetId:guid}/withdraw", AgreementPermission.CarryActions, SheetRight.Carry, "Retirer la fiche avant la décision du comité",
            (ReasonInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.WithdrawAsync(id, s, i.Version, i.Reason ?? "", ct));
        Map(group, "POST", "/{sheetId:guid}/abandon", AgreementPermission.SteerActions, SheetRight.See, "Abandonner l'action",
            (ReasonInput i, ActionSheetCommands c, Guid id, Guid s, string _, CancellationToken ct) => c.AbandonAsync(id, s, i.Version, i.Reason ?? "", ct));
    }

    private enum SheetRight
    {
        See,
        Carry,
    }

    private static void Map<TInput>(RouteGroupBuilder group, string method, string pattern, AgreementPermission permission, SheetRight right, string summary,
        Func<TInput, ActionSheetCommands, Guid, Guid, string, CancellationToken, Task<Result<ActionSheet>>> action,
        Func<object, AgreementGrant, DomainError?>? check = null)
    {
        var handler = async (Guid id, Guid sheetId, TInput input, HttpContext http, ActionSheetCommands commands, AgreementCommands agreements, CancellationToken ct) =>
        {
            if (check?.Invoke(input!, http.Grant()) is { } refused)
            {
                return TypedResults.Problem(statusCode: 403, title: "Accès refusé", detail: refused.Message);
            }

            return await Run(id, sheetId, http, commands, agreements, right, () => action(input, commands, id, sheetId, http.User.Identity?.Name ?? "", ct), ct);
        };
        group.MapMethods(pattern, [method], handler)
            .RequireAgreement(permission).WithSummary(summary).Produces<ActionSheetDto>().ProducesValidationProblem().ProducesProblem(409);
    }

    private static async Task<IResult> Run(Guid id, Guid sheetId, HttpContext http, ActionSheetCommands commands, AgreementCommands agreements, SheetRight right,
        Func<Task<Result<ActionSheet>>>? action, CancellationToken ct)
    {
        var grant = http.Grant();
        var sheet = await commands.LoadAsync(id, sheetId, ct);
        if (sheet is null || !ActionSheetAccess.CanSee(sheet, grant.Memberships, grant.IsAdministrator))
        {
            return ApiSupport.NotFound();
        }

        if (right == SheetRight.Carry && !ActionSheetAccess.CanCarry(sheet, grant.Memberships, grant.IsAdministrator))
        {
            return TypedResults.Problem(statusCode: 403, title: "Accès refusé", detail: "Seul le porteur de la fiche ou le secrétariat peut faire cela.");
        }

        if (action is not null)
        {
            var result = await action();
            if (result.IsFailure)
            {
                return result.FailureKind == ErrorKind.Conflict
                    ? TypedResults.Problem(statusCode: 409, title: "Modification concurrente", detail: ActionSheetCommands.Conflict.Message)
                    : ApiSupport.Problem(result.Errors);
            }

            sheet = result.Value;
        }

        return TypedResults.Ok(ActionSheetDto.From(sheet, (await agreements.LoadAsync(id, ct))!));
    }
}
