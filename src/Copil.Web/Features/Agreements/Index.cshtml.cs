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

public sealed class IndexModel(CopilDbContext db, AgreementAccess access, TimeProvider clock, ActionSheets.WorkQueue queue, DueDates.Echeancier echeancier) : PageModel
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
        // Status needs the termination only; the other collections are not loaded.
        var agreements = await db.Agreements.AsNoTracking().Include(a => a.Termination)
            .Where(a => ids.Contains(a.Id)).OrderBy(a => a.Reference).ToListAsync();
        Rows = [.. agreements.Select(a => new Row(a.Id, a.Reference, a.Title, a.SignedOn, a.LastDayInForce, a.StatusOn(Today)))];
        Work = await queue.ForAsync(User);
        var userId = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).ToListAsync();
        if (!User.IsInRole(CopilClaimsPrincipalFactory.AdministratorRole))
        {
            var roles = memberships.ToLookup(m => m.AgreementId, m => m.Role);
            MeetingsOnly = [.. Rows.Select(r => r.Id).Where(id => !AgreementPermissions.Allows(roles[id], AgreementPermission.View))];
        }

        // One échéancier for all the person's agreements: a fixed number of queries, whatever their number.
        var member = memberships.Select(m => m.AgreementId).ToHashSet();
        var theirs = Rows.Select(r => r.Id).Where(member.Contains).ToList();
        foreach (var group in (await echeancier.ForAgreementsAsync(theirs, DueDates.DueScope.Mine(memberships), HttpContext.RequestAborted)).GroupBy(i => i.AgreementId))
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
