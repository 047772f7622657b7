using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.DueDates;
using Copil.Web.Data;
using Copil.Web.Features.DueDates;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Committee;

/// <summary>The committee's contribution to the échéancier (art. 14): meetings, working documents, minutes to proof-read.</summary>
public sealed class CommitteeDueDateProvider(CopilDbContext db) : IDueDateProvider
{
    public async Task<IReadOnlyList<DueItem>> ForAgreementsAsync(IReadOnlyList<Agreement> agreements, DateOnly today, DueScope scope, CancellationToken ct)
    {
        // One query per kind of row for all the agreements at once (the home page asks for every agreement of a person).
        var ids = agreements.Select(a => a.Id).ToList();
        var since = today.AddMonths(-CommitteeDueDates.MonthsShownAfterMeeting);
        var allMeetings = await db.Meetings.AsNoTracking()
            .Where(m => ids.Contains(m.AgreementId) && m.Status == MeetingStatus.Convened && m.MeetsOn >= since).ToListAsync(ct);
        var allReviews = await db.Minutes.AsNoTracking().Where(m => ids.Contains(m.AgreementId) && m.Status == MinutesStatus.InReview).ToListAsync(ct);
        var reviewedIds = allReviews.Select(r => r.MeetingId).ToList();
        var allReviewed = reviewedIds.Count == 0 ? [] : await db.Meetings.AsNoTracking().Where(m => reviewedIds.Contains(m.Id)).ToListAsync(ct);
        var meetingIds = allMeetings.Select(m => m.Id).ToList();
        var onTime = meetingIds.Count == 0 ? [] : await db.Set<MeetingDocument>().AsNoTracking()
            .Where(d => meetingIds.Contains(d.MeetingId) && !d.Late).Select(d => d.MeetingId).Distinct().ToListAsync(ct);
        var allOpen = await db.Set<Consultation>().AsNoTracking().Where(c => ids.Contains(c.AgreementId) && c.Status == ConsultationStatus.Open).ToListAsync(ct);

        var meetingsBy = allMeetings.Concat(allReviewed).DistinctBy(m => m.Id).ToLookup(m => m.AgreementId);
        var consultationsBy = allOpen.ToLookup(c => c.AgreementId);
        var minutesBy = allReviews.ToLookup(m => m.AgreementId);
        var documentsOnTime = onTime.ToHashSet();
        return [.. agreements.SelectMany(a => CommitteeDueDates.For(a, new CommitteeDueFacts([.. meetingsBy[a.Id]], documentsOnTime, [.. consultationsBy[a.Id]], [.. minutesBy[a.Id]]), today))];
    }
}
