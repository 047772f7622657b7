using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

[AgreementPermission(AgreementPermission.RecordTermination)]
public sealed class TerminateModel(AgreementCommands commands, AgreementReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public TerminationForm Input { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public sealed class TerminationForm
    {
        public Guid? PartyId { get; set; }

        public DateOnly? ReceivedOn { get; set; }

        public DateOnly? RequestedEffectiveOn { get; set; }

        public string? Reason { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();

        Input.Version = Agreement.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();

        if (Input.PartyId is null)
        {
            ModelState.AddModelError("Input.PartyId", "Choisissez la partie qui a dénoncé la convention.");
        }

        ModelState.RequireValue("Input.ReceivedOn", Input.ReceivedOn is not null, "Indiquez la date de réception de la notification.");

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.RecordTerminationAsync(Id, Input.Version, Input.PartyId!.Value, Input.ReceivedOn!.Value, Input.RequestedEffectiveOn, Input.Reason);
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Conflict)
            {
                ModelState.Remove("Input.Version");
                Input.Version = Agreement.Version;
            }

            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        TempData["Success"] = $"Résiliation enregistrée. {(await reader.LoadAsync(Id))!.TerminationOutcome}";
        return Redirect($"/conventions/{Id}");
    }

    private async Task LoadAsync()
    {
        Agreement = (await reader.LoadAsync(Id))!;
    }
}
