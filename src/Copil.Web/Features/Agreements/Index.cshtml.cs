using System.Security.Claims;
using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Identity;
using Copil.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Agreements;

public sealed class IndexModel(CopilDbContext db, AgreementAccess access, AgreementReader reader, TimeProvider clock, ActionSheets.WorkQueue queue, DueDates.Echeancier echeancier) : PageModel
{
    public sealed record Row(Guid Id, string Reference, string Title, DateOnly? SignedOn, DateOnly? LastDay, AgreementStatus Status);

    public List<Row> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public List<ActionSheets.WorkItem> Work { get; private set; } = [];

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
        Work = await queue.ForAsync(memberships, HttpContext.RequestAborted);
        if (!User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole))
        {
            var roles = memberships.ToLookup(m => m.AgreementId, m => m.Role);
            // A declination seen as the national secretariat has no membership of its own: it is read in full, not only its meetings.
            MeetingsOnly = [.. Rows.Select(r => r.Id).Where(id => roles.Contains(id) && !AgreementPermissions.Allows(roles[id], AgreementPermission.View))];
        }

        // One échéancier for all the person's agreements: a fixed number of queries, whatever their number.
        var member = memberships.Select(m => m.AgreementId).ToHashSet();
        var theirs = agreements.Where(a => member.Contains(a.Id)).ToList();
        var due = theirs.Count == 0 ? [] : await echeancier.ForLoadedAsync(theirs, DueDates.DueScope.Mine(memberships), ct: HttpContext.RequestAborted);
        foreach (var group in due.GroupBy(i => i.AgreementId))
        {
            var mine = group.ToList();
            var soon = mine.Count(i => i.DueOn >= Today && i.DueOn <= Today.AddDays(30));
            var overdue = mine.Count(i => i.IsOverdueOn(Today));
            if (soon + overdue > 0)
            {
                MyDueDates[group.Key] = (soon, overdue);
            }
        }
    }
}
