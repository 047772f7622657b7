using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Reporting;

/// <summary>The documented open-data export of an agreement's public figures, without personal data.</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class OpenDataPageModel(AgreementReader agreements, ReportingQueries reporting, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    public Agreement Agreement { get; private set; } = null!;

    public async Task OnGetAsync() => Agreement = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!;

    public async Task<IActionResult> OnGetCsvAsync()
    {
        var (agreement, actions) = await BuildAsync(reporting, agreements, Id, HttpContext.RequestAborted);
        return File(OpenData.Csv(actions), "text/csv; charset=utf-8", $"{agreement.Reference.ToLowerInvariant()}-actions.csv");
    }

    public async Task<IActionResult> OnGetJsonAsync()
    {
        var (agreement, actions) = await BuildAsync(reporting, agreements, Id, HttpContext.RequestAborted);
        return File(OpenData.JsonDocument(agreement, actions, clock.GetUtcNow()), "application/json; charset=utf-8", $"{agreement.Reference.ToLowerInvariant()}-actions.json");
    }

    public static async Task<(Agreement Agreement, IReadOnlyList<OpenDataAction> Actions)> BuildAsync(ReportingQueries reporting, AgreementReader agreements, Guid id, CancellationToken ct)
    {
        var agreement = (await agreements.LoadAsync(id, ct))!;
        return (agreement, OpenData.Build(agreement, await reporting.AllFiguresAsync(id, ct)));
    }
}
