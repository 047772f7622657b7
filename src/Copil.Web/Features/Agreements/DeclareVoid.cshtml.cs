using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

[AgreementPermission(AgreementPermission.RecordTermination)]
public sealed class DeclareVoidModel(AgreementCommands commands, AgreementReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public VoidForm Input { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public sealed class VoidForm
    {
        public DateOnly? On { get; set; }

        public string? Reason { get; set; }

        public int Version { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        Agreement = (await reader.LoadAsync(Id))!;
        Input.Version = Agreement.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Agreement = (await reader.LoadAsync(Id))!;
        ModelState.RequireValue("Input.On", Input.On is not null, "Indiquez la date à compter de laquelle la convention est caduque.");

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await commands.DeclareVoidAsync(Id, Input.Version, Input.On!.Value, Input.Reason ?? "");
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

        TempData["Success"] = "La caducité de la convention est enregistrée.";
        return Redirect($"/conventions/{Id}");
    }
}
