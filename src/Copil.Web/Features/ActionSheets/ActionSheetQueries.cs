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

public sealed record ActionSheetPage(IReadOnlyList<ActionSheetRow> Rows, int Total, int Page, int PageSize)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
}

/// <summary>Reads of action sheets that respect who sees what (<see cref="ActionSheetAccess"/>), with no query per row.</summary>
public sealed class ActionSheetQueries(CopilDbContext db)
{
    public const int PageSize = 50;

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
        var query = Filtered(agreementId, grant, filter);
        var total = await query.CountAsync(ct);
        var page = Math.Clamp(filter.Page, 1, Math.Max(1, (total + PageSize - 1) / PageSize));
        var rows = await Project(query.Skip((page - 1) * PageSize).Take(PageSize), agreementId, ct);
        return new ActionSheetPage(rows, total, page, PageSize);
    }

    /// <summary>Every row matching the filters, for the CSV and XLSX exports (at most 100,000).</summary>
    public Task<List<ActionSheetRow>> ExportAsync(Guid agreementId, AgreementGrant grant, ActionSheetFilter filter, CancellationToken ct = default) =>
        Project(Filtered(agreementId, grant, filter).Take(100_000), agreementId, ct);

    private async Task<List<ActionSheetRow>> Project(IQueryable<ActionSheet> query, Guid agreementId, CancellationToken ct)
    {
        var expected = await db.Agreements.Where(a => a.Id == agreementId).SelectMany(a => a.Parties).CountAsync(p => p.Kind == Copil.Domain.Agreements.PartyKind.StateMinistry, ct);
        return await query
            .Select(s => new ActionSheetRow(s.Id, s.Number, s.Title, s.CarrierOrganisation, s.Status, s.AxisId, s.StartsOn, s.EndsOn, s.AmountAskedOfOpcoCents,
                s.Opinions.Count(o => o.VersionNumber == s.ReviewVersionNumber), expected))
            .ToListAsync(ct);
    }

    private IQueryable<ActionSheet> Filtered(Guid agreementId, AgreementGrant grant, ActionSheetFilter filter)
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

        query = filter.Sort switch
        {
            "title" => query.OrderBy(s => s.Title).ThenBy(s => s.Number),
            "status" => query.OrderBy(s => s.Status).ThenBy(s => s.Number),
            "start" => query.OrderBy(s => s.StartsOn).ThenBy(s => s.Number),
            "amount" => query.OrderByDescending(s => s.AmountAskedOfOpcoCents).ThenBy(s => s.Number),
            "-number" => query.OrderByDescending(s => s.Number),
            _ => query.OrderBy(s => s.Number),
        };

        return query;
    }
}
