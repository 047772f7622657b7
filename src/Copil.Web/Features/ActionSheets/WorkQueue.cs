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
        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == userId).ToListAsync(ct);
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

        foreach (var reviewer in memberships.Where(m => m.Role == AgreementRole.ReviewingDirectorate && m.PartyId is not null))
        {
            var party = reviewer.PartyId!.Value;
            await Count([reviewer.AgreementId], q => q.Where(s => (s.Status == ActionStatus.Submitted || s.Status == ActionStatus.UnderReview)
                && !s.Opinions.Any(o => o.VersionNumber == s.ReviewVersionNumber && o.PartyId == party)),
                "fiches en attente de votre avis", id => $"/conventions/{id}/fiches?avis=true");
        }

        foreach (var carrier in memberships.Where(m => m.Role == AgreementRole.ActionCarrier && m.Organisation is not null))
        {
            var organisation = carrier.Organisation!;
            await Count([carrier.AgreementId], q => q.Where(s => s.CarrierOrganisation == organisation && (s.Status == ActionStatus.Draft || s.Status == ActionStatus.RevisionRequested)),
                "fiches à compléter ou à réviser", id => $"/conventions/{id}/fiches");
            await Count([carrier.AgreementId], q => q.Where(s => s.CarrierOrganisation == organisation && s.Status == ActionStatus.InProgress),
                "actions en cours : fiche de réalisation à rédiger", id => Status(id, ActionStatus.InProgress));
        }

        return items;
    }
}
