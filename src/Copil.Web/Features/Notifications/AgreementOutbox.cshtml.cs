using Copil.Domain.Access;
using Copil.Web.Features.Access;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Notifications;

/// <summary>The secretariat's view of the e-mails of its agreement: above all, the addresses refused for good.</summary>
[AgreementPermission(AgreementPermission.ManageMemberships)]
public sealed class AgreementOutboxModel(OutboxQueries outbox, Agreements.AgreementReader agreements) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public Guid Id { get; set; }

    [BindProperty(SupportsGet = true, Name = "etat")]
    public string? State { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public string Reference { get; private set; } = "";

    public OutboxList List { get; private set; } = null!;

    public async Task OnGetAsync()
    {
        Reference = (await agreements.LoadAsync(Id, HttpContext.RequestAborted))!.Reference;
        var view = OutboxList.Parse(State ?? OutboxList.Slug(OutboxView.Refused));
        PageNumber = Math.Max(PageNumber, 1);
        List = new OutboxList(await outbox.CountsAsync(Id, HttpContext.RequestAborted), view,
            await outbox.PageAsync(Id, view, PageNumber, HttpContext.RequestAborted), PageNumber, $"/conventions/{Id}/envois");
    }

    public async Task<IActionResult> OnPostRetryAsync(Guid messageId)
    {
        TempData["Success"] = await outbox.RetryAsync(Id, messageId, HttpContext.RequestAborted)
            ? "Le courriel est remis dans la file : il part au prochain passage de l'expéditeur."
            : "Ce courriel n'est plus à renvoyer (il a peut-être été envoyé entre-temps).";
        return RedirectToPage(new { Id, etat = State });
    }

    public async Task<IActionResult> OnPostDropAsync(Guid messageId)
    {
        TempData["Success"] = await outbox.DropAsync(Id, messageId, Actor.Of(User).Name, HttpContext.RequestAborted)
            ? "Le courriel est abandonné : il ne sera pas envoyé."
            : "Ce courriel n'est plus retenu (il a peut-être été traité entre-temps).";
        return RedirectToPage(new { Id, etat = State });
    }
}
