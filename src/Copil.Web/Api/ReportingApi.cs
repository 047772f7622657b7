using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Common;
using Copil.Domain.Reporting;
using Copil.Web.Documents;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Reporting;

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

        group.MapGet("/money/{year:int}", async (Guid id, int year, ReportingQueries reporting, AgreementCommands agreements, CancellationToken ct) =>
        {
            var agreement = (await agreements.LoadAsync(id, ct))!;
            return TypedResults.Ok(MoneyDto.From(YearMoney.Compute(year, ReportingQueries.Ceiling(agreement, year), await reporting.FiguresAsync(id, year, ct)), agreement.Terms.CeilingPolicy));
        }).RequireAgreement(AgreementPermission.View).WithSummary("Budget de l'année : plafond, demandé, approuvé, modifié, coûts réels, dû (art. 16)").Produces<MoneyDto>();

        group.MapGet("/dashboard/{year:int}", async (Guid id, int year, Guid? axis, ActionLevel? level, string? region, ReportingQueries reporting, AgreementCommands agreements, CancellationToken ct) =>
        {
            var agreement = (await agreements.LoadAsync(id, ct))!;
            var d = await reporting.DashboardAsync(agreement, year, new DashboardFilter(axis, level, region), ct);
            return TypedResults.Ok(new DashboardDto(d.Year, d.ActionCount, d.YouthTargeted.Verdict, d.YouthReached.Verdict, d.Gender.Verdict, MoneyDto.From(d.Money, agreement.Terms.CeilingPolicy),
                [.. DashboardTables.For(d).Select(FigureTableDto.From)]));
        }).RequireAgreement(AgreementPermission.View).WithSummary("Tableau de bord de l'année : chaque tableau des graphiques, filtrable par axe, niveau et région").Produces<DashboardDto>();

        group.MapGet("/annual-reports/{year:int}", async (Guid id, int year, ReportingCommands commands, ReportingQueries reporting, AgreementCommands agreements, CancellationToken ct) =>
        {
            var agreement = (await agreements.LoadAsync(id, ct))!;
            return await commands.LoadReportAsync(id, year, ct) is { } report
                ? TypedResults.Ok(AnnualReportDto.From(agreement, report, await reporting.ReportAsync(agreement, year, ct)))
                : ApiSupport.NotFound();
        }).RequireAgreement(AgreementPermission.View).WithSummary("Le bilan annuel : versions, présentation, réponses des signataires, données manquantes").Produces<AnnualReportDto>();

        MapReport(group, "POST", "", AgreementPermission.SteerActions, "Établir le bilan d'une année terminée",
            (ReportingCommands c, Guid id, int year, HttpContext _, CancellationToken ct) => c.OpenReportAsync(id, year, ct));
        MapReport<ReportTextInput>(group, "PUT", "/text", AgreementPermission.SteerActions, "Rédiger la partie qualitative (une partie par axe ; une version adressée ouvre la suivante)",
            (i, c, id, year, _, ct) => c.EditTextAsync(id, year, i.Version, [.. (i.Sections ?? []).Select(s => new QualitativeSection(s.AxisId, "", s.Text ?? ""))], ct));
        MapReport<PresentationInput>(group, "PUT", "/presentation", AgreementPermission.SteerActions, "Dates de présentation à la commission et au conseil d'administration de l'OPCO",
            (i, c, id, year, _, ct) => c.RecordPresentationAsync(id, year, i.Version, i.CommissionPresentedOn, i.BoardPresentedOn, ct));
        MapReport<VersionInput>(group, "POST", "/send", AgreementPermission.SteerActions, "Adresser la version en cours aux signataires (échéance de l'art. 15)",
            (i, c, id, year, _, ct) => c.SendAsync(id, year, i.Version, ct));
        MapReport<ReportResponseInput>(group, "POST", "/responses", AgreementPermission.ValidateAnnualReport, "Valider ou commenter la version adressée, au nom d'un signataire que l'on représente",
            async (i, c, id, year, http, ct) =>
            {
                var agreement = (await http.RequestServices.GetRequiredService<AgreementCommands>().LoadAsync(id, ct))!;
                var grant = http.Grant();
                if (!grant.IsAdministrator && !AnnualReport.PartiesAnsweredBy(agreement, grant.Memberships).Contains(i.PartyId))
                {
                    return new DomainError("report.respond.party", "Vous ne représentez pas ce signataire.", "PartyId");
                }

                return await c.RespondAsync(id, year, i.Version, i.PartyId, i.Validate, i.Comment, http.User.Identity?.Name ?? "", ct);
            });

        group.MapGet("/annual-reports/{year:int}/document", async (Guid id, int year, string? format, int? version, ReportingCommands commands, ReportingQueries reporting, AgreementCommands agreements, CancellationToken ct) =>
        {
            var agreement = (await agreements.LoadAsync(id, ct))!;
            if (await commands.LoadReportAsync(id, year, ct) is not { } report || (version is { } v && report.Versions.All(x => x.Number != v)))
            {
                return ApiSupport.NotFound();
            }

            var (content, type, extension) = ReportingDocuments.Render(
                ReportingDocuments.AnnualReport(agreement, report, version ?? report.CurrentVersion.Number, await reporting.ReportAsync(agreement, year, ct), reporting.Today), format == "docx" ? "docx" : "pdf");
            return Results.File(content, type, $"bilan-{year}.{extension}");
        }).RequireAgreement(AgreementPermission.View).WithSummary("Le bilan en PDF (format=pdf) ou Word (format=docx), version en cours ou indiquée")
            .Produces<Stream>(StatusCodes.Status200OK, "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document");

        group.MapGet("/annual-reports/{year:int}/annex.xlsx", async (Guid id, int year, ReportingQueries reporting, AgreementCommands agreements, CancellationToken ct) =>
        {
            var agreement = (await agreements.LoadAsync(id, ct))!;
            var figures = await reporting.ReportAsync(agreement, year, ct);
            return Results.File(ReportingDocuments.Annex(figures.Dashboard, figures.Actions, agreement), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"bilan-{year}-annexe.xlsx");
        }).RequireAgreement(AgreementPermission.View).WithSummary("L'annexe des chiffres du bilan (XLSX)")
            .Produces<Stream>(StatusCodes.Status200OK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

        group.MapGet("/annual-plans/{year:int}", async (Guid id, int year, ReportingCommands commands, ReportingQueries reporting, CancellationToken ct) =>
        {
            var plan = await commands.LoadPlanAsync(id, year, ct);
            var validated = (await reporting.FiguresAsync(id, year, ct)).Where(f => f.IsCommitted).OrderBy(f => f.Number).ToList();
            return TypedResults.Ok(new AnnualPlanDto(year, plan?.Version, plan?.Priorities ?? "", plan?.DecidedAt, [.. validated.Select(f => f.SheetId)], validated.Sum(f => f.CommittedCents)));
        }).RequireAgreement(AgreementPermission.View).WithSummary("Le programme d'actions de l'année : priorités et actions validées").Produces<AnnualPlanDto>();

        group.MapPut("/annual-plans/{year:int}", async (Guid id, int year, AnnualPlanInput input, ReportingCommands commands, ReportingQueries reporting, CancellationToken ct) =>
        {
            var saved = await commands.SavePlanAsync(id, year, input.Version, input.Priorities, input.DecidedAt, ct);
            if (saved.IsFailure)
            {
                return ApiSupport.Problem(saved.Errors);
            }

            var validated = (await reporting.FiguresAsync(id, year, ct)).Where(f => f.IsCommitted).OrderBy(f => f.Number).ToList();
            return TypedResults.Ok(new AnnualPlanDto(year, saved.Value.Version, saved.Value.Priorities, saved.Value.DecidedAt, [.. validated.Select(f => f.SheetId)], validated.Sum(f => f.CommittedCents)));
        }).WithMetadata(new CreatesWhenAbsent()).RequireAgreement(AgreementPermission.SteerActions).WithSummary("Enregistrer les priorités du programme (version obligatoire une fois créé)").Produces<AnnualPlanDto>().ProducesValidationProblem();

        group.MapGet("/open-data.csv", async (Guid id, ReportingQueries reporting, AgreementCommands agreements, CancellationToken ct) =>
        {
            var (agreement, actions) = await OpenDataPageModel.BuildAsync(reporting, agreements, id, ct);
            return Results.File(OpenData.Csv(actions), "text/csv; charset=utf-8", $"{agreement.Reference.ToLowerInvariant()}-actions.csv");
        }).RequireAgreement(AgreementPermission.View).WithSummary("Données ouvertes en CSV : actions validées, territoires, publics, montants ; aucune donnée personnelle")
            .Produces<Stream>(StatusCodes.Status200OK, "text/csv");

        group.MapGet("/open-data.json", async (Guid id, ReportingQueries reporting, AgreementCommands agreements, TimeProvider clock, CancellationToken ct) =>
        {
            var (agreement, actions) = await OpenDataPageModel.BuildAsync(reporting, agreements, id, ct);
            return Results.File(OpenData.JsonDocument(agreement, actions, clock.GetUtcNow()), "application/json; charset=utf-8", $"{agreement.Reference.ToLowerInvariant()}-actions.json");
        }).RequireAgreement(AgreementPermission.View).WithSummary("Données ouvertes en JSON (mêmes informations, une entrée par action)")
            .Produces<Stream>(StatusCodes.Status200OK, "application/json");
    }

    private static void MapReport(RouteGroupBuilder group, string method, string suffix, AgreementPermission permission, string summary,
        Func<ReportingCommands, Guid, int, HttpContext, CancellationToken, Task<Result<AnnualReport>>> run) =>
        group.MapMethods($"/annual-reports/{{year:int}}{suffix}", [method], async (Guid id, int year, HttpContext http, ReportingCommands commands, ReportingQueries reporting, AgreementCommands agreements, CancellationToken ct) =>
            await Respond(await run(commands, id, year, http, ct), id, year, reporting, agreements, ct))
            .RequireAgreement(permission).WithSummary(summary).Produces<AnnualReportDto>().ProducesValidationProblem();

    private static void MapReport<TInput>(RouteGroupBuilder group, string method, string suffix, AgreementPermission permission, string summary,
        Func<TInput, ReportingCommands, Guid, int, HttpContext, CancellationToken, Task<Result<AnnualReport>>> run) =>
        group.MapMethods($"/annual-reports/{{year:int}}{suffix}", [method], async (Guid id, int year, TInput input, HttpContext http, ReportingCommands commands, ReportingQueries reporting, AgreementCommands agreements, CancellationToken ct) =>
            await Respond(await run(input, commands, id, year, http, ct), id, year, reporting, agreements, ct))
            .RequireAgreement(permission).WithSummary(summary).Produces<AnnualReportDto>().ProducesValidationProblem();

    private static async Task<IResult> Respond(Result<AnnualReport> result, Guid id, int year, ReportingQueries reporting, AgreementCommands agreements, CancellationToken ct)
    {
        if (result.IsFailure)
        {
            return ApiSupport.Problem(result.Errors);
        }

        var agreement = (await agreements.LoadAsync(id, ct))!;
        return TypedResults.Ok(AnnualReportDto.From(agreement, result.Value, await reporting.ReportAsync(agreement, year, ct)));
    }
}
