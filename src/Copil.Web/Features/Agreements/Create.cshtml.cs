using Copil.Web.Identity;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

public sealed class CreateModel(AgreementCommands commands) : PageModel
{
    [BindProperty]
    public AgreementForm Input { get; set; } = new();

    private bool IsAdministrator => User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole);

    public IActionResult OnGet() => IsAdministrator ? Page() : StatusCode(403);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!IsAdministrator)
        {
            return StatusCode(403);
        }

        var details = Input.ToDetails(ModelState);
        var terms = Input.ToTerms(ModelState);
        if (!ModelState.IsValid || terms is null || details is null)
        {
            return Page();
        }

        var result = await commands.CreateAsync(details, terms);
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors.Select(e => e with { Field = AgreementForm.FieldFor(e.Field) }));
            return Page();
        }

        TempData["Success"] = "La convention est créée. Décrivez maintenant ses parties, son comité et ses axes.";
        return Redirect($"/conventions/{result.Value.Id}/composition");
    }
}
