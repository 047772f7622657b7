using Copil.Domain.Actions;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Copil.Web.Features.Reporting;

/// <summary>
/// Gives a new stamp to every year whose actions a save adds, changes or removes (the year before and after a change of
/// start date), in the same transaction as the change, creating the year's row the first time. Dashboards cached under
/// the old stamp are then never served again (ADR 18).
/// </summary>
public sealed class ReportingYearStamps : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is CopilDbContext db)
        {
            await StampAsync(db, cancellationToken);
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is CopilDbContext db)
        {
            StampAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    /// <summary>The (agreement, year) pairs whose figures this save changes.</summary>
    public static HashSet<(Guid AgreementId, int Year)> ChangedYears(DbContext db)
    {
        var years = new HashSet<(Guid, int)>();
        foreach (var entry in db.ChangeTracker.Entries<ActionSheet>())
        {
            var year = entry.Property(s => s.BudgetYear);
            var figuresChanged = entry.State is EntityState.Added or EntityState.Deleted
                || (entry.State == EntityState.Modified && (entry.Property(s => s.Figures).IsModified || year.IsModified));
            if (!figuresChanged)
            {
                continue;
            }

            if (entry.State != EntityState.Added && year.OriginalValue is { } before)
            {
                years.Add((entry.Entity.AgreementId, before));
            }

            if (entry.State != EntityState.Deleted && year.CurrentValue is { } after)
            {
                years.Add((entry.Entity.AgreementId, after));
            }
        }

        return years;
    }

    private static async Task StampAsync(CopilDbContext db, CancellationToken ct)
    {
        db.ChangeTracker.DetectChanges();
        var changed = ChangedYears(db);
        if (changed.Count == 0)
        {
            return;
        }

        var rows = await LoadAsync(db, changed, ct);
        var missing = changed.Where(k => !rows.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            // Created outside the change tracker so that two first saves of a year at once both succeed: the loser's
            // insert does nothing, and both then stamp the same row.
            foreach (var (agreementId, year) in missing)
            {
                await db.Database.ExecuteSqlAsync(
                    $"""INSERT INTO "ReportingYears" ("AgreementId", "Year", "Stamp") VALUES ({agreementId}, {year}, 0) ON CONFLICT DO NOTHING""", ct);
            }

            rows = await LoadAsync(db, changed, ct);
        }

        foreach (var row in rows.Values)
        {
            row.Stamp = NewStamp(row.Stamp);
        }
    }

    private static async Task<Dictionary<(Guid, int), ReportingYear>> LoadAsync(CopilDbContext db, HashSet<(Guid AgreementId, int Year)> keys, CancellationToken ct)
    {
        var agreementIds = keys.Select(k => k.AgreementId).Distinct().ToList();
        var years = keys.Select(k => k.Year).Distinct().ToList();
        var rows = await db.Set<ReportingYear>().Where(r => agreementIds.Contains(r.AgreementId) && years.Contains(r.Year)).ToListAsync(ct);
        return rows.Where(r => keys.Contains((r.AgreementId, r.Year))).ToDictionary(r => (r.AgreementId, r.Year));
    }

    private static long NewStamp(long previous)
    {
        long stamp;
        do
        {
            stamp = Random.Shared.NextInt64(1, long.MaxValue);
        }
        while (stamp == previous);
        return stamp;
    }
}
