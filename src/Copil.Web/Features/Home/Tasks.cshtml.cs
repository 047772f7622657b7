using System.Security.Claims;
using Copil.Domain.WorkQueues;
using Copil.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Home;

/// <summary>« À traiter »: everything that waits for the signed-in person, across their agreements, by urgency.</summary>
public sealed class TasksModel(CopilDbContext db, MyWork work) : PageModel
{
    public MyWorkView Work { get; private set; } = null!;

    public static readonly (TaskUrgency Urgency, string Heading)[] Groups =
    [
        (TaskUrgency.Late, "En retard"),
        (TaskUrgency.Today, "Aujourd'hui"),
        (TaskUrgency.ThisWeek, "Dans les 7 jours"),
        (TaskUrgency.Later, $"Dans les {WorkQueue.HorizonDays} jours"),
        (TaskUrgency.Undated, "Sans date fixée"),
    ];

    public async Task OnGetAsync()
    {
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).ToListAsync(HttpContext.RequestAborted);
        Work = await work.ForAsync(userId, memberships, null, HttpContext.RequestAborted);
    }
}
