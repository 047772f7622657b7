using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

[AgreementPermission(AgreementPermission.View)]
public sealed class DetailsModel(AgreementCommands commands) : PageModel
{
    public Agreement Agreement { get; private set; } = null!;

    public AgreementDates Dates { get; private set; } = null!;

    public AgreementGrant Grant { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await commands.LoadAsync(id) is not { } agreement)
        {
            return NotFound();
        }

        Grant = HttpContext.Grant();
        Agreement = agreement;
        Today = commands.Today;
        Dates = AgreementDates.Of(agreement, Today);
        return Page();
    }
}
