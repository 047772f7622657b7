using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.ActionSheets;

/// <summary>Edits the draft (or the asked revision); on a validated action, the same form proposes a change (art. 15).</summary>
[AgreementPermission(AgreementPermission.CarryActions)]
public sealed class EditModel(ActionSheetCommands commands, AgreementReader agreements, Reference.CampusCommands campuses) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true)]
    public Guid SheetId { get; set; }

    [BindProperty]
    public SheetForm Input { get; set; } = new();

    [BindProperty]
    public string? Reason { get; set; }

    public Agreement Agreement { get; private set; } = null!;

    public IReadOnlyList<Copil.Domain.Reference.TradesCampus> Campuses { get; private set; } = [];

    public int Number { get; private set; }

    public bool IsChange { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        if (await LoadAsync() is not { } sheet)
        {
            return NotFound();
        }

        Input = SheetForm.From(IsChange ? sheet.EffectiveContent : sheet.CurrentVersion.Content, sheet.CarrierOrganisation, sheet.Version);
        return Page();
    }

    public async Task<IActionResult> OnPostAddRowsAsync()
    {
        if (await LoadAsync() is null)
        {
            return NotFound();
        }

        ModelState.Clear();
        Input.WithBlankRows(SheetForm.BlankRows);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is null)
        {
            return NotFound();
        }

        var content = Input.ToContent(ModelState);
        if (content is null || !ModelState.IsValid)
        {
            // Typing errors and rule errors in one pass: the rules are checked on everything that could be read.
            if (content is not null)
            {
                ModelState.AddDomainErrors(content.ValidateDraft(Agreement).Where(e => e.Field is null || ModelState[$"Input.{e.Field}"] is not { Errors.Count: > 0 }));
            }

            return Page();
        }

        var result = IsChange
            ? await commands.ProposeChangeAsync(Id, SheetId, Input.Version, content, Reason ?? "")
            : await commands.EditDraftAsync(Id, SheetId, Input.Version, content);
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Conflict && await commands.LoadAsync(Id, SheetId) is { } current)
            {
                ModelState.Remove("Input.Version");
                Input.Version = current.Version;
            }

            ModelState.AddDomainErrors(result.Errors.Select(e => e.Field == "Reason" ? e with { Field = null } : e));
            foreach (var error in result.Errors.Where(e => e.Field == "Reason"))
            {
                ModelState.AddModelError(nameof(Reason), error.Message);
            }

            return Page();
        }

        TempData["Success"] = IsChange ? "La demande de modification est enregistrée : elle prendra effet après la décision du comité." : "Le brouillon est enregistré.";
        return Redirect($"/conventions/{Id}/fiches/{SheetId}");
    }

    private async Task<ActionSheet?> LoadAsync()
    {
        Agreement = (await agreements.LoadAsync(Id))!;
        Campuses = await campuses.ListAsync();
        var sheet = await commands.LoadAsync(Id, SheetId);
        var grant = HttpContext.Grant();
        if (sheet is null || !ActionSheetAccess.CanCarry(sheet, grant.Memberships, grant.IsAdministrator))
        {
            return null;
        }

        Number = sheet.Number;
        IsChange = sheet.Status is ActionStatus.CommitteeValidated or ActionStatus.BoardApproved or ActionStatus.InProgress;
        return sheet;
    }
}
