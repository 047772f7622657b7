using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Features.Access;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

/// <summary>The regional declinations of a national agreement (art. 3 and 4), and the form that creates one.</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class DeclinationsModel(AgreementCommands commands, AgreementReader reader) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public DeclinationForm Input { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public IReadOnlyList<Agreement> Declinations { get; private set; } = [];

    public AgreementGrant Grant { get; private set; } = null!;

    public DateOnly Today => commands.Today;

    public sealed class DeclinationForm
    {
        public string? Reference { get; set; }

        public string? Title { get; set; }

        public string? RegionCode { get; set; }

        public DateOnly? SignedOn { get; set; }

        public string? SignedAt { get; set; }

        public int? TermMonths { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await LoadAsync();
        if (!Grant.Can(AgreementPermission.EditAgreement))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        ModelState.RequireValue("Input.TermMonths", Input.TermMonths is not null, "Indiquez la durée de la déclinaison, en mois.");
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var details = new AgreementDetails { Reference = Input.Reference ?? "", Title = Input.Title ?? "", SignedOn = Input.SignedOn, SignedAt = Input.SignedAt, TermMonths = Input.TermMonths!.Value };
        var result = await commands.DeclineAsync(Id, details, Input.RegionCode, null, null, Actor.Of(User).UserId);
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        TempData["Success"] = $"Déclinaison régionale {result.Value.Reference} créée : vous en tenez le secrétariat jusqu'à ce que vous habilitiez le secrétariat régional. Ses termes suivent la convention nationale.";
        return Redirect($"/conventions/{result.Value.Id}");
    }

    private async Task LoadAsync()
    {
        Grant = HttpContext.Grant();
        Agreement = (await reader.LoadAsync(Id))!;
        Declinations = await commands.DeclinationsAsync(Id);
        if (Input.TermMonths is null && Agreement.SignedOn is not null)
        {
            Input.TermMonths = 12;
        }
    }
}
