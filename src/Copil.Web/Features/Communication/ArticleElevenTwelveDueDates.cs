using Copil.Domain.Agreements;
using Copil.Domain.Communication;
using Copil.Domain.DueDates;
using Copil.Web.Data;
using Copil.Web.Features.DueDates;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Communication;

/// <summary>The échéancier's dates of art. 11 (logo decisions and authorisations ending), one query for all the agreements.</summary>
public sealed class ArticleElevenTwelveDueDates(CopilDbContext db) : IDueDateProvider
{
    public async Task<IReadOnlyList<DueItem>> ForAgreementsAsync(IReadOnlyList<Agreement> agreements, DateOnly today, DueScope scope, CancellationToken ct)
    {
        var ids = agreements.Select(a => a.Id).ToList();
        var shownSince = today.AddDays(-CommunicationDueDates.DaysShownAfterEnd);
        var authorisations = (await db.LogoAuthorizations.AsNoTracking()
            .Where(a => ids.Contains(a.AgreementId)
                && (a.Status == LogoAuthorizationStatus.Requested || (a.Status == LogoAuthorizationStatus.Granted && a.ValidUntil >= shownSince)))
            .ToListAsync(ct)).ToLookup(a => a.AgreementId);
        return [.. agreements.SelectMany(a => CommunicationDueDates.For(a, authorisations[a.Id], today))];
    }
}
