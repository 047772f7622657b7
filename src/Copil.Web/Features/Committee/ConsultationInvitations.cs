using System.Security.Cryptography;
using System.Text;
using Copil.Domain.Access;
using Copil.Domain.Committee;
using Copil.Domain.Common;
using Copil.Domain.Notifications;
using Copil.Web.Data;
using Copil.Web.Features.Notifications;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Features.Committee;

/// <summary>The messages of a written consultation: each seat holder's personal links by e-mail, and the members' notice.</summary>
public sealed class ConsultationInvitations(CopilDbContext db, Outbox outbox, Notifier notifier)
{
    /// <summary>
    /// E-mails each seat holder their personal links (one per point, sent at once whatever their digest choice: a vote
    /// has a closing date) and lists the consultation in the members' notifications.
    /// </summary>
    public async Task InviteAsync(Copil.Domain.Agreements.Agreement agreement, Consultation consultation, CancellationToken ct)
    {
        var agreementId = agreement.Id;
        var holders = await (from m in db.Memberships
                             join u in db.Users on m.UserId equals u.Id
                             where m.AgreementId == agreementId && m.Role == AgreementRole.CommitteeMember && m.SeatId != null
                             select new { m.SeatId, u.Id, u.Email, u.DisplayName, u.NotificationDelivery, u.MuteReminders }).ToListAsync(ct);
        foreach (var holder in holders.Where(h => agreement.Seats.Any(s => s.Id == h.SeatId)))
        {
            var seat = agreement.Seats.Single(s => s.Id == holder.SeatId);
            var lines = new StringBuilder();
            var masked = new StringBuilder();
            foreach (var item in consultation.Items)
            {
                var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
                db.Add(new VoteLink
                {
                    Id = Guid.NewGuid(),
                    AgreementId = agreementId,
                    ConsultationId = consultation.Id,
                    ItemId = item.Id,
                    SeatId = seat.Id,
                    UserId = holder.Id,
                    TokenHash = VoteLinks.Hash(secret),
                    ExpiresAfter = consultation.ClosesOn,
                });
                lines.Append(System.Globalization.CultureInfo.InvariantCulture, $"{item.Position}. {item.Title}\n   Voter : {notifier.Url($"/consultation?cle={secret}")}\n\n");
                masked.Append(System.Globalization.CultureInfo.InvariantCulture, $"{item.Position}. {item.Title}\n   Voter : {Outbox.MaskedSecret}\n\n");
            }

            if (holder.Email is not null)
            {
                string Body(StringBuilder links) =>
                    $"Bonjour {holder.DisplayName},\n\nLe comité de pilotage est consulté par écrit ({agreement.Terms.SpringMeetingArticle} de la convention) : « {consultation.Subject} ».\n"
                    + $"Vous votez pour le siège {Meeting.SeatLabel(agreement, seat)} ({FrenchText.Plural(seat.VoteWeight, "voix", "voix")}), jusqu'au {FrenchText.DateWithDay(consultation.ClosesOn)} inclus.\n\n"
                    + $"Chaque lien ci-dessous est personnel, ne sert qu'une fois et expire à la clôture :\n\n{links}"
                    + $"Vous pouvez aussi voter depuis Copil : {notifier.Url(ConsultationCommands.ConsultationPath(agreementId, consultation.Id))}\n\n—\nCopil";

                // The links are keys to vote in the member's name: stored encrypted until sent, masked everywhere else.
                await outbox.EnqueueSecretAsync($"consultation:{consultation.Id}:{holder.Id}", agreementId, holder.Email, holder.DisplayName,
                    $"[{agreement.Reference}] Consultation écrite : {consultation.Subject} — réponse avant le {FrenchText.Date(consultation.ClosesOn.AddDays(1))}",
                    new SecretText(Body(masked), Body(lines)), ct);
            }
        }

        await notifier.NotifyAsync(new Notice($"consultation:{consultation.Id}:opened", agreementId, agreement.Reference, NoticeKind.Event,
                $"Consultation écrite : {consultation.Subject}", $"Le comité est consulté par écrit jusqu'au {FrenchText.DateWithDay(consultation.ClosesOn)} inclus sur {FrenchText.Plural(consultation.Items.Count, "point", "points")}.",
                ConsultationCommands.ConsultationPath(agreementId, consultation.Id)),
            await notifier.MembersAsync(agreementId, m => m.Role is AgreementRole.CommitteeMember or AgreementRole.Secretariat, ct), ct);
    }

}
