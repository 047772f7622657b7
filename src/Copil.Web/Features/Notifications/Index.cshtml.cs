using System.Security.Claims;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Copil.Web.Features.Notifications;

/// <summary>The person's notifications, newest first, unread ones marked; opening one marks it read.</summary>
public sealed class IndexModel(NotificationQueries notifications) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "nonlues")]
    public bool UnreadOnly { get; set; }

    [BindProperty(SupportsGet = true, Name = "page")]
    public int PageNumber { get; set; } = 1;

    public List<NotificationRow> Rows { get; private set; } = [];

    public int Total { get; private set; }

    public int Unread { get; private set; }

    private string UserId => User.FindFirstValue(ClaimTypes.NameIdentifier)!;

    private bool IsAdministrator => User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole);

    public bool HasNextPage => PageNumber * NotificationQueries.PageSize < Total;

    public async Task OnGetAsync()
    {
        PageNumber = Math.Max(PageNumber, 1);
        (Rows, Total) = await notifications.PageAsync(UserId, IsAdministrator, UnreadOnly, PageNumber, HttpContext.RequestAborted);
        Unread = await notifications.UnreadCountAsync(UserId, IsAdministrator, HttpContext.RequestAborted);
    }

    /// <summary>Follows a notification's link and marks it read (a plain link, so it works without JavaScript).</summary>
    public async Task<IActionResult> OnGetOpenAsync(Guid notificationId)
    {
        var link = await notifications.MarkReadAsync(UserId, IsAdministrator, notificationId, HttpContext.RequestAborted);
        return link is null ? NotFound() : LocalRedirect(link);
    }

    public async Task<IActionResult> OnPostReadAsync(Guid notificationId)
    {
        if (await notifications.MarkReadAsync(UserId, IsAdministrator, notificationId, HttpContext.RequestAborted) is null)
        {
            return NotFound();
        }

        TempData["Success"] = "Notification marquée comme lue.";
        return RedirectToPage(new { nonlues = UnreadOnly ? true : (bool?)null });
    }

    public async Task<IActionResult> OnPostReadAllAsync()
    {
        var count = await notifications.MarkAllReadAsync(UserId, IsAdministrator, HttpContext.RequestAborted);
        TempData["Success"] = count == 0 ? "Aucune notification non lue." : $"{Copil.Domain.Common.FrenchText.Plural(count, "notification marquée", "notifications marquées")} comme lue{(count > 1 ? "s" : "")}.";
        return RedirectToPage();
    }
}
