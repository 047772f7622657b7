using Copil.Domain.Access;
using Copil.Domain.Communication;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Communication;

/// <summary>Asks a ministry for the use of its logo on a material, for a period (art. 11).</summary>
[AgreementPermission(AgreementPermission.CarryActions)]
public sealed class RequestModel(LogoCommands commands, SheetRefs sheetRefs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public RequestForm Input { get; set; } = new();

    public LogoRegister Register { get; private set; } = null!;

    public IReadOnlyList<SheetRef> OwnSheets { get; private set; } = [];

    public bool NamesOrganisation { get; private set; }

    public sealed class RequestForm
    {
        public Guid? MinistryPartyId { get; set; }

        public string? Title { get; set; }

        public MaterialKind? Kind { get; set; }

        public string? Description { get; set; }

        public List<Guid> ActionSheetIds { get; set; } = [];

        public DateOnly? WantedFrom { get; set; }

        public DateOnly? WantedUntil { get; set; }

        public string? Organisation { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid? action)
    {
        await LoadAsync();
        if (action is { } sheetId && OwnSheets.Any(s => s.Id == sheetId))
        {
            Input.ActionSheetIds.Add(sheetId);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        ModelState.RequireValue("Input.MinistryPartyId", Input.MinistryPartyId is not null, "Choisissez le ministère dont le logo est demandé.");
        ModelState.RequireValue("Input.Kind", Input.Kind is not null, "Choisissez le type de support.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.RequestAsync(Id, HttpContext.Grant(), Actor.Of(User), new LogoRequestInput(Input.MinistryPartyId!.Value,
            [new LogoMaterialInput(Input.Title, Input.Kind!.Value, Input.Description, Input.ActionSheetIds)], Input.WantedFrom, Input.WantedUntil, Input.Organisation));
        if (result.IsFailure)
        {
            // The page asks for one material: its errors are the form's own fields.
            ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = e.Field?.Replace("Materials[0].", "", StringComparison.Ordinal) }));
            return Page();
        }

        TempData["Success"] = $"Demande n° {result.Value.Number} envoyée au {Register.MinistryName(result.Value.MinistryPartyId)}. Le logo ne peut pas être utilisé avant son autorisation écrite.";
        return Redirect(LogoCommands.PathOf(result.Value));
    }

    private async Task LoadAsync()
    {
        var grant = HttpContext.Grant();
        Register = (await commands.RegisterAsync(Id, grant, Actor.Of(User)))!;
        OwnSheets = await sheetRefs.CarriedByAsync(Id, grant);
        NamesOrganisation = ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator);
    }
}
