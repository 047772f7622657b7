using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Common;
using Copil.Domain.Reporting;
using Copil.Web.Documents;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Reporting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Copil.Web.Api;

public sealed record FigureTableDto(string Key, string Caption, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows, string? Note)
{
    public static FigureTableDto From(FigureTable t) => new(t.Key, t.Caption, t.Headers, [.. t.Rows.Select(r => (IReadOnlyList<object?>)[.. r.Select(FigureTable.Export)])], t.Note);
}

public sealed record DataIssueDto(string Code, string Message, int? SheetNumber, Guid? SheetId)
{
    public static DataIssueDto From(DataIssue i) => new(i.Code, i.Message, i.SheetNumber, i.SheetId);
}

public sealed record MoneyDto(int Year, long? CeilingCents, long AskedCents, long ApprovedCents, long ChangedCents, long CommittedCents, long? RemainingCents, long PendingCents,
    long RealCostsCents, long EligibleRealCostsCents, long DueCents, long FeesCents, long IneligibleCents, bool OverCeiling, CeilingPolicy Policy, IReadOnlyList<DataIssueDto> Issues)
{
    public static MoneyDto From(YearMoney m, CeilingPolicy policy) => new(m.Year, m.CeilingCents, m.AskedCents, m.ApprovedCents, m.ChangedCents, m.CommittedCents, m.RemainingCents,
        m.PendingCents, m.RealCostsCents, m.EligibleRealCostsCents, m.DueCents, m.FeesCents, m.IneligibleCents, m.OverCeiling, policy, [.. m.Issues.Select(DataIssueDto.From)]);
}

public sealed record DashboardDto(int Year, int Actions, string YouthTargetedVerdict, string YouthReachedVerdict, string GenderVerdict, MoneyDto Money, IReadOnlyList<FigureTableDto> Tables);

public sealed record SectionDto(Guid? AxisId, string Heading, string Text);

public sealed record ReportVersionDto(int Number, DateOnly? SentOn, IReadOnlyList<SectionDto> Sections);

public sealed record ReportResponseDto(int VersionNumber, Guid PartyId, bool Validated, string? Comment, DateOnly On, string By);

public sealed record AnnualReportDto(int Year, AnnualReportStatus Status, int Version, DateOnly DueOn, string DueSource, DateOnly? CommissionPresentedOn, DateOnly? BoardPresentedOn,
    IReadOnlyList<ReportVersionDto> Versions, IReadOnlyList<ReportResponseDto> Responses, IReadOnlyList<Guid> AwaitedParties, IReadOnlyList<DataIssueDto> MissingData)
{
    public static AnnualReportDto From(Domain.Agreements.Agreement agreement, AnnualReport r, AnnualReportFigures figures)
    {
        var due = AnnualReport.DueDate(agreement.Terms, r.Year);
        return new(r.Year, r.Status, r.Version, due.Date, $"{agreement.Terms.AnnualReportArticle} : bilan adressé {due.Explanation}", r.CommissionPresentedOn, r.BoardPresentedOn,
            [.. r.Versions.Select(v => new ReportVersionDto(v.Number, v.SentOn, [.. v.Sections.Select(s => new SectionDto(s.AxisId, s.Heading, s.Text))]))],
            [.. r.Responses.Select(x => new ReportResponseDto(x.VersionNumber, x.PartyId, x.Validated, x.Comment, x.On, x.By))],
            [.. r.Awaited(agreement).Select(p => p.Id)], [.. figures.Missing.Select(DataIssueDto.From)]);
    }
}

public sealed record ReportTextInput(int? Version, IReadOnlyList<SectionInputDto> Sections);

public sealed record SectionInputDto(Guid? AxisId, string? Text);

public sealed record PresentationInput(int? Version, DateOnly? CommissionPresentedOn, DateOnly? BoardPresentedOn);

public sealed record ReportResponseInput(int? Version, Guid PartyId, bool Validate, string? Comment);

public sealed record AnnualPlanDto(int Year, int? Version, string Priorities, string? DecidedAt, IReadOnlyList<Guid> ValidatedSheetIds, long CommittedCents);

public sealed record AnnualPlanInput(int? Version, string? Priorities, string? DecidedAt);

/// <summary>/api/v1/agreements/{id}/…: money, dashboards, annual reports and plans, open data — the same use cases as the pages.</summary>
public static class ReportingApi
{
    private const string Tag = "Bilans et tableaux de bord";

    public static void MapReportingApi(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/agreements/{id:guid}").WithTags(Tag);

        group.MapGet("/money/{year:int}", MoneyAsync).RequireAgreement(AgreementPermission.ViewReports)
            .WithSummary("Budget de l'année : plafond, demandé, approuvé, modifié, coûts réels, dû (art. 16)");
        group.MapGet("/dashboard/{year:int}", DashboardAsync).RequireAgreement(AgreementPermission.ViewReports)
            .WithSummary("Tableau de bord de l'année : chaque tableau des graphiques, filtrable par axe, niveau et région");

        group.MapGet("/annual-reports/{year:int}", GetReportAsync).RequireAgreement(AgreementPermission.ViewReports)
            .WithSummary("Le bilan annuel : versions, présentation, réponses des signataires, données manquantes");
        group.MapPost("/annual-reports/{year:int}", OpenReportAsync).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Établir le bilan d'une année terminée");
        group.MapPut("/annual-reports/{year:int}/text", EditReportTextAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Rédiger la partie qualitative (une partie par axe ; une version adressée ouvre la suivante)");
        group.MapPut("/annual-reports/{year:int}/presentation", RecordPresentationAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Dates de présentation à la commission et au conseil d'administration de l'OPCO");
        group.MapPost("/annual-reports/{year:int}/send", SendReportAsync).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Adresser la version en cours aux signataires (échéance de l'art. 15)");
        group.MapPost("/annual-reports/{year:int}/responses", RespondToReportAsync).RequireAgreement(AgreementPermission.ValidateAnnualReport)
            .WithSummary("Valider ou commenter la version adressée, au nom d'un signataire que l'on représente");
        group.MapGet("/annual-reports/{year:int}/document", ReportDocumentAsync).RequireAgreement(AgreementPermission.ViewReports)
            .WithSummary("Le bilan en PDF (format=pdf) ou Word (format=docx), version en cours ou indiquée")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
        group.MapGet("/annual-reports/{year:int}/annex.xlsx", ReportAnnexAsync).RequireAgreement(AgreementPermission.ViewReports).WithSummary("L'annexe des chiffres du bilan (XLSX)")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        group.MapGet("/annual-plans/{year:int}", GetPlanAsync).RequireAgreement(AgreementPermission.ViewReports).WithSummary("Le programme d'actions de l'année : priorités et actions validées");
        group.MapPut("/annual-plans/{year:int}", SavePlanAsync).WithMetadata(new CreatesWhenAbsent()).RequireAgreement(AgreementPermission.SteerActions)
            .WithSummary("Enregistrer les priorités du programme (version obligatoire une fois créé)");

        group.MapGet("/open-data.csv", OpenDataCsvAsync).RequireAgreement(AgreementPermission.View)
            .WithSummary("Données ouvertes en CSV : actions validées, territoires, publics, montants ; aucune donnée personnelle")
            .Produces<byte[]>(StatusCodes.Status200OK, "text/csv");
        group.MapGet("/open-data.json", OpenDataJsonAsync).RequireAgreement(AgreementPermission.View).WithSummary("Données ouvertes en JSON (mêmes informations, une entrée par action)")
            .Produces<byte[]>(StatusCodes.Status200OK, "application/json");
    }

    private static async Task<Ok<MoneyDto>> MoneyAsync(Guid id, int year, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct)
    {
        var agreement = (await agreements.LoadAsync(id, ct))!;
        return TypedResults.Ok(MoneyDto.From(YearMoney.Compute(year, ReportingQueries.Ceiling(agreement, year), await reporting.FiguresAsync(id, year, ct)), agreement.Terms.CeilingPolicy));
    }

    private static async Task<Ok<DashboardDto>> DashboardAsync(
        Guid id, int year, Guid? axis, ActionLevel? level, string? region, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct)
    {
        var agreement = (await agreements.LoadAsync(id, ct))!;
        var d = await reporting.DashboardAsync(agreement, year, new DashboardFilter(axis, level, region), ct);
        return TypedResults.Ok(new DashboardDto(d.Year, d.ActionCount, d.YouthTargeted.Verdict, d.YouthReached.Verdict, d.Gender.Verdict, MoneyDto.From(d.Money, agreement.Terms.CeilingPolicy),
            [.. DashboardTables.For(d).Select(FigureTableDto.From)]));
    }

    private static readonly DomainError NoReport = DomainError.NotFound("Aucun bilan n'a été établi pour cette année.");

    private static async Task<Results<Ok<AnnualReportDto>, Refusal>> GetReportAsync(
        Guid id, int year, ReportingCommands commands, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct) =>
        await commands.LoadReportAsync(id, year, ct) is { } report
            ? await ReportAnswerAsync(report, id, year, reporting, agreements, ct)
            : new Refusal([NoReport]);

    private static async Task<Results<Ok<AnnualReportDto>, Refusal>> OpenReportAsync(
        Guid id, int year, ReportingCommands commands, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(await commands.OpenReportAsync(id, year, ct), id, year, reporting, agreements, ct);

    private static async Task<Results<Ok<AnnualReportDto>, Refusal>> EditReportTextAsync(
        Guid id, int year, ReportTextInput input, ReportingCommands commands, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(await commands.EditTextAsync(id, year, input.Version, [.. (input.Sections ?? []).Select(s => new QualitativeSection(s.AxisId, "", s.Text ?? ""))], ct),
            id, year, reporting, agreements, ct);

    private static async Task<Results<Ok<AnnualReportDto>, Refusal>> RecordPresentationAsync(
        Guid id, int year, PresentationInput input, ReportingCommands commands, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(await commands.RecordPresentationAsync(id, year, input.Version, input.CommissionPresentedOn, input.BoardPresentedOn, ct), id, year, reporting, agreements, ct);

    private static async Task<Results<Ok<AnnualReportDto>, Refusal>> SendReportAsync(
        Guid id, int year, VersionInput input, ReportingCommands commands, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct) =>
        await AnswerAsync(await commands.SendAsync(id, year, input.Version, ct), id, year, reporting, agreements, ct);

    private static async Task<Results<Ok<AnnualReportDto>, Refusal>> RespondToReportAsync(
        Guid id, int year, ReportResponseInput input, HttpContext http, ReportingCommands commands, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct)
    {
        var agreement = (await agreements.LoadAsync(id, ct))!;
        var grant = http.Grant();
        if (!grant.IsAdministrator && !AnnualReport.PartiesAnsweredBy(agreement, grant.Memberships).Contains(input.PartyId))
        {
            return new Refusal([new DomainError("report.respond.party", "Vous ne représentez pas ce signataire.", "PartyId")]);
        }

        return await AnswerAsync(await commands.RespondAsync(id, year, input.Version, input.PartyId, input.Validate, input.Comment, Actor.Of(http.User).Name, ct),
            id, year, reporting, agreements, ct);
    }

    private static async Task<Results<FileContentHttpResult, Refusal>> ReportDocumentAsync(
        Guid id, int year, string? format, int? version, ReportingCommands commands, ReportingQueries reporting, AgreementReader agreements, AgreementRulesReport rules, CancellationToken ct)
    {
        if (await commands.LoadReportAsync(id, year, ct) is not { } report)
        {
            return new Refusal([NoReport]);
        }

        if (version is { } v && report.Versions.All(x => x.Number != v))
        {
            return new Refusal([DomainError.NotFound("Cette version du bilan n'existe pas.")]);
        }

        var agreement = (await agreements.LoadAsync(id, ct))!;
        var (content, type, extension) = ReportingDocuments.Render(
            ReportingDocuments.AnnualReport(agreement, report, version ?? report.CurrentVersion.Number, await reporting.ReportAsync(agreement, year, ct), reporting.Today,
                await rules.ForYearAsync(agreement, year, ct)),
            format == "docx" ? "docx" : "pdf");
        return TypedResults.File(content, type, $"bilan-{year}.{extension}");
    }

    private static async Task<FileContentHttpResult> ReportAnnexAsync(Guid id, int year, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct)
    {
        var agreement = (await agreements.LoadAsync(id, ct))!;
        var figures = await reporting.ReportAsync(agreement, year, ct);
        return TypedResults.File(ReportingDocuments.Annex(figures.Dashboard, figures.Actions, agreement), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"bilan-{year}-annexe.xlsx");
    }

    private static async Task<Ok<AnnualPlanDto>> GetPlanAsync(Guid id, int year, ReportingCommands commands, ReportingQueries reporting, CancellationToken ct)
    {
        var plan = await commands.LoadPlanAsync(id, year, ct);
        return TypedResults.Ok(await PlanDtoAsync(id, year, plan?.Version, plan?.Priorities ?? "", plan?.DecidedAt, reporting, ct));
    }

    private static async Task<Results<Ok<AnnualPlanDto>, Refusal>> SavePlanAsync(Guid id, int year, AnnualPlanInput input, ReportingCommands commands, ReportingQueries reporting, CancellationToken ct)
    {
        var saved = await commands.SavePlanAsync(id, year, input.Version, input.Priorities, input.DecidedAt, ct);
        return saved.IsFailure
            ? new Refusal(saved.Errors)
            : TypedResults.Ok(await PlanDtoAsync(id, year, saved.Value.Version, saved.Value.Priorities, saved.Value.DecidedAt, reporting, ct));
    }

    /// <summary>The plan's priorities with the year's validated actions, as recorded.</summary>
    private static async Task<AnnualPlanDto> PlanDtoAsync(Guid id, int year, int? version, string priorities, string? decidedAt, ReportingQueries reporting, CancellationToken ct)
    {
        var validated = (await reporting.FiguresAsync(id, year, ct)).Where(f => f.IsCommitted).OrderBy(f => f.Number).ToList();
        return new AnnualPlanDto(year, version, priorities, decidedAt, [.. validated.Select(f => f.SheetId)], validated.Sum(f => f.CommittedCents));
    }

    private static async Task<FileContentHttpResult> OpenDataCsvAsync(Guid id, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct)
    {
        var (agreement, actions) = await OpenDataPageModel.BuildAsync(reporting, agreements, id, ct);
        return TypedResults.File(OpenData.Csv(actions), "text/csv; charset=utf-8", $"{agreement.Reference.ToLowerInvariant()}-actions.csv");
    }

    private static async Task<FileContentHttpResult> OpenDataJsonAsync(Guid id, ReportingQueries reporting, AgreementReader agreements, TimeProvider clock, CancellationToken ct)
    {
        var (agreement, actions) = await OpenDataPageModel.BuildAsync(reporting, agreements, id, ct);
        return TypedResults.File(OpenData.JsonDocument(agreement, actions, clock.GetUtcNow()), "application/json; charset=utf-8", $"{agreement.Reference.ToLowerInvariant()}-actions.json");
    }

    /// <summary>The report as it now is, with its figures, or the refusal of the use case.</summary>
    private static async Task<Results<Ok<AnnualReportDto>, Refusal>> AnswerAsync(
        Result<AnnualReport> result, Guid id, int year, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct) =>
        result.IsSuccess ? await ReportAnswerAsync(result.Value, id, year, reporting, agreements, ct) : new Refusal(result.Errors);

    private static async Task<Results<Ok<AnnualReportDto>, Refusal>> ReportAnswerAsync(
        AnnualReport report, Guid id, int year, ReportingQueries reporting, AgreementReader agreements, CancellationToken ct)
    {
        var agreement = (await agreements.LoadAsync(id, ct))!;
        return TypedResults.Ok(AnnualReportDto.From(agreement, report, await reporting.ReportAsync(agreement, year, ct)));
    }
}
