using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Features.Access;
using Copil.Web.Features.Communication;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.DigitalTools;

/// <summary>Declares a digital tool on the action that funds it.</summary>
[AgreementPermission(AgreementPermission.CarryActions)]
public sealed class NewModel(DigitalToolCommands commands, Agreements.AgreementReader reader, SheetRefs sheetRefs) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public ToolForm Input { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public IReadOnlyList<SheetRef> OwnSheets { get; private set; } = [];

    public sealed class ToolForm
    {
        public Guid? ActionSheetId { get; set; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public string? Address { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(Guid? action)
    {
        await LoadAsync();
        Input.ActionSheetId = action;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        ModelState.RequireValue("Input.ActionSheetId", Input.ActionSheetId is not null, "Choisissez l'action qui finance l'outil.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.DeclareAsync(Id, HttpContext.Grant(), Actor.Of(User), new ToolDeclarationInput(Input.ActionSheetId!.Value, Input.Name, Input.Description, Input.Address));
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        TempData["Success"] = $"Outil « {result.Value.Tool.Name} » déclaré. Remplissez ses deux fiches : les ministères donneront ensuite leur accord avant sa mise en ligne (art. 12).";
        return Redirect(DigitalToolCommands.PathOf(result.Value.Tool));
    }

    private async Task LoadAsync()
    {
        var grant = HttpContext.Grant();
        Agreement = (await reader.LoadAsync(Id))!;
        OwnSheets = await sheetRefs.CarriedByAsync(Id, grant);
    }
}
