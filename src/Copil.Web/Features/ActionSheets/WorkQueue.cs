using System.Security.Claims;
using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.ActionSheets;

/// <summary>What waits for this person, agreement by agreement, with a link to the filtered list.</summary>
public sealed record WorkItem(Guid AgreementId, string Label, int Count, string Url);

/// <summary>The work queue of the home page: one grouped query per role the person holds, never one per agreement.</summary>
public sealed class WorkQueue(CopilDbContext db)
{
    public async Task<List<WorkItem>> ForAsync(ClaimsPrincipal user, CancellationToken ct = default)
    {
        var userId = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        return await ForAsync(await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).ToListAsync(ct), ct);
    }

    /// <summary>The work of a person whose memberships the caller has already read.</summary>
    public async Task<List<WorkItem>> ForAsync(IReadOnlyList<Membership> memberships, CancellationToken ct = default)
    {
        var items = new List<WorkItem>();

        async Task Count(IEnumerable<Guid> agreements, Func<IQueryable<ActionSheet>, IQueryable<ActionSheet>> filter, string label, Func<Guid, string> url)
        {
            var ids = agreements.Distinct().ToList();
            if (ids.Count == 0)
            {
                return;
            }

            var counts = await filter(db.ActionSheets.AsNoTracking().Where(s => ids.Contains(s.AgreementId)))
                .GroupBy(s => s.AgreementId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            items.AddRange(counts.Where(c => c.Count > 0).Select(c => new WorkItem(c.Key, label, c.Count, url(c.Key))));
        }

        static string Status(Guid id, ActionStatus status) => $"/conventions/{id}/fiches?statut={(int)status}";

        var secretariat = memberships.Where(m => m.Role == AgreementRole.Secretariat).Select(m => m.AgreementId);
        await Count(secretariat, q => q.Where(s => s.Status == ActionStatus.ReadyForCommittee), "fiches prêtes pour le comité", id => Status(id, ActionStatus.ReadyForCommittee));
        await Count(secretariat, q => q.Where(s => s.Status == ActionStatus.ReportSubmitted), "fiches de réalisation à examiner", id => Status(id, ActionStatus.ReportSubmitted));

        var board = memberships.Where(m => m.Role == AgreementRole.BoardRecorder).Select(m => m.AgreementId);
        await Count(board, q => q.Where(s => s.Status == ActionStatus.CommitteeValidated), "fiches validées par le comité, en attente du conseil d'administration", id => Status(id, ActionStatus.CommitteeValidated));

        // Opinions to give are listed sheet by sheet, with their due dates, by the home page's work queue (Home.MyWork).

        // One grouped query for every agreement where the person carries actions, kept to their organisations there.
        var carrying = memberships.Where(m => m.Role == AgreementRole.ActionCarrier && m.Organisation is not null).ToList();
        if (carrying.Count > 0)
        {
            var agreements = carrying.Select(m => m.AgreementId).Distinct().ToList();
            var organisations = carrying.Select(m => m.Organisation!).Distinct().ToList();
            var counts = await db.ActionSheets.AsNoTracking()
                .Where(s => agreements.Contains(s.AgreementId) && organisations.Contains(s.CarrierOrganisation)
                    && (s.Status == ActionStatus.Draft || s.Status == ActionStatus.RevisionRequested || s.Status == ActionStatus.InProgress))
                .GroupBy(s => new { s.AgreementId, s.CarrierOrganisation, ToWrite = s.Status != ActionStatus.InProgress })
                .Select(g => new { g.Key.AgreementId, g.Key.CarrierOrganisation, g.Key.ToWrite, Count = g.Count() })
                .ToListAsync(ct);
            var theirs = counts.Where(c => carrying.Any(m => m.AgreementId == c.AgreementId && m.Organisation == c.CarrierOrganisation)).ToList();
            items.AddRange(theirs.Where(c => c.ToWrite).GroupBy(c => c.AgreementId)
                .Select(g => new WorkItem(g.Key, "fiches à compléter ou à réviser", g.Sum(c => c.Count), $"/conventions/{g.Key}/fiches")));
            items.AddRange(theirs.Where(c => !c.ToWrite).GroupBy(c => c.AgreementId)
                .Select(g => new WorkItem(g.Key, "actions en cours : fiche de réalisation à rédiger", g.Sum(c => c.Count), Status(g.Key, ActionStatus.InProgress))));
        }

        return items;
    }
}
