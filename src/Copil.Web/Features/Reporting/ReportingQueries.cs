using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Reference;
using Copil.Domain.Reporting;
using Copil.Web.Data;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Reporting;

/// <summary>
/// Reads the actions' figures (one JSON column per sheet, filtered on the indexed year) and hands them to the domain,
/// which computes money, dashboards, reports and ceiling checks. Nothing is totalled here.
/// </summary>
public sealed class ReportingQueries(CopilDbContext db, TimeProvider clock, DashboardCache dashboards)
{
    public DateOnly Today => clock.TodayInParis();

    public static long? Ceiling(Agreement agreement, int? year) =>
        year is { } y ? agreement.YearlyCeilings.FirstOrDefault(c => c.Year == y)?.AmountCents : null;

    public static Dictionary<Guid, string> AxisNames(Agreement agreement) => agreement.Axes.ToDictionary(a => a.Id, a => a.Title);

    public static string RegionName(string code) => Territories.Regions.FirstOrDefault(r => r.Code == code)?.Name ?? code;

    /// <summary>The years that have actions, and the years of the agreement's term, most recent first.</summary>
    public async Task<List<int>> YearsAsync(Agreement agreement, CancellationToken ct)
    {
        // Years that have had actions are rows of their own (kept by ReportingYearStamps): no scan of the sheets.
        var years = await db.Set<ReportingYear>().AsNoTracking().Where(r => r.AgreementId == agreement.Id).Select(r => r.Year).ToListAsync(ct);
        if (agreement.SignedOn is { } signed)
        {
            var last = agreement.LastDayInForce?.Year ?? Today.Year;
            years.AddRange(Enumerable.Range(signed.Year, Math.Max(0, last - signed.Year + 1)));
        }

        years.AddRange(agreement.YearlyCeilings.Select(c => c.Year));
        return [.. years.Distinct().OrderDescending()];
    }

    public Task<List<ActionFigures>> FiguresAsync(Guid agreementId, int year, CancellationToken ct) =>
        ReadAsync(db.ActionSheets.Where(s => s.AgreementId == agreementId && s.BudgetYear == year), ct);

    /// <summary>Every action of the agreement (open data).</summary>
    public Task<List<ActionFigures>> AllFiguresAsync(Guid agreementId, CancellationToken ct) =>
        ReadAsync(db.ActionSheets.Where(s => s.AgreementId == agreementId), ct);

    private static async Task<List<ActionFigures>> ReadAsync(IQueryable<ActionSheet> sheets, CancellationToken ct) =>
        [.. (await sheets.AsNoTracking().Select(s => s.Figures).ToListAsync(ct)).OfType<ActionFigures>()];

    /// <summary>What the annual report of <paramref name="year"/> reads: the actions of the year, those without a year, those validated during it.</summary>
    public async Task<List<ActionFigures>> ReportFiguresAsync(Guid agreementId, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        return await ReadAsync(db.ActionSheets
            .Where(s => s.AgreementId == agreementId && (s.BudgetYear == year || s.BudgetYear == null || (s.FirstValidatedOn >= from && s.FirstValidatedOn <= to))), ct);
    }

    /// <summary>
    /// The dashboard of a year, computed once per state of the year's figures: the stamp is read first, so figures read
    /// after it are at least as recent, and a dashboard kept under a stamp is never older than the stamp (ADR 18).
    /// </summary>
    public async Task<Dashboard> DashboardAsync(Agreement agreement, int year, DashboardFilter filter, CancellationToken ct)
    {
        var stamp = await db.Set<ReportingYear>().AsNoTracking().Where(r => r.AgreementId == agreement.Id && r.Year == year).Select(r => (long?)r.Stamp).FirstOrDefaultAsync(ct);
        var ceiling = Ceiling(agreement, year);
        var axisNames = AxisNames(agreement);
        if (stamp is null)
        {
            // No action was ever dated in this year.
            return Dashboard.Compute(year, filter, [], ceiling, axisNames, RegionName);
        }

        var key = new DashboardCache.Key(agreement.Id, year, stamp.Value, filter, ceiling,
            string.Join("\n", axisNames.OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value}")));
        // Not cancelled with this request: other requests for the same dashboard may be waiting on this computation.
        return await dashboards.GetOrComputeAsync(key, async () =>
            Dashboard.Compute(year, filter, await FiguresAsync(agreement.Id, year, CancellationToken.None), ceiling, axisNames, RegionName));
    }

    public async Task<AnnualReportFigures> ReportAsync(Agreement agreement, int year, CancellationToken ct) =>
        AnnualReportFigures.Compute(year, await ReportFiguresAsync(agreement.Id, year, ct), Ceiling(agreement, year),
            [.. agreement.Axes.OrderBy(a => a.Position).Select(a => (a.Id, a.Title))], RegionName);

    /// <summary>The ceiling check of every sheet given, each against the other actions of its year (art. 16).</summary>
    public async Task<Dictionary<Guid, CeilingCheck>> CeilingChecksAsync(Agreement agreement, IReadOnlyCollection<Guid> sheetIds, CancellationToken ct)
    {
        var checks = new Dictionary<Guid, CeilingCheck>();
        if (sheetIds.Count == 0)
        {
            return checks;
        }

        var candidates = await ReadAsync(db.ActionSheets.Where(s => s.AgreementId == agreement.Id && sheetIds.Contains(s.Id)), ct);
        foreach (var year in candidates.Select(c => c.Year).Distinct())
        {
            var sameYear = year is { } y ? await FiguresAsync(agreement.Id, y, ct) : [];
            foreach (var candidate in candidates.Where(c => c.Year == year))
            {
                checks[candidate.SheetId] = CeilingCheck.For(candidate, sameYear, Ceiling(agreement, year), agreement.Terms.CeilingPolicy);
            }
        }

        return checks;
    }

    public async Task<CeilingCheck> CeilingCheckAsync(Agreement agreement, Guid sheetId, CancellationToken ct) =>
        (await CeilingChecksAsync(agreement, [sheetId], ct)).GetValueOrDefault(sheetId) ?? CeilingCheck.None;

    /// <summary>The ceiling check of a sheet being decided in this unit of work: its own figures as they are now.</summary>
    public async Task<CeilingCheck> CeilingCheckAsync(Agreement agreement, ActionSheet sheet, CancellationToken ct)
    {
        var figures = ActionFigures.Of(sheet);
        var sameYear = figures.Year is { } y ? await FiguresAsync(agreement.Id, y, ct) : [];
        // Sheets decided earlier in the same unit of work (a consultation closing on several points) count as they are now.
        var pending = db.ChangeTracker.Entries<ActionSheet>().Where(e => e.Entity.AgreementId == agreement.Id && e.Entity.Id != sheet.Id)
            .Select(e => ActionFigures.Of(e.Entity)).Where(f => f.Year == figures.Year).ToList();
        sameYear = [.. sameYear.Where(f => pending.All(p => p.SheetId != f.SheetId)), .. pending];
        return CeilingCheck.For(figures, sameYear, Ceiling(agreement, figures.Year), agreement.Terms.CeilingPolicy);
    }
}
