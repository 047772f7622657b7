using Copil.Domain.Access;
using Copil.Domain.Common;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

[AgreementPermission(AgreementPermission.EditAgreement)]
public sealed class EditModel(AgreementCommands commands, AgreementReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public AgreementForm Input { get; set; } = new();

    public string Reference { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync()
    {
        var agreement = (await reader.LoadAsync(Id))!;
        Input = AgreementForm.From(agreement);
        Reference = agreement.Reference;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        Reference = Input.Reference ?? "";
        var details = Input.ToDetails(ModelState);
        var terms = Input.ToTerms(ModelState);
        if (!ModelState.IsValid || terms is null || details is null)
        {
            return Page();
        }

        var result = await commands.CorrectAsync(Id, Input.Version, details, terms);
        if (result.IsFailure)
        {
            if (result.FailureKind == ErrorKind.Conflict && await reader.LoadAsync(Id) is { } current)
            {
                // The next save is made knowingly against the version the person can now consult.
                ModelState.Remove("Input.Version");
                Input.Version = current.Version;
            }

            ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = AgreementForm.FieldFor(e.Field) }));
            return Page();
        }

        TempData["Success"] = "Les corrections sont enregistrées.";
        return Redirect($"/conventions/{Id}");
    }
}
