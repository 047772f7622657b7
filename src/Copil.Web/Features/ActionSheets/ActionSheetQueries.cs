using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Web.Data;
using Copil.Web.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.ActionSheets;

/// <summary>Filters of the action sheet lists (page and API).</summary>
public sealed record ActionSheetFilter(
    ActionStatus? Status = null,
    Guid? AxisId = null,
    string? Region = null,
    string? Carrier = null,
    int? Year = null,
    bool AwaitingMyOpinion = false,
    string Sort = "number",
    int Page = 1);

/// <summary>One row of a list, projected in SQL: "1 avis reçu sur 2".</summary>
public sealed record ActionSheetRow(
    Guid Id, int Number, string Title, string CarrierOrganisation, ActionStatus Status, Guid? AxisId,
    DateOnly? StartsOn, DateOnly? EndsOn, long AmountAskedOfOpcoCents, int OpinionsReceived, int OpinionsExpected);

/// <summary>The columns of the CSV and XLSX exports.</summary>
public static class ActionSheetExport
{
    public static readonly IReadOnlyList<string> Headers = ["N°", "Intitulé", "Porteur", "État", "Axe", "Début", "Fin", "Demandé à l'OPCO (€)", "Avis reçus", "Avis attendus"];

    public static IEnumerable<IReadOnlyList<object?>> Rows(IEnumerable<ActionSheetRow> rows, Copil.Domain.Agreements.Agreement agreement) =>
        rows.Select(r => (IReadOnlyList<object?>)
        [
            r.Number, r.Title, r.CarrierOrganisation, ActionLabels.Status(r.Status),
            agreement.Axes.FirstOrDefault(a => a.Id == r.AxisId)?.Article, r.StartsOn, r.EndsOn,
            r.AmountAskedOfOpcoCents / 100m, r.OpinionsReceived, r.OpinionsExpected,
        ]);
}

/// <summary>
/// A page of a list. <see cref="Total"/> is exact unless <see cref="MoreThanTotal"/>: lists count no further than
/// <see cref="ActionSheetQueries.CountLimit"/> rows or the page asked, so that a list costs about the same at 100,000
/// sheets (ADR 18).
/// </summary>
public sealed record ActionSheetPage(IReadOnlyList<ActionSheetRow> Rows, int Total, int Page, int PageSize, bool MoreThanTotal = false)
{
    /// <summary>The pages known to exist: at least one more than this one when the count stopped early.</summary>
    public int PageCount => MoreThanTotal ? Math.Max(Page + 1, Total / PageSize) : Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Reads of action sheets that respect who sees what (<see cref="ActionSheetAccess"/>), with no query per row.</summary>
public sealed class ActionSheetQueries(CopilDbContext db)
{
    public int PageSize { get; init; } = 50;

    /// <summary>Rows a list counts at most, unless the page asked lies further.</summary>
    public int CountLimit { get; init; } = 10_000;

    /// <summary>Deepest page served (50 million rows in): keeps the offset within an integer.</summary>
    public const int MaxPage = 1_000_000;

    public IQueryable<ActionSheet> Visible(Guid agreementId, AgreementGrant grant)
    {
        var query = db.ActionSheets.AsNoTracking().Where(s => s.AgreementId == agreementId);
        if (ActionSheetAccess.SeesAll(grant.Memberships, grant.IsAdministrator))
        {
            return query;
        }

        var carried = ActionSheetAccess.CarriedOrganisations(grant.Memberships).ToList();
        var seesSubmitted = ActionSheetAccess.SeesSubmitted(grant.Memberships, grant.IsAdministrator);
        return query.Where(s => carried.Contains(s.CarrierOrganisation) || (seesSubmitted && s.Status != ActionStatus.Draft));
    }

    public async Task<ActionSheetPage> ListAsync(Guid agreementId, AgreementGrant grant, ActionSheetFilter filter, CancellationToken ct = default)
    {
        var requested = Math.Clamp(filter.Page, 1, MaxPage);
        // Counted without ordering, and only as far as needed to know that the page asked exists.
        var limit = Math.Max(CountLimit, ((requested - 1) * PageSize) + 1);
        var counted = await Matching(agreementId, grant, filter).Take(limit + 1).CountAsync(ct);
        var more = counted > limit;
        var total = Math.Min(counted, limit);
        var page = more ? requested : Math.Clamp(requested, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await Project(Ordered(Matching(agreementId, grant, filter), filter.Sort).Skip((page - 1) * PageSize).Take(PageSize), agreementId, ct);
        if (more && rows.Count < PageSize)
        {
            // The last page: the total is known after all.
            (total, more) = (((page - 1) * PageSize) + rows.Count, false);
        }

        return new ActionSheetPage(rows, total, page, PageSize, more);
    }

    /// <summary>Every row matching the filters, for the CSV and XLSX exports (at most 100,000).</summary>
    public Task<List<ActionSheetRow>> ExportAsync(Guid agreementId, AgreementGrant grant, ActionSheetFilter filter, CancellationToken ct = default) =>
        Project(Ordered(Matching(agreementId, grant, filter), filter.Sort).Take(100_000), agreementId, ct);

    private async Task<List<ActionSheetRow>> Project(IQueryable<ActionSheet> query, Guid agreementId, CancellationToken ct)
    {
        var expected = await db.Agreements.Where(a => a.Id == agreementId).SelectMany(a => a.Parties).CountAsync(p => p.Kind == Copil.Domain.Agreements.PartyKind.StateMinistry, ct);
        return await query
            .Select(s => new ActionSheetRow(s.Id, s.Number, s.Title, s.CarrierOrganisation, s.Status, s.AxisId, s.StartsOn, s.EndsOn, s.AmountAskedOfOpcoCents,
                s.Opinions.Count(o => o.VersionNumber == s.ReviewVersionNumber), expected))
            .ToListAsync(ct);
    }

    private IQueryable<ActionSheet> Matching(Guid agreementId, AgreementGrant grant, ActionSheetFilter filter)
    {
        var query = Visible(agreementId, grant);
        if (filter.Status is { } status)
        {
            query = query.Where(s => s.Status == status);
        }

        if (filter.AxisId is { } axis)
        {
            query = query.Where(s => s.AxisId == axis);
        }

        if (!string.IsNullOrWhiteSpace(filter.Region))
        {
            var framed = "," + filter.Region.Trim() + ",";
            query = query.Where(s => s.RegionCodes.Contains(framed));
        }

        if (!string.IsNullOrWhiteSpace(filter.Carrier))
        {
            var carrier = filter.Carrier.Trim();
            query = query.Where(s => s.CarrierOrganisation.Contains(carrier));
        }

        if (filter.Year is { } year)
        {
            var from = new DateOnly(year, 1, 1);
            var to = new DateOnly(year, 12, 31);
            query = query.Where(s => s.StartsOn <= to && (s.EndsOn ?? s.StartsOn) >= from);
        }

        if (filter.AwaitingMyOpinion)
        {
            var parties = ActionSheetAccess.OpinionParties(grant.Memberships).ToList();
            query = query.Where(s => (s.Status == ActionStatus.Submitted || s.Status == ActionStatus.UnderReview)
                && s.Opinions.Count(o => o.VersionNumber == s.ReviewVersionNumber && parties.Contains(o.PartyId)) < parties.Count);
        }

        return query;
    }

    private static IQueryable<ActionSheet> Ordered(IQueryable<ActionSheet> query, string sort) =>
        sort switch
        {
            "title" => query.OrderBy(s => s.Title).ThenBy(s => s.Number),
            "status" => query.OrderBy(s => s.Status).ThenBy(s => s.Number),
            "start" => query.OrderBy(s => s.StartsOn).ThenBy(s => s.Number),
            "amount" => query.OrderByDescending(s => s.AmountAskedOfOpcoCents).ThenBy(s => s.Number),
            "-number" => query.OrderByDescending(s => s.Number),
            _ => query.OrderBy(s => s.Number),
        };
}
