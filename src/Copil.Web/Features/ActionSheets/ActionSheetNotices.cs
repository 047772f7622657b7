using Copil.Domain.Access;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Notifications;
using Copil.Web.Features.Notifications;

namespace Copil.Web.Features.ActionSheets;

/// <summary>
/// Who hears of what happens to an action sheet, and what they are told (art. 14: the ministries give their opinion,
/// the carrier and the committee members are told of the decisions). Called in the transaction of the change.
/// </summary>
public sealed class ActionSheetNotices(Notifier notifier)
{
    public async Task SubmittedAsync(Agreement agreement, ActionSheet sheet, CancellationToken ct)
    {
        foreach (var party in sheet.AwaitedOpinions(agreement))
        {
            await NotifyAsync(agreement, sheet, $"submitted:v{sheet.CurrentVersion.Number}:{party.Id}",
                $"Fiche action n° {sheet.Number} soumise à votre avis",
                $"La fiche action n° {sheet.Number} « {sheet.Title} », portée par {sheet.CarrierOrganisation}, est soumise, en version {sheet.CurrentVersion.Number}, à l'avis de {party.ShortName} (art. 14 de la convention).",
                m => m.Role == AgreementRole.ReviewingDirectorate && m.PartyId == party.Id, ct);
        }
    }

    public Task OpinionGivenAsync(Agreement agreement, ActionSheet sheet, Guid partyId, CancellationToken ct)
    {
        var opinion = sheet.Opinions.Last(o => o.PartyId == partyId);
        var giver = agreement.PartyById(partyId);
        var of = giver is null ? "du ministère" : ActionLabels.OfParty(giver);
        var text = $"{(giver is null ? "Le ministère" : giver.IsState ? $"Le {giver.ShortName}" : giver.ShortName)} a rendu un avis {ActionLabels.Verdict(opinion.Verdict)} sur la version {opinion.VersionNumber} de la fiche action n° {sheet.Number} « {sheet.Title} ».";
        if (opinion.Verdict == OpinionVerdict.Reserved)
        {
            text += $"\n\nRecommandations pour obtenir un avis favorable (art. 14) :\n{opinion.Recommendations}"
                + "\n\nPour y répondre : tant que le comité n'a pas statué, le secrétariat peut demander une révision et vous soumettez une nouvelle version de la fiche ; une fois l'action validée, vous demandez une modification, présentée au comité avant de prendre effet (art. 15).";
        }

        if (!string.IsNullOrWhiteSpace(opinion.Comment))
        {
            text += $"\n\nCommentaire : {opinion.Comment}";
        }

        return NotifyAsync(agreement, sheet, $"opinion:v{opinion.VersionNumber}:{partyId}",
            $"Avis {ActionLabels.Verdict(opinion.Verdict)} {of} sur la fiche n° {sheet.Number}", text,
            m => IsCarrier(m, sheet) || m.Role == AgreementRole.Secretariat, ct);
    }

    public Task OpinionCorrectedAsync(Agreement agreement, ActionSheet sheet, Guid partyId, CancellationToken ct)
    {
        var opinion = sheet.Opinions.Last(o => o.PartyId == partyId);
        var of = agreement.PartyById(partyId) is { } giver ? ActionLabels.OfParty(giver) : "du ministère";
        var correction = opinion.Corrections[^1];
        return NotifyAsync(agreement, sheet, $"opinion-corrected:v{opinion.VersionNumber}:{partyId}:{opinion.Corrections.Count}",
            $"Avis {of} corrigé sur la fiche n° {sheet.Number} : {ActionLabels.Verdict(opinion.Verdict)}",
            $"L'avis {of} sur la version {opinion.VersionNumber} de la fiche action n° {sheet.Number} « {sheet.Title} » est corrigé : {opinion.Summary()}.\n\nMotif : {correction.Reason}\nAvis précédent : {correction.Before}.",
            m => IsCarrier(m, sheet) || m.Role == AgreementRole.Secretariat, ct);
    }

    public Task RevisionRequestedAsync(Agreement agreement, ActionSheet sheet, string reason, CancellationToken ct) =>
        NotifyAsync(agreement, sheet, $"revision:{sheet.Version}",
            $"Fiche n° {sheet.Number} à reprendre",
            $"Le secrétariat vous renvoie la fiche action n° {sheet.Number} « {sheet.Title} » pour modification.\n\nMotif : {reason}",
            m => IsCarrier(m, sheet), ct);

    public Task CommitteeDecidedAsync(Agreement agreement, ActionSheet sheet, CommitteeOutcome outcome, bool onChange, CancellationToken ct)
    {
        var verb = outcome switch
        {
            CommitteeOutcome.Validated => "a validé",
            CommitteeOutcome.Rejected => "a rejeté",
            _ => "a ajourné sa décision sur",
        };
        return NotifyAsync(agreement, sheet, $"committee:{sheet.Version}",
            $"Décision du comité de pilotage sur {(onChange ? "la demande de modification de " : "")}la fiche n° {sheet.Number} : {ActionLabels.Outcome(outcome)}",
            $"Le comité de pilotage {verb} {(onChange ? "la demande de modification de " : "")}la fiche action n° {sheet.Number} « {sheet.Title} », portée par {sheet.CarrierOrganisation} (art. 14 de la convention).",
            m => IsCarrier(m, sheet) || m.Role == AgreementRole.CommitteeMember, ct);
    }

    /// <summary>A vote was corrected and the decision it had made on the sheet is withdrawn; what replaces it (if anything) is announced apart.</summary>
    public Task CommitteeDecisionWithdrawnAsync(Agreement agreement, ActionSheet sheet, Guid voteId, string meeting, string correction, CancellationToken ct) =>
        NotifyAsync(agreement, sheet, $"committee-withdrawn:{voteId}:{sheet.Version}",
            $"Décision du comité corrigée sur la fiche n° {sheet.Number}",
            $"Le vote du {meeting} sur la fiche action n° {sheet.Number} « {sheet.Title} » a été corrigé avant la validation du compte rendu (art. 14) ; la décision qu'il avait prise est retirée.\n\n{correction}\n\nLa fiche est désormais « {ActionLabels.Status(sheet.Status)} ».",
            m => IsCarrier(m, sheet) || m.Role is AgreementRole.CommitteeMember or AgreementRole.Secretariat, ct);

    /// <summary>A vote or a consultation decided on the sheet but the decision could not take effect: the secretariat must act on it.</summary>
    public Task CommitteeDecisionNotAppliedAsync(Agreement agreement, ActionSheet sheet, Guid voteId, string source, string reason, CancellationToken ct) =>
        NotifyAsync(agreement, sheet, $"committee-not-applied:{voteId}",
            $"Décision du comité sans effet sur la fiche n° {sheet.Number}",
            $"La décision prise par {source} sur la fiche action n° {sheet.Number} « {sheet.Title} » n'a pas pu s'appliquer à la fiche.\n\nMotif : {reason}\n\nLe vote est conservé tel qu'il a été exprimé ; la fiche reste dans son état.",
            m => m.Role == AgreementRole.Secretariat, ct);

    public Task BoardDecidedAsync(Agreement agreement, ActionSheet sheet, BoardOutcome outcome, CancellationToken ct) =>
        NotifyAsync(agreement, sheet, $"board:{sheet.Version}",
            $"Décision du conseil d'administration sur la fiche n° {sheet.Number} : {ActionLabels.Outcome(outcome)}",
            $"Le conseil d'administration de l'OPCO {(outcome == BoardOutcome.Approved ? "a approuvé" : "a refusé")} la fiche action n° {sheet.Number} « {sheet.Title} », portée par {sheet.CarrierOrganisation} et validée par le comité de pilotage (art. 14 de la convention).",
            m => IsCarrier(m, sheet) || m.Role == AgreementRole.CommitteeMember, ct);

    public Task ChangeProposedAsync(Agreement agreement, ActionSheet sheet, string reason, CancellationToken ct) =>
        NotifyAsync(agreement, sheet, $"change:{sheet.Version}",
            $"Demande de modification de la fiche n° {sheet.Number}",
            $"{sheet.CarrierOrganisation} demande la modification de la fiche action n° {sheet.Number} « {sheet.Title} ». Elle sera instruite comme une fiche (art. 14).\n\nMotif : {reason}",
            m => m.Role is AgreementRole.Secretariat or AgreementRole.ReviewingDirectorate, ct);

    public Task ReportSubmittedAsync(Agreement agreement, ActionSheet sheet, CancellationToken ct) =>
        NotifyAsync(agreement, sheet, $"report-submitted:{sheet.Version}",
            $"Fiche de réalisation de la fiche n° {sheet.Number} déposée",
            $"{sheet.CarrierOrganisation} a déposé la fiche de réalisation de l'action n° {sheet.Number} « {sheet.Title} » : indicateurs atteints et coûts réels, à examiner.",
            m => m.Role == AgreementRole.Secretariat, ct);

    public Task ReportAnsweredAsync(Agreement agreement, ActionSheet sheet, bool accepted, CancellationToken ct) =>
        NotifyAsync(agreement, sheet, $"report-{(accepted ? "accepted" : "returned")}:{sheet.Version}",
            accepted ? $"Fiche de réalisation de la fiche n° {sheet.Number} acceptée" : $"Fiche de réalisation de la fiche n° {sheet.Number} à compléter",
            accepted
                ? $"Le secrétariat a accepté la fiche de réalisation de l'action n° {sheet.Number} « {sheet.Title} »."
                : $"Le secrétariat vous renvoie la fiche de réalisation de l'action n° {sheet.Number} « {sheet.Title} » pour la compléter.",
            m => IsCarrier(m, sheet), ct);

    private static bool IsCarrier(Membership m, ActionSheet sheet) =>
        m.Role == AgreementRole.ActionCarrier && string.Equals(m.Organisation, sheet.CarrierOrganisation, StringComparison.OrdinalIgnoreCase);

    private async Task NotifyAsync(Agreement agreement, ActionSheet sheet, string what, string title, string body, Func<Membership, bool> who, CancellationToken ct) =>
        await notifier.NotifyAsync(
            new Notice($"sheet:{sheet.Id}:{what}", agreement.Id, agreement.Reference, NoticeKind.Event, title, body, $"/conventions/{agreement.Id}/fiches/{sheet.Id}"),
            await notifier.MembersAsync(agreement.Id, who, ct), ct);
}
