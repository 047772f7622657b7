using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

[AgreementPermission(AgreementPermission.View)]
public sealed class DetailsModel(AgreementCommands commands, AgreementReader reader, Notifications.OutboxQueries outbox) : PageModel
{
    /// <summary>E-mails of this agreement refused for good, shown to the secretariat.</summary>
    public int RefusedEmails { get; private set; }

    public Agreement Agreement { get; private set; } = null!;

    public AgreementDates Dates { get; private set; } = null!;

    public AgreementGrant Grant { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await reader.LoadAsync(id) is not { } agreement)
        {
            return NotFound();
        }

        Grant = HttpContext.Grant();
        Agreement = agreement;
        Today = commands.Today;
        Dates = AgreementDates.Of(agreement, Today);
        if (Grant.Can(AgreementPermission.ManageMemberships))
        {
            RefusedEmails = await outbox.RefusedCountAsync(id, HttpContext.RequestAborted);
        }

        return Page();
    }
}
