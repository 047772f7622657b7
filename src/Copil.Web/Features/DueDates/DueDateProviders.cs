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
    Task<IReadOnlyList<DueItem>> ForAgreementAsync(Agreement agreement, DateOnly today, CancellationToken ct);
}

public sealed class AgreementDueDateProvider : IDueDateProvider
{
    public Task<IReadOnlyList<DueItem>> ForAgreementAsync(Agreement agreement, DateOnly today, CancellationToken ct) =>
        Task.FromResult(AgreementDueDates.For(agreement, today));
}

public sealed class ActionSheetDueDateProvider(CopilDbContext db) : IDueDateProvider
{
    public async Task<IReadOnlyList<DueItem>> ForAgreementAsync(Agreement agreement, DateOnly today, CancellationToken ct)
    {
        var agreementId = agreement.Id;

        // Only sheets that can owe something: under review, or running without a submitted report.
        var sheets = await db.ActionSheets.AsNoTracking().AsSplitQuery()
            .Where(s => s.AgreementId == agreementId
                && (s.Status == Copil.Domain.Actions.ActionStatus.Submitted || s.Status == Copil.Domain.Actions.ActionStatus.UnderReview || s.Status == Copil.Domain.Actions.ActionStatus.InProgress))
            .ToListAsync(ct);
        return ActionSheetDueDates.For(agreement, sheets, today);
    }
}

/// <summary>Where in Copil the thing a due date concerns is: the domain names it ("sheet:{agreement}:{sheet}"), the web app knows the path.</summary>
public static class DueLinks
{
    public static string PathOf(DueItem item) => (item.Link ?? "").Split(':') switch
    {
        ["sheet", var agreementId, var sheetId] => $"/conventions/{agreementId}/fiches/{sheetId}",
        ["meeting", var agreementId, var meetingId] => $"/conventions/{agreementId}/comite/{meetingId}",
        ["consultation", var agreementId, var consultationId] => $"/conventions/{agreementId}/comite/consultations/{consultationId}",
        ["minutes", var agreementId, var meetingId] => $"/conventions/{agreementId}/comite/{meetingId}/compte-rendu",
        _ => $"/conventions/{item.AgreementId}/echeancier",
    };
}

/// <summary>Every due date of an agreement, from every feature, in date order.</summary>
public sealed class Echeancier(IEnumerable<IDueDateProvider> providers, AgreementCommands agreements, TimeProvider clock)
{
    public DateOnly Today => clock.TodayInParis();

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<List<DueItem>> ForAgreementAsync(Guid agreementId, CancellationToken ct = default)
    {
        // The agreement is loaded once and handed to every provider.
        var items = new List<DueItem>();
        if (await agreements.LoadAsync(agreementId, ct) is not { } agreement)
        {
            return items;
        }

        foreach (var provider in providers)
        {
            items.AddRange(await provider.ForAgreementAsync(agreement, Today, ct));
        }

        return [.. items.OrderBy(i => i.DueOn).ThenBy(i => i.Title, StringComparer.Ordinal)];
    }
}
