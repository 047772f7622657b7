using Copil.Domain.Access;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Communication;

/// <summary>Declares a use of a ministry's logo: recorded even when uncovered, then flagged and the secretariat and ministry alerted.</summary>
[AgreementPermission(AgreementPermission.CarryActions)]
public sealed class DeclareUseModel(LogoCommands commands, SheetRefs sheetRefs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public UseForm Input { get; set; } = new();

    public LogoRegister Register { get; private set; } = null!;

    public IReadOnlyList<SheetRef> OwnSheets { get; private set; } = [];

    public sealed class UseForm
    {
        public Guid? MinistryPartyId { get; set; }

        public string? MaterialTitle { get; set; }

        public Guid? ActionSheetId { get; set; }

        public Guid? AuthorizationId { get; set; }

        public DateOnly? From { get; set; }

        public DateOnly? Until { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        ModelState.RequireValue("Input.MinistryPartyId", Input.MinistryPartyId is not null, "Choisissez le ministère dont le logo figure sur le support.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.DeclareUseAsync(Id, HttpContext.Grant(), Actor.Of(User),
            new LogoUseInput(Input.MinistryPartyId!.Value, Input.MaterialTitle, Input.ActionSheetId, Input.AuthorizationId, Input.From, Input.Until));
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        if (result.Value.Coverage.Covered)
        {
            TempData["Success"] = $"Usage enregistré. {result.Value.Coverage.Finding}";
        }
        else
        {
            TempData["Warning"] = $"Usage enregistré, mais non couvert : {result.Value.Coverage.Finding} Le secrétariat et le ministère sont alertés.";
        }

        return Redirect($"/conventions/{Id}/logos");
    }

    private async Task LoadAsync()
    {
        var grant = HttpContext.Grant();
        Register = (await commands.RegisterAsync(Id, grant, Actor.Of(User)))!;
        OwnSheets = await sheetRefs.CarriedByAsync(Id, grant);
    }
}
