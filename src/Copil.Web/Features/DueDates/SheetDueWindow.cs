using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.DueDates;
using Copil.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.DueDates;

/// <summary>
/// Whose sheets' due dates are read. <paramref name="VisibleOrganisations"/>: the carriers whose sheets the person sees
/// (null: every sheet). <paramref name="OpinionParties"/>: the ministries whose awaited opinions count.
/// <paramref name="ReportOrganisations"/>: the carriers whose awaited completion reports count (null: all).
/// </summary>
public sealed record SheetDueFilter(IReadOnlyList<string>? VisibleOrganisations, IReadOnlyList<Guid> OpinionParties, IReadOnlyList<string>? ReportOrganisations)
{
    /// <summary>What a person sees of an agreement's sheets' due dates, all of them or only theirs (the same rules as <see cref="MyDueDates"/>).</summary>
    public static SheetDueFilter For(Agreement agreement, IReadOnlyCollection<Membership> memberships, bool isAdministrator, bool mineOnly)
    {
        var theirs = memberships.Where(m => m.AgreementId == agreement.Id).ToList();
        var visible = ActionSheetAccess.SeesSubmitted(theirs, isAdministrator) ? null : ActionSheetAccess.CarriedOrganisations(theirs);
        var stateParties = agreement.Parties.Where(p => p.IsState).Select(p => p.Id).ToList();
        return mineOnly
            ? new SheetDueFilter(visible, [.. ActionSheetAccess.OpinionParties(theirs).Where(stateParties.Contains)], ActionSheetAccess.CarriedOrganisations(theirs))
            : new SheetDueFilter(visible, stateParties, null);
    }
}

/// <summary>
/// The sheets' due dates of the échéancier page, counted by the database: one grouped query per kind (opinions awaited
/// per submission day, completion reports per end day), then only the first sheets of each side read in full. What
/// the page costs no longer depends on the thousands of sheets under review.
/// </summary>
public sealed class SheetDueWindow(CopilDbContext db)
{
    public async Task<DueSlice> ReadAsync(Agreement agreement, DateOnly today, SheetDueFilter filter, int overdueSheets, int upcomingSheets, CancellationToken ct = default)
    {
        var sheets = db.ActionSheets.AsNoTracking().Where(s => s.AgreementId == agreement.Id);
        if (filter.VisibleOrganisations is { } visible)
        {
            sheets = sheets.Where(s => visible.Contains(s.CarrierOrganisation));
        }

        var overdue = new List<DueItem>();
        var upcoming = new List<DueItem>();
        int overdueCount = 0, overdueGroups = 0, upcomingCount = 0;

        // Opinions awaited: sheets in review that still miss an opinion of one of the ministries counted.
        var parties = filter.OpinionParties;
        if (agreement.Terms.OpinionDelayDays is not null && parties.Count > 0)
        {
            var awaiting = sheets
                .Where(s => s.Status == ActionStatus.Submitted || s.Status == ActionStatus.UnderReview)
                .Select(s => new
                {
                    Sheet = s,
                    SubmittedOn = s.ReviewSubmittedOn,
                    Given = s.Opinions.Count(o => o.VersionNumber == s.ReviewVersionNumber && parties.Contains(o.PartyId)),
                })
                .Where(x => x.SubmittedOn != null && x.Given < parties.Count);
            // Grouped by day and by opinions given (a sum over the group would be sent as one subquery per group).
            var days = await awaiting.GroupBy(x => new { x.SubmittedOn, x.Given })
                .Select(g => new { On = g.Key.SubmittedOn!.Value, g.Key.Given, Sheets = g.Count() }).ToListAsync(ct);
            DateOnly? lastOverdue = null;
            foreach (var day in days)
            {
                var items = day.Sheets * (parties.Count - day.Given);
                if (ActionSheetDueDates.OpinionDueOn(agreement, day.On) < today)
                {
                    (overdueCount, overdueGroups) = (overdueCount + items, overdueGroups + day.Sheets);
                    lastOverdue = lastOverdue is { } d && d > day.On ? d : day.On;
                }
                else
                {
                    upcomingCount += items;
                }
            }

            // The deadline never goes back as the submission day moves forward: overdue ones are those submitted up to a
            // day. Both reads are made even when one is empty, so that the page sends the same queries every day.
            var last = lastOverdue ?? DateOnly.MinValue;
            overdue.AddRange(Opinions(await FactsAsync(awaiting.Where(x => x.SubmittedOn <= last).OrderBy(x => x.SubmittedOn).ThenBy(x => x.Sheet.Number).Select(x => x.Sheet), overdueSheets, ct)));
            upcoming.AddRange(Opinions(await FactsAsync(awaiting.Where(x => x.SubmittedOn > last).OrderBy(x => x.SubmittedOn).ThenBy(x => x.Sheet.Number).Select(x => x.Sheet), upcomingSheets, ct)));
        }

        // Completion reports awaited: running actions whose report was not sent (art. 15).
        if (filter.ReportOrganisations is not { Count: 0 })
        {
            var running = sheets.Where(s => s.Status == ActionStatus.InProgress && s.EndsOn != null && (s.Report == null || s.Report.SubmittedOn == null));
            if (filter.ReportOrganisations is { } organisations)
            {
                running = running.Where(s => organisations.Contains(s.CarrierOrganisation));
            }

            var days = await running.GroupBy(s => s.EndsOn).Select(g => new { Ends = g.Key!.Value, Sheets = g.Count() }).ToListAsync(ct);
            DateOnly? lastOverdue = null;
            foreach (var day in days)
            {
                if (ActionSheetDueDates.ReportDueOn(agreement, day.Ends) < today)
                {
                    (overdueCount, overdueGroups) = (overdueCount + day.Sheets, overdueGroups + day.Sheets);
                    lastOverdue = lastOverdue is { } d && d > day.Ends ? d : day.Ends;
                }
                else
                {
                    upcomingCount += day.Sheets;
                }
            }

            var last = lastOverdue ?? DateOnly.MinValue;
            overdue.AddRange(await FactsAsync(running.Where(s => s.EndsOn <= last).OrderBy(s => s.EndsOn).ThenBy(s => s.Number), overdueSheets, ct));
            upcoming.AddRange(await FactsAsync(running.Where(s => s.EndsOn > last).OrderBy(s => s.EndsOn).ThenBy(s => s.Number), upcomingSheets, ct));
        }

        return new DueSlice(overdueCount, overdueGroups, upcomingCount, overdue, upcoming);

        // The domain computes the dates of the sheets read; only the ministries counted keep their opinions.
        async Task<IReadOnlyList<DueItem>> FactsAsync(IQueryable<ActionSheet> ordered, int take, CancellationToken token)
        {
            var facts = await ordered.Take(take).Select(ActionSheetDueDateProvider.DueFactsOf).ToListAsync(token);
            return ActionSheetDueDates.For(agreement, facts.Select(f => f.Facts), today);
        }

        IEnumerable<DueItem> Opinions(IEnumerable<DueItem> items) =>
            items.Where(i => i.Owner.Role == AgreementRole.ReviewingDirectorate && i.Owner.PartyId is { } p && parties.Contains(p));
    }
}
