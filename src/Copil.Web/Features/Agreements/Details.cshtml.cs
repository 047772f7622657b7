using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Agreements;

[AgreementPermission(AgreementPermission.View)]
public sealed class DetailsModel(AgreementCommands commands, AgreementReader reader, Notifications.OutboxQueries outbox, Communication.LogoCommands logos, DigitalTools.DigitalToolCommands tools) : PageModel
{
    /// <summary>E-mails of this agreement refused for good, shown to the secretariat.</summary>
    public int RefusedEmails { get; private set; }

    public Agreement Agreement { get; private set; } = null!;

    public AgreementDates Dates { get; private set; } = null!;

    public AgreementGrant Grant { get; private set; } = null!;

    public DateOnly Today { get; private set; }

    /// <summary>The reference of the national agreement a declination declines.</summary>
    public string? NationalReference { get; private set; }

    /// <summary>Uses of a ministry's logo no authorisation covers today: a risk of caducité (art. 11).</summary>
    public IReadOnlyList<Communication.AssessedUse> LogoRisks { get; private set; } = [];

    /// <summary>Digital tools online without every ministry's agreement on their current sheets (art. 12).</summary>
    public IReadOnlyList<DigitalTools.ToolView> NonCompliantTools { get; private set; } = [];

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

        if (agreement.NationalAgreementId is { } nationalId)
        {
            NationalReference = (await reader.LoadUntrackedAsync(nationalId))?.Reference;
        }

        // The agreement's compliance with art. 11 and 12 is everyone's concern but a pure carrier's (it names others' actions).
        if (Communication.LogoCommands.SeesWholeRegister(Grant))
        {
            LogoRisks = await logos.RisksAsync(agreement, HttpContext.RequestAborted);
            NonCompliantTools = [.. (await tools.ListAsync(id, Grant, ct: HttpContext.RequestAborted))!.Value.Tools.Where(t => t.Status == Copil.Domain.DigitalTools.DigitalToolStatus.NonCompliant)];
        }

        return Page();
    }
}
