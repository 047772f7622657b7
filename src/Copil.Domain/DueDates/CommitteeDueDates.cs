using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;

namespace Copil.Domain.DueDates;

/// <summary>
/// What the committee's due dates depend on, for one agreement: its meetings, the meetings whose working documents were
/// posted on time, its written consultations and its minutes. Readers may pass only the rows that can owe something
/// (convened meetings, open consultations, minutes in review); the rules below filter anyway.
/// </summary>
public sealed record CommitteeDueFacts(
    IReadOnlyList<Meeting> Meetings,
    IReadOnlySet<Guid> MeetingsWithDocumentsOnTime,
    IReadOnlyList<Consultation> Consultations,
    IReadOnlyList<Minutes> Minutes)
{
    public static CommitteeDueFacts None { get; } = new([], new HashSet<Guid>(), [], []);
}

/// <summary>The committee's due dates (art. 14 of the seed): working documents before a convened meeting, the meeting itself, answers to a written consultation, minutes to proof-read.</summary>
public static class CommitteeDueDates
{
    /// <summary>How long a convened meeting stays in the échéancier after its day (held but not yet closed, it still concerns its members).</summary>
    public const int MonthsShownAfterMeeting = 3;

    public static IReadOnlyList<DueItem> For(Agreement agreement, CommitteeDueFacts facts, DateOnly today)
    {
        var items = new List<DueItem>();
        var article = agreement.Terms.SpringMeetingArticle;
        var since = today.AddMonths(-MonthsShownAfterMeeting);

        foreach (var meeting in facts.Meetings.Where(m => m.Status == MeetingStatus.Convened && m.MeetsOn >= since && m.ConvenedOn is not null))
        {
            var link = $"meeting:{agreement.Id}:{meeting.Id}";
            items.Add(new DueItem($"meeting:{meeting.Id}:documents", agreement.Id, $"Documents de travail du {meeting.Label.ToLowerInvariant()}",
                meeting.DocumentsDeadline(agreement).Date, new DueOwner(AgreementRole.Secretariat), meeting.DocumentsDeadlineSource(agreement), link,
                Statutory: true, Done: facts.MeetingsWithDocumentsOnTime.Contains(meeting.Id)));
            items.Add(new DueItem($"meeting:{meeting.Id}", agreement.Id, meeting.Label, meeting.MeetsOn,
                new DueOwner(AgreementRole.CommitteeMember), $"{article} : réunion convoquée le {FrenchText.Date(meeting.ConvenedOn!.Value)}", link, Statutory: true));
        }

        // Each seat that has not answered every point of an open written consultation is awaited until it closes.
        foreach (var consultation in facts.Consultations.Where(c => c.Status == ConsultationStatus.Open))
        {
            foreach (var seat in agreement.Seats.Where(s => consultation.Items.Any(i => !consultation.HasVoted(i.Id, s.Id))))
            {
                items.Add(new DueItem($"consultation:{consultation.Id}:{seat.Id}", agreement.Id, $"Répondre à la consultation écrite « {consultation.Subject} »",
                    consultation.ClosesOn, new DueOwner(AgreementRole.CommitteeMember, SeatId: seat.Id),
                    $"{article} : consultation des membres par courriel, ouverte le {FrenchText.Date(consultation.OpenedOn)}",
                    $"consultation:{agreement.Id}:{consultation.Id}", Statutory: true, Done: false)
                { Topic = new DueTopic($"consultation écrite « {consultation.Subject} »", "réponse attendue", "réponses attendues") });
            }
        }

        // Each reviewing directorate that has not answered the version in review is awaited until the review's due date.
        foreach (var minutes in facts.Minutes.Where(m => m.Status == MinutesStatus.InReview && m.ReviewDueOn is not null))
        {
            var meeting = facts.Meetings.FirstOrDefault(m => m.Id == minutes.MeetingId);
            var of = meeting is null ? "" : $" du {meeting.Label.ToLowerInvariant()}";
            foreach (var party in minutes.AwaitedReviewers(agreement))
            {
                items.Add(new DueItem($"minutes:{minutes.Id}:review:v{minutes.Current.Number}:{party.Id}", agreement.Id,
                    $"Relire le compte rendu{of} ({party.ReviewingDirectorate})", minutes.ReviewDueOn!.Value,
                    new DueOwner(AgreementRole.ReviewingDirectorate, party.Id), minutes.ReviewDueSource ?? article, $"minutes:{agreement.Id}:{minutes.MeetingId}",
                    Statutory: true, Done: false)
                { Topic = new DueTopic($"compte rendu{of}", "relecture attendue", "relectures attendues") });
            }
        }

        return items;
    }
}
