using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Reporting;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Reporting;

/// <summary>Year by year: the dashboard, the annual report (art. 15) and the annual action plan (art. 14), with the open data.</summary>
[AgreementPermission(AgreementPermission.ViewReports)]
public sealed class IndexModel(ReportingQueries reporting, AgreementReader agreements, CopilDbContext db) : PageModel
{
    [Microsoft.AspNetCore.Mvc.BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Agreement Agreement { get; private set; } = null!;

    public List<int> Years { get; private set; } = [];

    public Dictionary<int, AnnualReportStatus> Reports { get; private set; } = [];

    public HashSet<int> Plans { get; private set; } = [];

    public DateOnly Today => reporting.Today;

    public async Task OnGetAsync()
    {
        Agreement = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!;
        Years = await reporting.YearsAsync(Agreement, HttpContext.RequestAborted);
        Reports = await db.AnnualReports.Where(r => r.AgreementId == Id).ToDictionaryAsync(r => r.Year, r => r.Status, HttpContext.RequestAborted);
        Plans = [.. await db.AnnualPlans.Where(p => p.AgreementId == Id).Select(p => p.Year).ToListAsync(HttpContext.RequestAborted)];
    }
}
