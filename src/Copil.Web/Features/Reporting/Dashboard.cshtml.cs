using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Reference;
using Copil.Domain.Reporting;
using Copil.Web.Documents;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Reporting;

/// <summary>The dashboard of an agreement for one year (art. 8, 15, 16): actions, beneficiaries, indicators and money, each chart with its table.</summary>
[AgreementPermission(AgreementPermission.ViewReports)]
public sealed class DashboardModel(Materials.MaterialCommands materials, ReportingQueries reporting, AgreementCommands agreements, AgreementReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "annee")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "axe")]
    public Guid? AxisId { get; set; }

    [BindProperty(SupportsGet = true, Name = "niveau")]
    public ActionLevel? Level { get; set; }

    [BindProperty(SupportsGet = true, Name = "region")]
    public string? RegionCode { get; set; }

    [BindProperty]
    public CeilingForm Ceiling { get; set; } = new();

    public sealed class CeilingForm
    {
        public string? Amount { get; set; }

        public int? Version { get; set; }
    }

    public Agreement Agreement { get; private set; } = null!;

    public List<int> Years { get; private set; } = [];

    /// <summary>How this dashboard's figures meet the annual report's of the same year (unfiltered dashboards only).</summary>
    public FigureReconciliation? Reconciliation { get; private set; }

    public Dashboard Dashboard { get; private set; } = null!;

    public IReadOnlyList<FigureTable> Tables { get; private set; } = [];

    public bool CanEditCeiling => HttpContext.Grant().Can(AgreementPermission.EditAgreement);

    public string Query => $"?annee={Dashboard.Year}{(AxisId is { } a ? $"&axe={a}" : "")}{(Level is { } l ? $"&niveau={l}" : "")}{(string.IsNullOrEmpty(RegionCode) ? "" : $"&region={Uri.EscapeDataString(RegionCode)}")}";

    public static IEnumerable<AcademicRegion> Regions => Territories.Regions.OrderBy(r => r.Name, StringComparer.Ordinal);

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnGetExportAsync(string? table, string? format)
    {
        await LoadAsync();
        var found = Tables.FirstOrDefault(t => t.Key == table);
        if (found is null)
        {
            return NotFound();
        }

        var name = $"{Agreement.Reference.ToLowerInvariant()}-{Dashboard.Year}-{found.Key}";
        return format == "csv"
            ? File(found.Csv(), "text/csv; charset=utf-8", $"{name}.csv")
            : File(Spreadsheets.Workbook([found.ForWorkbook()]), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx");
    }

    public async Task<IActionResult> OnPostCeilingAsync()
    {
        if (!CanEditCeiling)
        {
            return StatusCode(403);
        }

        await LoadAsync();
        if (!Copil.Web.Infrastructure.FrenchNumbers.TryParseCents(Ceiling.Amount, out var cents))
        {
            ModelState.AddModelError("Ceiling.Amount", "Indiquez le plafond en euros, par exemple 250 000 ou 250 000,50.");
            return Page();
        }

        var result = await agreements.SetYearlyCeilingAsync(Id, Ceiling.Version, Dashboard.Year, cents, HttpContext.RequestAborted);
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors, "Ceiling");
            return Page();
        }

        TempData["Success"] = $"Plafond {Dashboard.Year} enregistré.";
        return Redirect($"/conventions/{Id}/tableau-de-bord{Query}");
    }

    private async Task LoadAsync()
    {
        Agreement = (await reader.LoadAsync(Id, HttpContext.RequestAborted))!;
        Years = await reporting.YearsAsync(Agreement, HttpContext.RequestAborted);
        var year = Year is { } y && y is >= 1990 and <= 2200 ? y : await DefaultYearAsync();
        if (AxisId is { } axis && Agreement.Axes.All(a => a.Id != axis))
        {
            AxisId = null;
        }

        var filter = new DashboardFilter(AxisId, Level is { } l && Enum.IsDefined(l) ? l : null, Territories.Regions.Any(r => r.Code == RegionCode) ? RegionCode : null);
        Dashboard = await reporting.DashboardAsync(Agreement, year, filter, HttpContext.RequestAborted);
        // The report's figures of the same year, for the reconciliation: only for the whole year (a filter narrows the dashboard alone).
        Reconciliation = filter.IsEmpty ? (await reporting.ReportAsync(Agreement, year, HttpContext.RequestAborted)).Reconciliation : null;
        Tables = [.. DashboardTables.For(Dashboard), MaterialTable.For(await materials.FiguresAsync(Id, Dashboard.Year, HttpContext.RequestAborted)),
            CeilingYearsTable.For(await reporting.MoneyByYearAsync(Agreement, HttpContext.RequestAborted))];
        Ceiling.Version ??= Agreement.Version;
        // The field shows the ceiling in force, to be corrected rather than typed again.
        Ceiling.Amount ??= Dashboard.Money.CeilingCents is { } cents ? Copil.Web.Infrastructure.FrenchNumbers.CentsText(cents) : null;
    }

    /// <summary>The latest year that has actions, up to this one; this year when none has.</summary>
    private async Task<int> DefaultYearAsync() =>
        (await reporting.YearsWithActionsAsync(Agreement, HttpContext.RequestAborted)).Where(y => y <= reporting.Today.Year).DefaultIfEmpty(reporting.Today.Year).Max();
}
