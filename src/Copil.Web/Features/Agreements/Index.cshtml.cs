using Copil.Domain.Agreements;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Copil.Web.Identity;
using Copil.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Agreements;

public sealed class IndexModel(CopilDbContext db, AgreementAccess access, TimeProvider clock, ActionSheets.WorkQueue queue) : PageModel
{
    public sealed record Row(Guid Id, string Reference, string Title, DateOnly? SignedOn, DateOnly? LastDay, AgreementStatus Status);

    public List<Row> Rows { get; private set; } = [];

    public DateOnly Today { get; private set; }

    public List<ActionSheets.WorkItem> Work { get; private set; } = [];

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
    }
}
