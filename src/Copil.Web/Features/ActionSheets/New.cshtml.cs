using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Features.Access;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.ActionSheets;

[AgreementPermission(AgreementPermission.CarryActions)]
public sealed class NewModel(ActionSheetCommands commands, AgreementReader agreements, Reference.CampusCommands campuses) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public SheetForm Input { get; set; } = new SheetForm().WithBlankRows(3);

    public Agreement Agreement { get; private set; } = null!;

    public IReadOnlyList<Copil.Domain.Reference.TradesCampus> Campuses { get; private set; } = [];

    public bool ChoosesCarrier { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAddRowsAsync()
    {
        await LoadAsync();
        ModelState.Clear();
        Input.WithBlankRows(SheetForm.BlankRows);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        var content = Input.ToContent(ModelState);
        if (content is null || !ModelState.IsValid)
        {
            // Typing errors and rule errors in one pass (as when editing).
            if (content is not null)
            {
                ModelState.AddDomainErrors(content.ValidateDraft(Agreement).Where(e => e.Field is null || ModelState[$"Input.{e.Field}"] is not { Errors.Count: > 0 }));
            }

            return Page();
        }

        var grant = HttpContext.Grant();
        var carriers = ActionSheetAccess.CarriedOrganisations(grant.Memberships);
        var organisation = ChoosesCarrier ? Input.CarrierOrganisation ?? "" : carriers[0];
        var result = await commands.DraftAsync(Id, organisation, content);
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        TempData["Success"] = $"La fiche n° {result.Value.Number} est enregistrée en brouillon.";
        return Redirect($"/conventions/{Id}/fiches/{result.Value.Id}");
    }

    private async Task LoadAsync()
    {
        Agreement = (await agreements.LoadAsync(Id))!;
        Campuses = await campuses.ListAsync();
        var grant = HttpContext.Grant();
        // The secretariat names the carrier; a carrier drafts for its own organisation.
        ChoosesCarrier = ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator) || ActionSheetAccess.CarriedOrganisations(grant.Memberships).Count == 0;
    }
}
