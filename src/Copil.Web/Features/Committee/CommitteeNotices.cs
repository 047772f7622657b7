using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Notifications;
using Copil.Web.Features.DueDates;
using Copil.Web.Features.Notifications;

namespace Copil.Web.Features.Committee;

/// <summary>Who hears of the committee's work (art. 14): the notice of a meeting, the minutes review, their validation.</summary>
public sealed class CommitteeNotices(Notifier notifier, TimeProvider clock)
{
    public static string MeetingPath(Guid agreementId, Guid meetingId) => $"/conventions/{agreementId}/comite/{meetingId}";

    public static CalendarEvent Event(Agreement agreement, Meeting meeting, string baseUrl) => new(
        $"meeting:{meeting.Id}@copil", meeting.MeetsOn, $"{meeting.Label} — {agreement.Reference}",
        $"{(meeting.StartsAt is null ? "" : $"{meeting.StartsAt}. ")}{(meeting.VideoLink is null ? "" : $"Visioconférence : {meeting.VideoLink}. ")}Ordre du jour : {string.Join(" ; ", meeting.Items.Select(i => $"{i.Position}. {i.Title}"))}",
        $"{baseUrl}{MeetingPath(agreement.Id, meeting.Id)}", meeting.Place);

    public async Task ConvenedAsync(Agreement agreement, Meeting meeting, CancellationToken ct)
    {
        var agenda = string.Join("\n", meeting.Items.Select(i => $"{i.Position}. {i.Title}{(i.NeedsVote ? " (décision)" : "")}"));
        var ics = System.Text.Encoding.UTF8.GetString(ICalendar.Write([Event(agreement, meeting, notifier.Url(""))], meeting.Label, clock.GetUtcNow()));
        await notifier.NotifyAsync(
            new Notice($"meeting:{meeting.Id}:convened", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Convocation : {meeting.Label}",
                $"Le comité de pilotage se réunit le {FrenchText.DateWithDay(meeting.MeetsOn)}{(meeting.StartsAt is null ? "" : $" à {meeting.StartsAt}")}, {meeting.Place ?? "en visioconférence"}{(meeting.VideoLink is null ? "" : $" ({meeting.VideoLink})")}.\n\nOrdre du jour :\n{agenda}\n\n{meeting.DocumentsDeadlineSource(agreement)} : le {FrenchText.Date(meeting.DocumentsDeadline(agreement).Date)}.",
                MeetingPath(agreement.Id, meeting.Id), Attachment: new TextAttachment("reunion.ics", ics)),
            await notifier.MembersAsync(agreement.Id, m => m.Role is AgreementRole.CommitteeMember or AgreementRole.ReviewingDirectorate or AgreementRole.Secretariat or AgreementRole.Invitee, ct), ct);
    }

    public async Task MinutesSentForReviewAsync(Agreement agreement, Meeting meeting, Minutes minutes, CancellationToken ct)
    {
        var parties = Minutes.Reviewers(agreement).Select(p => p.Id).ToHashSet();
        await notifier.NotifyAsync(
            new Notice($"minutes:{minutes.Id}:review:v{minutes.Current.Number}", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Compte-rendu à relire : {meeting.Label}",
                $"Le compte-rendu ({Minutes.StatusLabel(minutes.Status)}, version {minutes.Current.Number}) vous est adressé pour relecture avant le {FrenchText.DateWithDay(minutes.ReviewDueOn!.Value)} ({minutes.ReviewDueSource}).",
                $"{MeetingPath(agreement.Id, meeting.Id)}/compte-rendu"),
            await notifier.MembersAsync(agreement.Id, m => m.Role == AgreementRole.ReviewingDirectorate && m.PartyId is { } p && parties.Contains(p), ct), ct);
    }

    public async Task MinutesReviewedAsync(Agreement agreement, Meeting meeting, Minutes minutes, CancellationToken ct)
    {
        var review = minutes.Reviews[^1];
        await notifier.NotifyAsync(
            new Notice($"minutes:{minutes.Id}:reviewed:v{review.VersionNumber}:{review.PartyId}", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"{review.Directorate} {(review.Approved ? "approuve" : "commente")} le compte-rendu du {FrenchText.Date(meeting.MeetsOn)}",
                review.Approved ? $"{review.Directorate} approuve la version {review.VersionNumber} du compte-rendu." : $"Remarques de {review.Directorate} sur la version {review.VersionNumber} :\n{review.Comment}",
                $"{MeetingPath(agreement.Id, meeting.Id)}/compte-rendu"),
            await notifier.MembersAsync(agreement.Id, m => m.Role == AgreementRole.Secretariat, ct), ct);
    }

    public async Task MinutesSubmittedAsync(Agreement agreement, Meeting meeting, Minutes minutes, CancellationToken ct) =>
        await notifier.NotifyAsync(
            new Notice($"minutes:{minutes.Id}:validation:v{minutes.Current.Number}", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Compte-rendu soumis à votre validation : {meeting.Label}",
                $"Relu par les directions, le compte-rendu (version {minutes.Current.Number}) est soumis à la validation des membres du comité (art. 14).",
                $"{MeetingPath(agreement.Id, meeting.Id)}/compte-rendu"),
            await notifier.MembersAsync(agreement.Id, m => m.Role == AgreementRole.CommitteeMember, ct), ct);

    /// <summary>Art. 14: once validated, the minutes go to the partners involved in the actions (the carriers of the sheets decided) and to the members.</summary>
    public async Task MinutesValidatedAsync(Agreement agreement, Meeting meeting, Minutes minutes, IReadOnlyCollection<string> carriers, CancellationToken ct) =>
        await notifier.NotifyAsync(
            new Notice($"minutes:{minutes.Id}:validated", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Compte-rendu validé : {meeting.Label}",
                $"Le compte-rendu a été validé le {FrenchText.Date(minutes.ValidatedOn!.Value)} : {minutes.Validation!.Explanation}\nEmpreinte SHA-256 du texte validé : {minutes.ContentHash}.",
                $"{MeetingPath(agreement.Id, meeting.Id)}/compte-rendu"),
            await notifier.MembersAsync(agreement.Id, m => m.Role is AgreementRole.CommitteeMember or AgreementRole.Secretariat or AgreementRole.ReviewingDirectorate
                || (m.Role == AgreementRole.ActionCarrier && m.Organisation is { } o && carriers.Contains(o, StringComparer.OrdinalIgnoreCase)), ct), ct);
}
