using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.Materials;
using Copil.Web.Features.Access;
using Copil.Web.Features.Communication;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Materials;

/// <summary>The register of art. 10: loans (with their return), donations, access to resources.</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class IndexModel(MaterialCommands commands, Agreements.AgreementReader reader, SheetRefs sheetRefs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public MaterialForm Input { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public IReadOnlyList<MaterialSupport> Supports { get; private set; } = [];

    public IReadOnlyList<SheetRef> OwnSheets { get; private set; } = [];

    public IReadOnlyDictionary<Guid, SheetRef> Sheets { get; private set; } = new Dictionary<Guid, SheetRef>();

    public AgreementGrant Grant { get; private set; } = null!;

    public DateOnly Today => commands.Today;

    public sealed class MaterialForm
    {
        public MaterialSupportKind? Kind { get; set; }

        public string? Description { get; set; }

        public string? Establishment { get; set; }

        public string? RegionCode { get; set; }

        public Guid? FromPartyId { get; set; }

        public decimal? Value { get; set; }

        public DateOnly? StartsOn { get; set; }

        public DateOnly? ReturnDueOn { get; set; }

        public Guid? ActionSheetId { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!Grant.Can(AgreementPermission.CarryActions))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        ModelState.RequireValue("Input.Kind", Input.Kind is not null, "Choisissez la forme de la coopération (prêt, dotation, accès aux ressources).");
        if (Input.Value is { } v && (v < 0 || decimal.Round(v, 2) != v))
        {
            ModelState.AddModelError("Input.Value", "Indiquez la valeur en euros, avec au plus deux décimales.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.RecordAsync(Id, Grant, Actor.Of(User), new MaterialSupportInput(Input.Kind!.Value, Input.Description, Input.Establishment,
            string.IsNullOrEmpty(Input.RegionCode) ? null : Input.RegionCode, Input.FromPartyId, Input.Value is { } value ? (long)(value * 100) : null, Input.StartsOn, Input.ReturnDueOn, Input.ActionSheetId));
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors.Select(e => e.Field == "ValueCents" ? e with { Field = "Value" } : e));
            return Page();
        }

        TempData["Success"] = result.Value.IsLoan
            ? $"Prêt enregistré : son retour est attendu le {FrenchText.Date(result.Value.ReturnDueOn!.Value)} (échéancier)."
            : "Dotation enregistrée.";
        return Redirect($"/conventions/{Id}/materiels");
    }

    public async Task<IActionResult> OnPostReturnAsync(Guid supportId, int version)
    {
        await LoadAsync();
        var result = await commands.ReturnAsync(Id, supportId, Grant, Today, version);
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Forbidden)
            {
                return StatusCode(StatusCodes.Status403Forbidden);
            }

            ModelState.AddModelError("", result.Errors[0].Message);
            return Page();
        }

        TempData["Success"] = $"Retour enregistré le {FrenchText.Date(Today)}.";
        return Redirect($"/conventions/{Id}/materiels");
    }

    private async Task LoadAsync()
    {
        Grant = HttpContext.Grant();
        Agreement = (await reader.LoadAsync(Id))!;
        Supports = await commands.ListAsync(Id);
        Sheets = await sheetRefs.OfAsync(Id, Supports.Where(m => m.ActionSheetId is not null).Select(m => m.ActionSheetId!.Value));
        OwnSheets = Grant.Can(AgreementPermission.CarryActions) ? await sheetRefs.CarriedByAsync(Id, Grant) : [];
    }
}
