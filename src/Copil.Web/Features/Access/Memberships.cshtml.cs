using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Access;

[AgreementPermission(AgreementPermission.ManageMemberships)]
public sealed class MembershipsModel(AgreementReader agreements, MembershipCommands memberships) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty]
    public GrantForm Input { get; set; } = new();

    public Agreement Agreement { get; private set; } = null!;

    public List<MembershipView> Members { get; private set; } = [];

    public sealed class GrantForm
    {
        public string? Email { get; set; }

        public AgreementRole Role { get; set; } = AgreementRole.Reader;

        public Guid? SeatId { get; set; }

        public Guid? PartyId { get; set; }

        public string? Organisation { get; set; }
    }

    public async Task<IActionResult> OnGetAsync()
    {
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostGrantAsync()
    {
        await LoadAsync();

        if (!ModelState.IsValid)
        {
            return Page();
        }

        var result = await memberships.GrantAsync(Id, Input.Email ?? "", Input.Role, Input.SeatId, Input.PartyId, Input.Organisation);
        if (result.IsFailure)
        {
            ModelState.AddDomainErrors(result.Errors);
            return Page();
        }

        TempData["Success"] = "Le rôle est donné.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid membershipId)
    {
        await LoadAsync();

        TempData["Success"] = await memberships.WithdrawAsync(Id, membershipId) ? "Le rôle est retiré." : "Ce rôle avait déjà été retiré.";
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        Agreement = (await agreements.LoadAsync(Id))!;
        Members = await memberships.ListAsync(Id);
    }
}
