using System.Security.Claims;
using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.WorkQueues;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Identity;
using Copil.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Agreements;

public sealed class IndexModel(CopilDbContext db, AgreementAccess access, AgreementReader reader, TimeProvider clock, Home.MyWork work) : PageModel
{
    public sealed record Row(Guid Id, string Reference, string Title, DateOnly? SignedOn, DateOnly? LastDay, AgreementStatus Status);

    public List<Row> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    /// <summary>What waits for the person, across their agreements, most urgent first.</summary>
    public Home.MyWorkView? Work { get; private set; }

    /// <summary>How many tasks the home page lists before « Tout voir ».</summary>
    public const int FirstTasks = 8;

    /// <summary>Per agreement: my due dates in the next 30 days, and my overdue ones.</summary>
    public Dictionary<Guid, (int Soon, int Overdue)> MyDueDates { get; private set; } = [];

    /// <summary>Agreements where the person is only an invitee: they open on the committee's meetings.</summary>
    public HashSet<Guid> MeetingsOnly { get; private set; } = [];

    public bool IsAdministrator => User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole);

    public async Task OnGetAsync()
    {
        Today = clock.TodayInParis();
        var ids = access.VisibleAgreementIds(User);
        // Read whole only when changed since last read (ADR 18): the list and the due dates below share them.
        var agreements = await reader.LoadManyAsync(ids, HttpContext.RequestAborted);
        Rows = [.. agreements.OrderBy(a => a.Reference, StringComparer.Ordinal).Select(a => new Row(a.Id, a.Reference, a.Title, a.SignedOn, a.LastDayInForce, a.StatusOn(Today)))];
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).ToListAsync();
        if (!User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole))
        {
            var roles = memberships.ToLookup(m => m.AgreementId, m => m.Role);
            // A declination seen as the national secretariat has no membership of its own: it is read in full, not only its meetings.
            MeetingsOnly = [.. Rows.Select(r => r.Id).Where(id => roles.Contains(id) && !AgreementPermissions.Allows(roles[id], AgreementPermission.View))];
        }

        // One échéancier for all the person's agreements (a fixed number of queries): the work queue and the counters share it.
        Work = await work.ForAsync(userId ?? "", memberships, agreements, HttpContext.RequestAborted);
        foreach (var group in Work.MyDueDates.GroupBy(i => i.AgreementId))
        {
            var lastDay = Work.Agreements.TryGetValue(group.Key, out var a) ? a.LastDayInForce : null;
            var soon = group.Count(i => i.DueOn >= Today && i.DueOn <= Today.AddDays(30) && i.Done != true);
            // « en retard » only while the agreement is in force: afterwards a missed date is « non respecté ».
            var overdue = group.Count(i => DueStates.IsLate(i, Today, lastDay));
            if (soon + overdue > 0)
            {
                MyDueDates[group.Key] = (soon, overdue);
            }
        }
    }
}
