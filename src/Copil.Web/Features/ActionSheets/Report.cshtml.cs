using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.ActionSheets;

/// <summary>The fiche de réalisation: pre-filled from the approved sheet, written by the carrier (art. 15, 16).</summary>
[AgreementPermission(AgreementPermission.ViewActionSheets)]
public sealed class ReportModel(ActionSheetCommands commands, AgreementReader agreements) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid SheetId { get; set; }

    [BindProperty]
    public ReportForm Input { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public ActionSheet Sheet { get; private set; } = null!;

    public bool CanEdit { get; private set; }

    public sealed class ReportForm
    {
        public List<long?> Achieved { get; set; } = [];

        public List<BeneficiaryRow> Beneficiaries { get; set; } = [];

        public List<string?> RealCosts { get; set; } = [];

        public List<string?> Evidence { get; set; } = [];

        public string? Assessment { get; set; }

        public int Version { get; set; }
    }

    public sealed class BeneficiaryRow
    {
        public TargetPublic Public { get; set; }

        public int Total { get; set; }

        public int Women { get; set; }

        public int Men { get; set; }

        public int WithDisability { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (Sheet.Report is null && !(CanEdit && Sheet.Status == ActionStatus.InProgress))
        {
            return NotFound();
        }

        FillForm();
        return Page();
    }

    public async Task<IActionResult> OnPostOpenAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!CanEdit)
        {
            return StatusCode(403);
        }

        var result = await commands.StartReportAsync(Id, SheetId, Sheet.Version);
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors, "Input");
            FillForm();
            return Page();
        }

        return Redirect($"/conventions/{Id}/fiches/{SheetId}/realisation");
    }

    public Task<IActionResult> OnPostSaveAsync() => SaveAsync(submit: false);

    public Task<IActionResult> OnPostSubmitAsync() => SaveAsync(submit: true);

    private async Task<IActionResult> SaveAsync(bool submit)
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }

        if (!CanEdit || Sheet.Report is null)
        {
            return StatusCode(403);
        }

        var content = ToContent(Sheet.Report.Content);
        if (content is null)
        {
            return Page();
        }

        var saved = await commands.EditReportAsync(Id, SheetId, Input.Version, content);
        if (saved.IsSuccess && submit)
        {
            saved = await commands.SubmitReportAsync(Id, SheetId, saved.Value.Version);
        }

        if (saved.IsFailure)
        {
            if (saved.FailureKind == ErrorKind.Conflict && await commands.LoadAsync(Id, SheetId) is { } current)
            {
                ModelState.Remove("Input.Version");
                Input.Version = current.Version;
            }

            ModelState.AddDomainErrors(saved.Errors.Select(e => e with { Field = e.Field is null ? null : e.Field == "Assessment" ? "Assessment" : null }));
            return Page();
        }

        TempData["Success"] = submit ? "La fiche de réalisation est soumise au secrétariat." : "La fiche de réalisation est enregistrée.";
        return Redirect(submit ? $"/conventions/{Id}/fiches/{SheetId}" : $"/conventions/{Id}/fiches/{SheetId}/realisation");
    }

    private CompletionReportContent? ToContent(CompletionReportContent current)
    {
        var costs = new List<RealCostLine>();
        for (var i = 0; i < current.Costs.Count; i++)
        {
            var text = Input.RealCosts.ElementAtOrDefault(i);
            long? cents = null;
            if (!string.IsNullOrWhiteSpace(text))
            {
                if (FrenchNumbers.TryParseCents(text, out var parsed))
                {
                    cents = parsed;
                }
                else
                {
                    ModelState.AddModelError($"Input.RealCosts[{i}]", $"Dépense « {current.Costs[i].Label} » : saisissez un montant en euros, positif, avec au plus deux décimales.");
                }
            }

            costs.Add(current.Costs[i] with { RealCents = cents, Evidence = Input.Evidence.ElementAtOrDefault(i)?.Trim() });
        }

        if (!ModelState.IsValid)
        {
            return null;
        }

        return current with
        {
            Indicators = [.. current.Indicators.Select((indicator, i) => indicator with { Achieved = Input.Achieved.ElementAtOrDefault(i) })],
            Beneficiaries = [.. Input.Beneficiaries.Select(b => new BeneficiaryCount(b.Public, b.Total, b.Women, b.Men, b.WithDisability))],
            Costs = costs,
            Assessment = string.IsNullOrWhiteSpace(Input.Assessment) ? null : Input.Assessment.Trim(),
        };
    }

    private void FillForm()
    {
        Input.Version = Sheet.Version;
        if (Sheet.Report is not { } report)
        {
            return;
        }

        var c = report.Content;
        Input.Achieved = [.. c.Indicators.Select(i => i.Achieved)];
        Input.Beneficiaries = [.. c.Beneficiaries.Select(b => new BeneficiaryRow { Public = b.Public, Total = b.Total, Women = b.Women, Men = b.Men, WithDisability = b.WithDisability })];
        Input.RealCosts = [.. c.Costs.Select(x => x.RealCents is { } r ? FrenchNumbers.CentsText(r) : null)];
        Input.Evidence = [.. c.Costs.Select(x => x.Evidence)];
        Input.Assessment = c.Assessment;
    }

    private async Task<bool> LoadAsync()
    {
        var grant = HttpContext.Grant();
        Agreement = (await agreements.LoadAsync(Id))!;
        var sheet = await commands.LoadAsync(Id, SheetId);
        if (sheet is null || !ActionSheetAccess.CanSee(sheet, grant.Memberships, grant.IsAdministrator))
        {
            return false;
        }

        Sheet = sheet;
        CanEdit = grant.Can(AgreementPermission.CarryActions) && ActionSheetAccess.CanCarry(sheet, grant.Memberships, grant.IsAdministrator) && sheet.Status == ActionStatus.InProgress;
        return true;
    }
}
