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
        $"{baseUrl}{MeetingPath(agreement.Id, meeting.Id)}", meeting.Place, meeting.CalendarSequence, meeting.Status == MeetingStatus.Cancelled);

    /// <summary>The invitation sent by e-mail: the event, its revision, and whether it is published or cancelled (RFC 5546).</summary>
    private TextAttachment Invitation(Agreement agreement, Meeting meeting) => new(
        meeting.Status == MeetingStatus.Cancelled ? "annulation.ics" : "reunion.ics",
        System.Text.Encoding.UTF8.GetString(ICalendar.Write([Event(agreement, meeting, notifier.Url(""))], meeting.Label, clock.GetUtcNow(),
            meeting.Status == MeetingStatus.Cancelled ? "CANCEL" : "PUBLISH")));

    /// <summary>Everyone a convocation reaches: members, reviewing directorates, the secretariat, invitees.</summary>
    private Task<List<Recipient>> ConvokedAsync(Agreement agreement, CancellationToken ct) =>
        notifier.MembersAsync(agreement.Id, m => m.Role is AgreementRole.CommitteeMember or AgreementRole.ReviewingDirectorate or AgreementRole.Secretariat or AgreementRole.Invitee, ct);

    private static string When(MeetingDetails meeting) =>
        $"le {FrenchText.DateWithDay(meeting.MeetsOn!.Value)}{(meeting.StartsAt is null ? "" : $" à {meeting.StartsAt}")}, {meeting.Place ?? "en visioconférence"}{(meeting.VideoLink is null ? "" : $" ({meeting.VideoLink})")}";

    private static string When(Meeting meeting) => When(meeting.Details);

    /// <summary>The agenda and the documents' deadline of art. 14, as a convocation and its revisions end.</summary>
    private static string AgendaAndDeadline(Agreement agreement, Meeting meeting) =>
        $"Ordre du jour :\n{string.Join("\n", meeting.Items.Select(i => $"{i.Position}. {i.Title}{(i.NeedsVote ? " (décision)" : "")}"))}\n\n"
        + $"{meeting.DocumentsDeadlineSource(agreement)} : le {FrenchText.Date(meeting.DocumentsDeadline(agreement).Date)}.";

    public async Task ConvenedAsync(Agreement agreement, Meeting meeting, CancellationToken ct) =>
        await notifier.NotifyAsync(
            new Notice($"meeting:{meeting.Id}:convened", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Convocation : {meeting.Label}",
                $"Le comité de pilotage se réunit {When(meeting)}.\n\n{AgendaAndDeadline(agreement, meeting)}",
                MeetingPath(agreement.Id, meeting.Id), Attachment: Invitation(agreement, meeting)),
            await ConvokedAsync(agreement, ct), ct);

    /// <summary>A convened meeting moved (day, time, place or link): everyone convened gets the updated invitation, which replaces the one they hold.</summary>
    public async Task RescheduledAsync(Agreement agreement, Meeting meeting, MeetingDetails before, CancellationToken ct)
    {
        var moved = before.MeetsOn != meeting.MeetsOn;
        await notifier.NotifyAsync(
            new Notice($"meeting:{meeting.Id}:revised:{meeting.CalendarSequence}", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"{(moved ? "Réunion déplacée" : "Réunion modifiée")} : {meeting.Label}",
                $"Le {Meeting.KindLabel(before.Kind).ToLowerInvariant()} prévu {When(before)} se tiendra {When(meeting)}.\nL'invitation jointe remplace la précédente dans votre agenda.\n\n{AgendaAndDeadline(agreement, meeting)}",
                MeetingPath(agreement.Id, meeting.Id), Attachment: Invitation(agreement, meeting)),
            await ConvokedAsync(agreement, ct), ct);
    }

    /// <summary>A convened meeting cancelled: everyone convened is told why, with a cancellation that removes it from their calendar.</summary>
    public async Task CancelledAsync(Agreement agreement, Meeting meeting, CancellationToken ct) =>
        await notifier.NotifyAsync(
            new Notice($"meeting:{meeting.Id}:cancelled", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Réunion annulée : {meeting.Label}",
                $"La réunion du comité de pilotage prévue {When(meeting)} est annulée.\nMotif : {meeting.CancellationReason}",
                MeetingPath(agreement.Id, meeting.Id), Attachment: Invitation(agreement, meeting)),
            await ConvokedAsync(agreement, ct), ct);

    /// <summary>A point added to or withdrawn from the agenda after the convocation: one notice per change.</summary>
    public async Task AgendaChangedAsync(Agreement agreement, Meeting meeting, AgendaItem item, bool added, CancellationToken ct) =>
        await notifier.NotifyAsync(
            new Notice($"meeting:{meeting.Id}:agenda:{item.Id}:{(added ? "added" : "removed")}", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Ordre du jour {(added ? "complété" : "modifié")} : {meeting.Label}",
                $"{(added ? "Point ajouté" : "Point retiré")} : « {item.Title} ».\n\n{AgendaAndDeadline(agreement, meeting)}",
                MeetingPath(agreement.Id, meeting.Id)),
            await ConvokedAsync(agreement, ct), ct);

    /// <summary>A working document posted once the meeting is convened (art. 14: at least a week before): one notice per document.</summary>
    public async Task DocumentPostedAsync(Agreement agreement, Meeting meeting, MeetingDocument document, CancellationToken ct) =>
        await notifier.NotifyAsync(
            new Notice($"meeting:{meeting.Id}:document:{document.Id}", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Document de travail : {document.Title} — {meeting.Label}",
                $"« {document.Title} »{(document.VersionNumber > 1 ? $" (version {document.VersionNumber})" : "")} est disponible pour le {meeting.Label.ToLowerInvariant()}."
                + (document.Late ? $"\nIl est transmis après le délai : {meeting.DocumentsDeadlineSource(agreement)}, soit le {FrenchText.Date(meeting.DocumentsDeadline(agreement).Date)}." : ""),
                MeetingPath(agreement.Id, meeting.Id)),
            await ConvokedAsync(agreement, ct), ct);

    public async Task MinutesSentForReviewAsync(Agreement agreement, Meeting meeting, Minutes minutes, CancellationToken ct)
    {
        var parties = Minutes.Reviewers(agreement).Select(p => p.Id).ToHashSet();
        await notifier.NotifyAsync(
            new Notice($"minutes:{minutes.Id}:review:v{minutes.Current.Number}", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Compte rendu à relire : {meeting.Label}",
                $"Le compte rendu ({Minutes.StatusLabel(minutes.Status)}, version {minutes.Current.Number}) vous est adressé pour relecture avant le {FrenchText.DateWithDay(minutes.ReviewDueOn!.Value)} ({minutes.ReviewDueSource}).",
                $"{MeetingPath(agreement.Id, meeting.Id)}/compte-rendu"),
            await notifier.MembersAsync(agreement.Id, m => m.Role == AgreementRole.ReviewingDirectorate && m.PartyId is { } p && parties.Contains(p), ct), ct);
    }

    public async Task MinutesReviewedAsync(Agreement agreement, Meeting meeting, Minutes minutes, CancellationToken ct)
    {
        var review = minutes.Reviews[^1];
        await notifier.NotifyAsync(
            new Notice($"minutes:{minutes.Id}:reviewed:v{review.VersionNumber}:{review.PartyId}", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"{review.Directorate} {(review.Approved ? "approuve" : "commente")} le compte rendu du {FrenchText.Date(meeting.MeetsOn)}",
                review.Approved ? $"{review.Directorate} approuve la version {review.VersionNumber} du compte rendu." : $"Remarques de {review.Directorate} sur la version {review.VersionNumber} :\n{review.Comment}",
                $"{MeetingPath(agreement.Id, meeting.Id)}/compte-rendu"),
            await notifier.MembersAsync(agreement.Id, m => m.Role == AgreementRole.Secretariat, ct), ct);
    }

    public async Task MinutesSubmittedAsync(Agreement agreement, Meeting meeting, Minutes minutes, CancellationToken ct) =>
        await notifier.NotifyAsync(
            new Notice($"minutes:{minutes.Id}:validation:v{minutes.Current.Number}", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Compte rendu soumis à votre validation : {meeting.Label}",
                $"Relu par les directions, le compte rendu (version {minutes.Current.Number}) est soumis à la validation des membres du comité (art. 14).",
                $"{MeetingPath(agreement.Id, meeting.Id)}/compte-rendu"),
            await notifier.MembersAsync(agreement.Id, m => m.Role == AgreementRole.CommitteeMember, ct), ct);

    /// <summary>Art. 14: once validated, the minutes go to the partners involved in the actions (the carriers of the sheets decided) and to the members.</summary>
    public async Task MinutesValidatedAsync(Agreement agreement, Meeting meeting, Minutes minutes, IReadOnlyCollection<string> carriers, CancellationToken ct) =>
        await notifier.NotifyAsync(
            new Notice($"minutes:{minutes.Id}:validated", agreement.Id, agreement.Reference, NoticeKind.Event,
                $"Compte rendu validé : {meeting.Label}",
                $"Le compte rendu a été validé le {FrenchText.Date(minutes.ValidatedOn!.Value)} : {minutes.ValidationText}\nEmpreinte SHA-256 du texte validé : {minutes.ContentHash}.",
                $"{MeetingPath(agreement.Id, meeting.Id)}/compte-rendu"),
            await notifier.MembersAsync(agreement.Id, m => m.Role is AgreementRole.CommitteeMember or AgreementRole.Secretariat or AgreementRole.ReviewingDirectorate
                || (m.Role == AgreementRole.ActionCarrier && m.Organisation is { } o && carriers.Contains(o, StringComparer.OrdinalIgnoreCase)), ct), ct);
}
