using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Notifications;
using Copil.Domain.Reporting;
using Copil.Web.Data;
using Copil.Web.Features.Agreements;
using Copil.Web.Features.Notifications;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Reporting;

/// <summary>
/// The use cases of the annual report and the annual action plan, shared by the pages and the API. Each takes the
/// version the caller saw; a concurrent change is reported, never overwritten.
/// </summary>
public sealed class ReportingCommands(CopilDbContext db, AgreementReader agreements, Notifier notifier, TimeProvider clock)
{
    public static readonly DomainError NotFound = DomainError.NotFound("Ce bilan annuel n'existe pas encore.");

    public static readonly DomainError Conflict = DomainError.Conflict("Le document a été modifié par quelqu'un d'autre pendant que vous travailliez : vos saisies sont conservées ci-dessous ; vérifiez la version à jour puis enregistrez à nouveau.");

    public DateOnly Today => clock.TodayInParis();

    public static string ReportPath(Guid agreementId, int year) => $"/conventions/{agreementId}/bilans/{year}";

    public static string PlanPath(Guid agreementId, int year) => $"/conventions/{agreementId}/programmes/{year}";

    public Task<AnnualReport?> LoadReportAsync(Guid agreementId, int year, CancellationToken ct = default) =>
        db.AnnualReports.FirstOrDefaultAsync(r => r.AgreementId == agreementId && r.Year == year, ct);

    public Task<AnnualPlan?> LoadPlanAsync(Guid agreementId, int year, CancellationToken ct = default) =>
        db.AnnualPlans.FirstOrDefaultAsync(p => p.AgreementId == agreementId && p.Year == year, ct);

    public async Task<Result<AnnualReport>> OpenReportAsync(Guid agreementId, int year, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return AgreementCommands.NotFound;
        }

        if (await LoadReportAsync(agreementId, year, ct) is { } existing)
        {
            return existing;
        }

        var opened = AnnualReport.Open(agreement, year, Today);
        if (opened.IsFailure)
        {
            return opened;
        }

        db.AnnualReports.Add(opened.Value);
        try
        {
            await db.SaveChangesAsync(ct);
            return opened;
        }
        catch (DbUpdateException)
        {
            // Opened at the same moment by someone else: the unique index keeps one, which we return.
            db.ChangeTracker.Clear();
            return (await LoadReportAsync(agreementId, year, ct))!;
        }
    }

    public Task<Result<AnnualReport>> EditTextAsync(Guid agreementId, int year, int? expectedVersion, IReadOnlyList<QualitativeSection> sections, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, year, expectedVersion, (a, r) => r.EditText(a, sections), ct);

    public Task<Result<AnnualReport>> RecordPresentationAsync(Guid agreementId, int year, int? expectedVersion, DateOnly? commission, DateOnly? board, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, year, expectedVersion, (_, r) => r.RecordPresentation(commission, board, Today), ct);

    /// <summary>Sends the report to the signatories; the people who answer for them are told, with the art. 15 due date.</summary>
    public Task<Result<AnnualReport>> SendAsync(Guid agreementId, int year, int? expectedVersion, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, year, expectedVersion, (_, r) => r.Send(Today), ct, async (a, r) =>
        {
            var parties = AnnualReport.Validators(a).Select(p => p.Id).ToHashSet();
            var due = AnnualReport.DueDate(a.Terms, year);
            await notifier.NotifyAsync(
                new Notice($"annual-report:{r.Id}:sent:v{r.CurrentVersion.Number}", a.Id, a.Reference, NoticeKind.Event,
                    $"Bilan annuel {year} adressé pour validation",
                    $"Le secrétariat vous adresse la version {r.CurrentVersion.Number} du bilan annuel {year} de la convention {a.Reference}. Validez-le ou faites part de vos remarques.\n\nÉchéance : {FrenchText.Date(due.Date)} ({a.Terms.AnnualReportArticle} : bilan adressé {due.Explanation}).",
                    ReportPath(a.Id, year), Statutory: true),
                await notifier.MembersAsync(a.Id, m => AnnualReport.PartiesAnsweredBy(a, [m]).Any(parties.Contains), ct), ct);
        });

    public Task<Result<AnnualReport>> RespondAsync(Guid agreementId, int year, int? expectedVersion, Guid partyId, bool validate, string? comment, string by, CancellationToken ct = default) =>
        ExecuteAsync(agreementId, year, expectedVersion, (a, r) => r.Respond(a, partyId, validate, comment, Today, by), ct, async (a, r) =>
        {
            var party = a.Parties.First(p => p.Id == partyId);
            var response = r.Responses[^1];
            await notifier.NotifyAsync(
                new Notice($"annual-report:{r.Id}:response:v{response.VersionNumber}:{partyId}:{r.Responses.Count}", a.Id, a.Reference, NoticeKind.Event,
                    $"Bilan annuel {year} : {party.ShortName} {(validate ? "valide" : "commente")}",
                    validate
                        ? $"{party.ShortName} valide la version {response.VersionNumber} du bilan annuel {year}.{(r.Status == AnnualReportStatus.Validated ? " Tous les signataires l'ont validé." : "")}"
                        : $"Remarques de {party.ShortName} sur la version {response.VersionNumber} :\n{response.Comment}",
                    ReportPath(a.Id, year)),
                await notifier.MembersAsync(a.Id, m => m.Role == AgreementRole.Secretariat, ct), ct);
        });

    public async Task<Result<AnnualPlan>> SavePlanAsync(Guid agreementId, int year, int? expectedVersion, string? priorities, string? decidedAt, CancellationToken ct = default)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        if (agreement is null)
        {
            return AgreementCommands.NotFound;
        }

        var plan = await LoadPlanAsync(agreementId, year, ct);
        if (plan is null)
        {
            var opened = AnnualPlan.Open(agreement, year);
            if (opened.IsFailure)
            {
                return opened;
            }

            plan = opened.Value;
            db.AnnualPlans.Add(plan);
        }
        else if (expectedVersion != plan.Version)
        {
            return Conflict;
        }

        var edited = plan.Edit(priorities, decidedAt);
        if (edited.IsFailure)
        {
            db.ChangeTracker.Clear();
            return Result<AnnualPlan>.Failure(edited.Errors);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return plan;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return Conflict;
        }
    }

    private async Task<Result<AnnualReport>> ExecuteAsync(Guid agreementId, int year, int? expectedVersion, Func<Agreement, AnnualReport, Result> change, CancellationToken ct,
        Func<Agreement, AnnualReport, Task>? alsoInTheSameTransaction = null)
    {
        var agreement = await agreements.LoadAsync(agreementId, ct);
        var report = agreement is null ? null : await LoadReportAsync(agreementId, year, ct);
        if (agreement is null || report is null)
        {
            return NotFound;
        }

        if (expectedVersion is { } expected && expected != report.Version)
        {
            return Conflict;
        }

        var result = change(agreement, report);
        if (result.IsFailure)
        {
            db.ChangeTracker.Clear();
            return Result<AnnualReport>.Failure(result.Errors);
        }

        if (alsoInTheSameTransaction is not null)
        {
            await alsoInTheSameTransaction(agreement, report);
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return report;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return Conflict;
        }
    }
}
