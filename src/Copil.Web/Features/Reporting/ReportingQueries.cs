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
public sealed class ReportingQueries(CopilDbContext db, TimeProvider clock, DashboardCache dashboards, Agreements.AgreementReader agreements)
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
        var years = await YearsWithActionsAsync(agreement, ct);
        if (agreement.SignedOn is { } signed)
        {
            var last = agreement.LastDayInForce?.Year ?? Today.Year;
            years.AddRange(Enumerable.Range(signed.Year, Math.Max(0, last - signed.Year + 1)));
        }

        years.AddRange(agreement.YearlyCeilings.Select(c => c.Year));
        return [.. years.Distinct().OrderDescending()];
    }

    /// <summary>The years in which the agreement has actions (rows kept by ReportingYearStamps).</summary>
    public Task<List<int>> YearsWithActionsAsync(Agreement agreement, CancellationToken ct) =>
        db.Set<ReportingYear>().AsNoTracking().Where(r => r.AgreementId == agreement.Id).Select(r => r.Year).ToListAsync(ct);

    public Task<List<ActionFigures>> FiguresAsync(Guid agreementId, int year, CancellationToken ct) =>
        ReadAsync(db.ActionSheets.Where(s => s.AgreementId == agreementId && s.BudgetYear == year), ct);

    /// <summary>The money committed each year of the agreement's term (and any other year that has actions), against its ceiling.</summary>
    public async Task<List<YearMoney>> MoneyByYearAsync(Agreement agreement, CancellationToken ct)
    {
        var figures = await AllFiguresAsync(agreement.Id, ct);
        var years = figures.Where(f => f.Year is not null).Select(f => f.Year!.Value).Concat(agreement.YearlyCeilings.Select(c => c.Year));
        if (agreement.SignedOn is { } signed)
        {
            years = years.Concat(Enumerable.Range(signed.Year, Math.Max(0, Math.Min(agreement.LastDayInForce?.Year ?? Today.Year, Today.Year + 1) - signed.Year + 1)));
        }

        return [.. years.Distinct().Order().Select(y => YearMoney.Compute(y, Ceiling(agreement, y), figures))];
    }

    /// <summary>Every action of the agreement (open data).</summary>
    public Task<List<ActionFigures>> AllFiguresAsync(Guid agreementId, CancellationToken ct) =>
        ReadAsync(db.ActionSheets.Where(s => s.AgreementId == agreementId), ct);

    private static async Task<List<ActionFigures>> ReadAsync(IQueryable<ActionSheet> sheets, CancellationToken ct) =>
        [.. (await sheets.AsNoTracking().Select(s => s.Figures).ToListAsync(ct)).OfType<ActionFigures>()];

    /// <summary>
    /// The dashboard of a year, computed once per state of the year's figures: the stamp is read first, so figures read
    /// after it are at least as recent, and a dashboard kept under a stamp is never older than the stamp (ADR 18).
    /// </summary>
    public async Task<Dashboard> DashboardAsync(Agreement agreement, int year, DashboardFilter filter, CancellationToken ct)
    {
        var declinations = await DeclinationsAsync(agreement, ct);
        var ids = declinations.Select(d => d.Id).Append(agreement.Id).ToList();
        var stamps = await db.Set<ReportingYear>().AsNoTracking().Where(r => ids.Contains(r.AgreementId) && r.Year == year)
            .Select(r => new { r.AgreementId, r.Stamp }).ToListAsync(ct);
        var ceiling = Ceiling(agreement, year);
        var axisNames = AxisNames(agreement);
        if (stamps.Count == 0)
        {
            // No action was ever dated in this year, here or in a declination.
            return Dashboard.Compute(year, filter, [], ceiling, axisNames, RegionName);
        }

        // One stamp for the national figures and those of its declinations: any of them changing makes a new one.
        var stamp = stamps.OrderBy(x => x.AgreementId).Aggregate(17L, (h, x) => unchecked((h * 1_000_003) ^ x.Stamp ^ x.AgreementId.GetHashCode()));
        var key = new DashboardCache.Key(agreement.Id, year, stamp, filter, ceiling,
            string.Join("\n", axisNames.OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value}")));
        // Not cancelled with this request: other requests for the same dashboard may be waiting on this computation.
        return await dashboards.GetOrComputeAsync(key, async () =>
            Dashboard.Compute(year, filter, await WithDeclinationsAsync(agreement, declinations, s => s.BudgetYear == year, CancellationToken.None), ceiling, axisNames, RegionName));
    }

    /// <summary>The annual report of a national agreement counts its declinations' actions too, under their territory.</summary>
    public async Task<AnnualReportFigures> ReportAsync(Agreement agreement, int year, CancellationToken ct)
    {
        var from = new DateOnly(year, 1, 1);
        var to = new DateOnly(year, 12, 31);
        var figures = await WithDeclinationsAsync(agreement, await DeclinationsAsync(agreement, ct),
            s => s.BudgetYear == year || s.BudgetYear == null || (s.FirstValidatedOn >= from && s.FirstValidatedOn <= to), ct);
        return AnnualReportFigures.Compute(year, figures, Ceiling(agreement, year),
            [.. agreement.Axes.OrderBy(a => a.Position).Select(a => (a.Id, a.Title))], RegionName);
    }

    /// <summary>The regional declinations of a national agreement (none for a declination itself).</summary>
    public async Task<List<Agreement>> DeclinationsAsync(Agreement agreement, CancellationToken ct) =>
        agreement.IsDeclination ? [] : await agreements.LoadManyAsync(db.Agreements.Where(a => a.NationalAgreementId == agreement.Id).Select(a => a.Id), ct);

    /// <summary>
    /// The figures of the agreement's actions and of its declinations' (art. 3 and 4), in one read: a declination's action
    /// without a territory of its own counts under the declination's région académique, and under the national axis of
    /// the same title.
    /// </summary>
    private async Task<List<ActionFigures>> WithDeclinationsAsync(Agreement agreement, List<Agreement> declinations, System.Linq.Expressions.Expression<Func<ActionSheet, bool>> which, CancellationToken ct)
    {
        if (declinations.Count == 0)
        {
            return await ReadAsync(db.ActionSheets.Where(s => s.AgreementId == agreement.Id).Where(which), ct);
        }

        var ids = declinations.Select(d => d.Id).Append(agreement.Id).ToList();
        var rows = await db.ActionSheets.AsNoTracking().Where(s => ids.Contains(s.AgreementId)).Where(which).Select(s => new { s.AgreementId, s.Figures }).ToListAsync(ct);
        var nationalAxes = agreement.Axes.GroupBy(a => a.Title).ToDictionary(g => g.Key, g => g.First().Id);
        var byId = declinations.ToDictionary(d => d.Id);
        return [.. rows.Where(r => r.Figures is not null).Select(r => !byId.TryGetValue(r.AgreementId, out var declination) ? r.Figures! : r.Figures! with
        {
            RegionCodes = r.Figures!.RegionCodes.Count > 0 || declination.RegionCode is null ? r.Figures.RegionCodes : [declination.RegionCode],
            AxisId = r.Figures.AxisId is { } axis && declination.Axes.FirstOrDefault(a => a.Id == axis) is { } own && nationalAxes.TryGetValue(own.Title, out var national) ? national : r.Figures.AxisId,
        })];
    }

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
