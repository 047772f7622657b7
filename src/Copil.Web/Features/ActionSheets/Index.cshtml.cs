using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.ActionSheets;

[AgreementPermission(AgreementPermission.ViewActionSheets)]
public sealed class IndexModel(ActionSheetQueries queries, AgreementReader agreements) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    /// <summary>Sheets ticked in the list for « Exporter la sélection »: kept to those the person may see.</summary>
    [BindProperty(SupportsGet = true, Name = "fiche")]
    public List<Guid> Selected { get; set; } = [];

    /// <summary>The export comes from the selection form (an empty selection is then told, not read as « everything »).</summary>
    [BindProperty(SupportsGet = true, Name = "selection")]
    public bool FromSelection { get; set; }

    [BindProperty(SupportsGet = true, Name = "statut")]
    public ActionStatus? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "axe")]
    public Guid? AxisId { get; set; }

    [BindProperty(SupportsGet = true, Name = "region")]
    public string? Region { get; set; }

    [BindProperty(SupportsGet = true, Name = "porteur")]
    public string? Carrier { get; set; }

    [BindProperty(SupportsGet = true, Name = "annee")]
    public int? Year { get; set; }

    [BindProperty(SupportsGet = true, Name = "avis")]
    public bool AwaitingMyOpinion { get; set; }

    [BindProperty(SupportsGet = true, Name = "tri")]
    public string Sort { get; set; } = "number";

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public Agreement Agreement { get; private set; } = null!;

    public ActionSheetPage Result { get; private set; } = null!;

    public bool CanCarry { get; private set; }

    public bool GivesOpinions { get; private set; }

    public string SortLabel => Sort switch
    {
        "title" => "intitulé",
        "status" => "état",
        "start" => "date de début",
        "amount" => "montant demandé, décroissant",
        "-number" => "numéro décroissant",
        _ => "numéro",
    };

    public async Task<IActionResult> OnGetAsync()
    {
        var grant = HttpContext.Grant();
        Agreement = (await agreements.LoadAsync(Id))!;
        CanCarry = grant.Can(AgreementPermission.CarryActions);
        GivesOpinions = ActionSheetAccess.OpinionParties(grant.Memberships).Count > 0;
        Result = await queries.ListAsync(Id, grant, new ActionSheetFilter(Status, AxisId, Region, Carrier, Year, AwaitingMyOpinion && GivesOpinions, Sort, PageNumber));
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync() => await ExportAsync("csv");

    public async Task<IActionResult> OnGetXlsxAsync() => await ExportAsync("xlsx");

    private async Task<IActionResult> ExportAsync(string format)
    {
        if (FromSelection && Selected.Count == 0)
        {
            TempData["Warning"] = "Cochez au moins une fiche à exporter.";
            return Redirect($"/conventions/{Id}/fiches");
        }

        var grant = HttpContext.Grant();
        Agreement = (await agreements.LoadAsync(Id))!;
        var parties = ActionSheetAccess.OpinionParties(grant.Memberships).Count > 0;
        var rows = await queries.ExportAsync(Id, grant, new ActionSheetFilter(Status, AxisId, Region, Carrier, Year, AwaitingMyOpinion && parties, Sort));
        var name = $"fiches-action-{Agreement.Reference.ToLowerInvariant()}";
        if (Selected.Count > 0)
        {
            var chosen = Selected.ToHashSet();
            rows = [.. rows.Where(r => chosen.Contains(r.Id))];
            name += "-selection";
        }

        return format == "csv"
            ? File(Documents.Spreadsheets.Csv(ActionSheetExport.Headers, ActionSheetExport.Rows(rows, Agreement)), "text/csv; charset=utf-8", $"{name}.csv")
            : File(Documents.Spreadsheets.Xlsx("Fiches action", ActionSheetExport.Headers, ActionSheetExport.Rows(rows, Agreement)), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{name}.xlsx");
    }

    public string QueryFor(int page, string sort)
    {
        var query = new Dictionary<string, string?>
        {
            ["statut"] = Status is { } s ? ((int)s).ToString(System.Globalization.CultureInfo.InvariantCulture) : null,
            ["axe"] = AxisId?.ToString(),
            ["region"] = Region,
            ["porteur"] = Carrier,
            ["annee"] = Year?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["avis"] = AwaitingMyOpinion ? "true" : null,
            ["tri"] = sort,
            ["page"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString($"/conventions/{Id}/fiches", query.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }
}
