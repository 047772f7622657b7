using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.DueDates;
using Copil.Web.Data;
using Copil.Web.Features.Agreements;
using Copil.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.DueDates;

/// <summary>
/// A feature's contribution to the échéancier. Each feature registers its own provider; the échéancier asks them all,
/// so that meetings and minutes (the committee feature) plug in without touching the others.
/// </summary>
public interface IDueDateProvider
{
    /// <summary>
    /// The due dates of several agreements at once, each item naming its agreement: a fixed number of queries whatever
    /// their number. A provider may leave out what <paramref name="scope"/> excludes (the échéancier filters anyway).
    /// </summary>
    Task<IReadOnlyList<DueItem>> ForAgreementsAsync(IReadOnlyList<Agreement> agreements, DateOnly today, DueScope scope, CancellationToken ct);
}

/// <summary>Every due date, or only a person's (their memberships): the home page's counters and the calendar feed need no one else's.</summary>
public sealed record DueScope(IReadOnlyCollection<Membership>? Memberships)
{
    public static DueScope Everything { get; } = new((IReadOnlyCollection<Membership>?)null);

    public static DueScope Mine(IReadOnlyCollection<Membership> memberships) => new(memberships);
}

public sealed class AgreementDueDateProvider(CopilDbContext db) : IDueDateProvider
{
    public async Task<IReadOnlyList<DueItem>> ForAgreementsAsync(IReadOnlyList<Agreement> agreements, DateOnly today, DueScope scope, CancellationToken ct)
    {
        // An annual report sent to the signatories (art. 15) is done, even if it was revised since.
        var ids = agreements.Select(a => a.Id).ToList();
        var sent = (await db.AnnualReports.AsNoTracking().Where(r => ids.Contains(r.AgreementId)).ToListAsync(ct))
            .Where(r => r.SentVersion is not null).ToLookup(r => r.AgreementId);
        return [.. agreements.SelectMany(a => AgreementDueDates.For(a, today, sent[a.Id].ToDictionary(
            r => r.Year,
            r => (IReadOnlyCollection<Guid>)[.. r.Responses.Where(x => x.VersionNumber == r.SentVersion!.Number && x.Validated).Select(x => x.PartyId)])))];
    }
}

public sealed class ActionSheetDueDateProvider(CopilDbContext db) : IDueDateProvider
{
    /// <summary>The facts a sheet's due dates depend on, read by the database: what the échéancier reads of a sheet.</summary>
    public static readonly System.Linq.Expressions.Expression<Func<Copil.Domain.Actions.ActionSheet, AgreementSheetFacts>> DueFactsOf = s => new AgreementSheetFacts(
        s.AgreementId,
        new SheetDueFacts(
            s.Id, s.Number, s.Title, s.CarrierOrganisation, s.Status,
            s.ReviewVersionNumber, s.ReviewSubmittedOn,
            s.Opinions.Where(o => o.VersionNumber == s.ReviewVersionNumber).Select(o => o.PartyId).ToList(),
            s.EndsOn, s.Report == null ? null : s.Report.SubmittedOn));

    public async Task<IReadOnlyList<DueItem>> ForAgreementsAsync(IReadOnlyList<Agreement> agreements, DateOnly today, DueScope scope, CancellationToken ct)
    {
        var ids = agreements.Select(a => a.Id).ToList();

        // A person's own: the opinions of the agreements where they review, the reports of their organisation's sheets.
        // Everyone's: every sheet of the agreements. No query at all for a person who neither reviews nor carries.
        var reviewing = scope.Memberships is { } mine ? [.. mine.Where(m => m.Role == AgreementRole.ReviewingDirectorate).Select(m => m.AgreementId).Distinct()] : ids;
        var carrying = scope.Memberships?.Where(m => m.Role == AgreementRole.ActionCarrier && m.Organisation is not null).ToList();
        var carriedAgreements = carrying?.Select(m => m.AgreementId).Distinct().ToList();
        var carriedOrganisations = carrying?.Select(m => m.Organisation!).Distinct().ToList();
        if (scope.Memberships is not null && reviewing.Count == 0 && carrying!.Count == 0)
        {
            return [];
        }

        // Only sheets that can owe something: under review, or running without a submitted report; and only the facts
        // the due dates use (a projection, not thousands of whole sheets).
        var sheets = await db.ActionSheets.AsNoTracking()
            .Where(s => ids.Contains(s.AgreementId)
                && (((s.Status == Copil.Domain.Actions.ActionStatus.Submitted || s.Status == Copil.Domain.Actions.ActionStatus.UnderReview) && reviewing.Contains(s.AgreementId))
                    || (s.Status == Copil.Domain.Actions.ActionStatus.InProgress
                        && (carriedAgreements == null || (carriedAgreements.Contains(s.AgreementId) && carriedOrganisations!.Contains(s.CarrierOrganisation))))))
            .Select(DueFactsOf)
            .ToListAsync(ct);
        var byAgreement = sheets.ToLookup(s => s.AgreementId, s => s.Facts);
        return [.. agreements.SelectMany(a => ActionSheetDueDates.For(a, byAgreement[a.Id], today))];
    }
}

/// <summary>A sheet's due-date facts and its agreement.</summary>
public sealed record AgreementSheetFacts(Guid AgreementId, SheetDueFacts Facts);

/// <summary>Where in Copil the thing a due date concerns is: the domain names it ("sheet:{agreement}:{sheet}"), the web app knows the path.</summary>
public static class DueLinks
{
    public static string PathOf(DueItem item) => (item.Link ?? "").Split(':') switch
    {
        ["sheet", var agreementId, var sheetId] => $"/conventions/{agreementId}/fiches/{sheetId}",
        ["meeting", var agreementId, var meetingId] => $"/conventions/{agreementId}/comite/{meetingId}",
        ["consultation", var agreementId, var consultationId] => $"/conventions/{agreementId}/comite/consultations/{consultationId}",
        ["minutes", var agreementId, var meetingId] => $"/conventions/{agreementId}/comite/{meetingId}/compte-rendu",
        ["annual-report", var agreementId, var year] => $"/conventions/{agreementId}/bilans/{year}",
        ["logo", var agreementId, var authorisationId] => $"/conventions/{agreementId}/logos/{authorisationId}",
        ["materials", var agreementId] => $"/conventions/{agreementId}/materiels",
        _ => $"/conventions/{item.AgreementId}/echeancier",
    };
}

/// <summary>Every due date of an agreement, from every feature, in date order.</summary>
public sealed class Echeancier(IEnumerable<IDueDateProvider> providers, AgreementReader agreements, TimeProvider clock)
{
    public DateOnly Today => clock.TodayInParis();

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<List<DueItem>> ForAgreementAsync(Guid agreementId, CancellationToken ct = default) =>
        await ForAgreementsAsync([agreementId], DueScope.Everything, ct);

    /// <summary>
    /// The due dates of several agreements (the home page's counters, the calendar feed): agreements loaded at once,
    /// each provider queried once; with a person's scope, only theirs.
    /// </summary>
    public async Task<List<DueItem>> ForAgreementsAsync(IReadOnlyCollection<Guid> agreementIds, DueScope scope, CancellationToken ct = default)
    {
        var loaded = await agreements.LoadManyAsync(agreementIds, ct);
        return loaded.Count == 0 ? [] : await ForLoadedAsync(loaded, scope, ct: ct);
    }

    /// <summary>
    /// The due dates of agreements the caller has already read (untracked), without reading them again; without the
    /// sheets' ones when <paramref name="withoutSheets"/> (the échéancier page counts those in the database).
    /// </summary>
    public async Task<List<DueItem>> ForLoadedAsync(IReadOnlyList<Agreement> loaded, DueScope scope, bool withoutSheets = false, CancellationToken ct = default)
    {
        var items = new List<DueItem>();
        foreach (var provider in providers.Where(p => !withoutSheets || p is not ActionSheetDueDateProvider))
        {
            items.AddRange(await provider.ForAgreementsAsync(loaded, Today, scope, ct));
        }

        return [.. (scope.Memberships is { } mine ? MyDueDates.Of(items, mine) : items).OrderBy(i => i.DueOn).ThenBy(i => i.Title, StringComparer.Ordinal)];
    }
}
