using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Features.ActionSheets;
using Copil.Web.Features.Agreements;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Committee;

/// <summary>
/// A meeting of the OPCO board (art. 14): its date and reference, and its decision on each action the committee
/// validated. Each decision goes through the sheet's own use case, which tells the carrier and the committee members.
/// </summary>
[AgreementPermission(AgreementPermission.RecordBoardDecisions)]
public sealed class BoardModel(ActionSheetCommands sheets, MeetingCommands meetings, AgreementReader agreements) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public DateOnly? DecidedOn { get; set; }

    [BindProperty]
    public string? Reference { get; set; }

    public Agreement Agreement { get; private set; } = null!;

    public List<ActionSheet> Awaiting { get; private set; } = [];

    public async Task OnGetAsync() => await LoadAsync();

    /// <param name="decisions">Per sheet id: "Approved", "Refused", or empty to leave it for a later board.</param>
    public async Task<IActionResult> OnPostAsync([FromForm(Name = "decisions")] Dictionary<Guid, string?>? decisions)
    {
        if (DecidedOn is null)
        {
            ModelState.AddModelError(nameof(DecidedOn), "Indiquez la date du conseil d'administration.");
        }

        if (string.IsNullOrWhiteSpace(Reference))
        {
            ModelState.AddModelError(nameof(Reference), "Indiquez la référence de la délibération, par exemple « CA du 18 mars 2026 ».");
        }

        var chosen = (decisions ?? []).Where(d => !string.IsNullOrEmpty(d.Value)).ToList();
        if (chosen.Count == 0)
        {
            ModelState.AddModelError("", "Indiquez la décision du conseil sur au moins une action.");
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        var recorded = 0;
        foreach (var (sheetId, value) in chosen)
        {
            if (!Enum.TryParse<BoardOutcome>(value, out var outcome))
            {
                continue;
            }

            var result = await sheets.RecordBoardDecisionAsync(Id, sheetId, null, outcome, DecidedOn!.Value, Reference!.Trim(), HttpContext.RequestAborted);
            if (result.IsFailure)
            {
                ModelState.AddModelError("", result.Errors[0].Message);
                continue;
            }

            recorded++;
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }

        TempData["Success"] = $"{FrenchText.Plural(recorded, "décision du conseil enregistrée", "décisions du conseil enregistrées")} ; le porteur et les membres du comité en sont informés (art. 14).";
        return Redirect($"/conventions/{Id}/comite/conseil");
    }

    private async Task LoadAsync()
    {
        Agreement = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!;
        Awaiting = [.. (await meetings.SheetsForAgendaAsync(Id, HttpContext.RequestAborted)).Where(s => s.Status == ActionStatus.CommitteeValidated)];
    }
}
