using Copil.Domain.Access;
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
    public async Task<IReadOnlyList<DueItem>> ForAgreementsAsync(IReadOnlyList<Agreement> agreements, DateOnly today, CancellationToken ct)
    {
        // One query per kind of row for all the agreements at once (the home page asks for every agreement of a person).
        var ids = agreements.Select(a => a.Id).ToList();
        var since = today.AddMonths(-3);
        var allMeetings = await db.Meetings.AsNoTracking()
            .Where(m => ids.Contains(m.AgreementId) && m.Status == MeetingStatus.Convened && m.MeetsOn >= since).ToListAsync(ct);
        var allReviews = await db.Minutes.AsNoTracking().Where(m => ids.Contains(m.AgreementId) && m.Status == MinutesStatus.InReview).ToListAsync(ct);
        var reviewedIds = allReviews.Select(r => r.MeetingId).ToList();
        var allReviewed = reviewedIds.Count == 0 ? [] : await db.Meetings.AsNoTracking().Where(m => reviewedIds.Contains(m.Id)).ToListAsync(ct);
        var meetingIds = allMeetings.Select(m => m.Id).ToList();
        var onTime = meetingIds.Count == 0 ? [] : await db.Set<MeetingDocument>().AsNoTracking()
            .Where(d => meetingIds.Contains(d.MeetingId) && !d.Late).Select(d => d.MeetingId).Distinct().ToListAsync(ct);
        var allOpen = await db.Set<Consultation>().AsNoTracking().Where(c => ids.Contains(c.AgreementId) && c.Status == ConsultationStatus.Open).ToListAsync(ct);

        var items = new List<DueItem>();
        foreach (var agreement in agreements)
        {
            var agreementId = agreement.Id;
            foreach (var meeting in allMeetings.Where(m => m.AgreementId == agreementId))
            {
                var link = $"meeting:{agreementId}:{meeting.Id}";
                var deadline = meeting.DocumentsDeadline(agreement);
                items.Add(new DueItem($"meeting:{meeting.Id}:documents", agreementId, $"Documents de travail du {meeting.Label.ToLowerInvariant()}", deadline.Date,
                    new DueOwner(AgreementRole.Secretariat), meeting.DocumentsDeadlineSource(agreement), link, Statutory: true, Done: onTime.Contains(meeting.Id)));
                items.Add(new DueItem($"meeting:{meeting.Id}", agreementId, meeting.Label, meeting.MeetsOn,
                    new DueOwner(AgreementRole.CommitteeMember), $"{agreement.Terms.SpringMeetingArticle} : réunion convoquée le {Copil.Domain.Common.FrenchText.Date(meeting.ConvenedOn!.Value)}", link, Statutory: true));
            }

            // Each seat that has not answered an open written consultation is reminded before it closes.
            foreach (var consultation in allOpen.Where(c => c.AgreementId == agreementId))
            {
                foreach (var seat in agreement.Seats.Where(s => consultation.Items.Any(i => !consultation.HasVoted(i.Id, s.Id))))
                {
                    items.Add(new DueItem($"consultation:{consultation.Id}:{seat.Id}", agreementId, $"Répondre à la consultation écrite « {consultation.Subject} »", consultation.ClosesOn,
                        new DueOwner(AgreementRole.CommitteeMember, SeatId: seat.Id), $"{agreement.Terms.SpringMeetingArticle} : consultation des membres par courriel, ouverte le {Copil.Domain.Common.FrenchText.Date(consultation.OpenedOn)}",
                        $"consultation:{agreementId}:{consultation.Id}", Statutory: true, Done: false));
                }
            }

            foreach (var minutes in allReviews.Where(m => m.AgreementId == agreementId))
            {
                var meeting = allReviewed.First(m => m.Id == minutes.MeetingId);
                foreach (var party in minutes.AwaitedReviewers(agreement))
                {
                    items.Add(new DueItem($"minutes:{minutes.Id}:review:v{minutes.Current.Number}:{party.Id}", agreementId,
                        $"Relire le compte-rendu du {meeting.Label.ToLowerInvariant()} ({party.ReviewingDirectorate})", minutes.ReviewDueOn!.Value,
                        new DueOwner(AgreementRole.ReviewingDirectorate, party.Id), minutes.ReviewDueSource!, $"minutes:{agreementId}:{meeting.Id}", Statutory: true, Done: false));
                }
            }
        }

        return items;
    }
}
