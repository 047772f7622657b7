using Copil.Domain.Access;
using Copil.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Communication;

/// <summary>The register of art. 11: authorisations to use the ministries' logos, the declared uses and their coverage.</summary>
[AgreementPermission(AgreementPermission.View)]
public sealed class IndexModel(LogoCommands commands) : PageModel
{
    public LogoRegister Register { get; private set; } = null!;

    public AgreementGrant Grant { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        Grant = HttpContext.Grant();
        Register = (await commands.RegisterAsync(id, Grant, Actor.Of(User)))!;
        return Page();
    }
}
