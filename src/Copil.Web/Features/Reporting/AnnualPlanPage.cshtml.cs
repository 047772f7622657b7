using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Reporting;
using Copil.Web.Documents;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Reporting;

/// <summary>The annual action plan of a year: the actions the committee validated for it and the priorities it set (art. 14).</summary>
[AgreementPermission(AgreementPermission.ViewReports)]
public sealed class AnnualPlanPageModel(ReportingCommands commands, ReportingQueries reporting, AgreementReader agreements) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public int Year { get; set; }

    [BindProperty]
    public PlanForm Input { get; set; } = new();

    public sealed class PlanForm
    {
        public string? Priorities { get; set; }

        public string? DecidedAt { get; set; }

        public int? Version { get; set; }
    }

    public Agreement Agreement { get; private set; } = null!;

    public AnnualPlan? Plan { get; private set; }

    public List<ActionFigures> Validated { get; private set; } = [];

    public List<ActionFigures> Awaiting { get; private set; } = [];

    public bool CanSteer => HttpContext.Grant().Can(AgreementPermission.SteerActions);

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnGetDocumentAsync(string? format)
    {
        await LoadAsync();
        if (format == "xlsx")
        {
            return File(Spreadsheets.Workbook([ReportingDocuments.ActionsSheet([.. Validated, .. Awaiting], Agreement)]),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"programme-{Year}-{Agreement.Reference.ToLowerInvariant()}.xlsx");
        }

        var doc = ReportingDocuments.AnnualPlan(Agreement, Year, Plan, Validated, Awaiting, ReportingQueries.Ceiling(Agreement, Year), commands.Today);
        var (content, type, extension) = ReportingDocuments.Render(doc, format == "docx" ? "docx" : "pdf");
        return File(content, type, $"programme-{Year}-{Agreement.Reference.ToLowerInvariant()}.{extension}");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!CanSteer)
        {
            return StatusCode(403);
        }

        var saved = await commands.SavePlanAsync(Id, Year, Input.Version, Input.Priorities, Input.DecidedAt, HttpContext.RequestAborted);
        if (saved.IsSuccess)
        {
            TempData["Success"] = "Priorités enregistrées.";
            return Redirect(ReportingCommands.PlanPath(Id, Year));
        }

        ModelState.AddDomainErrors(saved.Errors);
        await LoadAsync(keepInput: true);
        return Page();
    }

    private async Task LoadAsync(bool keepInput = false)
    {
        Agreement = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!;
        Plan = await commands.LoadPlanAsync(Id, Year, HttpContext.RequestAborted);
        var figures = await reporting.FiguresAsync(Id, Year, HttpContext.RequestAborted);
        Validated = [.. figures.Where(f => f.IsCommitted).OrderBy(f => f.Number)];
        Awaiting = [.. figures.Where(f => f.AwaitsDecision).OrderBy(f => f.Number)];
        if (!keepInput)
        {
            Input = new PlanForm { Priorities = Plan?.Priorities, DecidedAt = Plan?.DecidedAt, Version = Plan?.Version };
        }
    }
}
