using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.DigitalTools;

/// <summary>The register of the digital tools funded under the agreement (art. 12) and where each stands.</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class IndexModel(DigitalToolCommands commands) : PageModel
{
    public Agreement Agreement { get; private set; } = null!;

    public IReadOnlyList<ToolView> Tools { get; private set; } = [];

    public AgreementGrant Grant { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Grant = HttpContext.Grant();
        (Agreement, Tools) = (await commands.ListAsync(id, Grant))!.Value;
        return Page();
    }
}
