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
    Task<IReadOnlyList<DueItem>> ForAgreementAsync(Guid agreementId, DateOnly today, CancellationToken ct);
}

public sealed class AgreementDueDateProvider(AgreementCommands agreements) : IDueDateProvider
{
    public async Task<IReadOnlyList<DueItem>> ForAgreementAsync(Guid agreementId, DateOnly today, CancellationToken ct) =>
        await agreements.LoadAsync(agreementId, ct) is { } agreement ? AgreementDueDates.For(agreement, today) : [];
}

public sealed class ActionSheetDueDateProvider(AgreementCommands agreements, CopilDbContext db) : IDueDateProvider
{
    public async Task<IReadOnlyList<DueItem>> ForAgreementAsync(Guid agreementId, DateOnly today, CancellationToken ct)
    {
        if (await agreements.LoadAsync(agreementId, ct) is not { } agreement)
        {
            return [];
        }

        // Only sheets that can owe something: under review, or running without a submitted report.
        var sheets = await db.ActionSheets.AsNoTracking().AsSplitQuery()
            .Where(s => s.AgreementId == agreementId
                && (s.Status == Copil.Domain.Actions.ActionStatus.Submitted || s.Status == Copil.Domain.Actions.ActionStatus.UnderReview || s.Status == Copil.Domain.Actions.ActionStatus.InProgress))
            .ToListAsync(ct);
        return ActionSheetDueDates.For(agreement, sheets, today);
    }
}

/// <summary>Every due date of an agreement, from every feature, in date order.</summary>
public sealed class Echeancier(IEnumerable<IDueDateProvider> providers, TimeProvider clock)
{
    public DateOnly Today => clock.TodayInParis();

    public DateTimeOffset Now => clock.GetUtcNow();

    public async Task<List<DueItem>> ForAgreementAsync(Guid agreementId, CancellationToken ct = default)
    {
        var items = new List<DueItem>();
        foreach (var provider in providers)
        {
            items.AddRange(await provider.ForAgreementAsync(agreementId, Today, ct));
        }

        return [.. items.OrderBy(i => i.DueOn).ThenBy(i => i.Title, StringComparer.Ordinal)];
    }
}
