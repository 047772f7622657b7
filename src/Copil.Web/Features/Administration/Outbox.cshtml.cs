using Copil.Web.Features.Access;
using Copil.Web.Features.Notifications;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Administration;

/// <summary>The administrator's view of every e-mail of the platform: waiting, failing (with the last error), refused, sent; retry.</summary>
public sealed class OutboxModel(OutboxQueries outbox) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public OutboxList List { get; private set; } = null!;

    private bool IsAdministrator => User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!IsAdministrator)
        {
            return StatusCode(403);
        }

        var view = OutboxList.Parse(State);
        PageNumber = Math.Max(PageNumber, 1);
        List = new OutboxList(await outbox.CountsAsync(null, HttpContext.RequestAborted), view,
            await outbox.PageAsync(null, view, PageNumber, HttpContext.RequestAborted), PageNumber, "/admin/envois");
        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid messageId)
    {
        if (!IsAdministrator)
        {
            return StatusCode(403);
        }

        TempData["Success"] = await outbox.RetryAsync(null, messageId, HttpContext.RequestAborted)
            ? "Le courriel est remis dans la file : il part au prochain passage de l'expéditeur."
            : "Ce courriel n'est plus à renvoyer (il a peut-être été envoyé entre-temps).";
        return RedirectToPage(new { etat = State });
    }

    public async Task<IActionResult> OnPostDropAsync(Guid messageId)
    {
        if (!IsAdministrator)
        {
            return StatusCode(403);
        }

        TempData["Success"] = await outbox.DropAsync(null, messageId, Actor.Of(User).Name, HttpContext.RequestAborted)
            ? "Le courriel est abandonné : il ne sera pas envoyé."
            : "Ce courriel n'est plus retenu (il a peut-être été traité entre-temps).";
        return RedirectToPage(new { etat = State });
    }
}
