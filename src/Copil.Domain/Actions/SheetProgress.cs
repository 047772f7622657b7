using Copil.Domain.Agreements;
using Copil.Domain.Common;
using Copil.Domain.DueDates;

namespace Copil.Domain.Actions;

public enum StepState
{
    Done = 0,
    Current = 1,
    Upcoming = 2,
}

public sealed record SheetStep(string Name, StepState State);

/// <summary>A « réservé » opinion on the version under review, with what the ministry asks (art. 14).</summary>
public sealed record ReservedOpinion(string Ministry, string Recommendations);

/// <summary>
/// Where an action sheet stands in the life of an action (art. 14, 15), who it waits for and by when: the step indicator
/// of the sheet's page, the same for the carrier, the ministries and the secretariat.
/// </summary>
public sealed record SheetProgress(IReadOnlyList<SheetStep> Steps, string WaitingFor, IReadOnlyList<ReservedOpinion> Reserved)
{
    private static readonly string[] Names = ["Rédaction", "Avis des ministères", "Comité de pilotage", "Conseil d'administration", "Réalisation", "Fiche de réalisation", "Clôture"];

    /// <summary>What to do with a « réservé » opinion: answer its recommendations by a revision, or by a change request once validated.</summary>
    public const string ReservedAnswer =
        "Pour y répondre : tant que le comité n'a pas statué, demandez au secrétariat une révision de la fiche, puis soumettez la nouvelle version aux ministères ; "
        + "une fois l'action validée, demandez une modification, présentée au comité avant de prendre effet (art. 15).";

    public static SheetProgress Of(ActionSheet sheet, Agreement agreement, DateOnly today)
    {
        var current = sheet.Status switch
        {
            ActionStatus.Draft or ActionStatus.RevisionRequested or ActionStatus.Withdrawn => 0,
            ActionStatus.Submitted or ActionStatus.UnderReview => 1,
            ActionStatus.ReadyForCommittee or ActionStatus.CommitteeRejected => 2,
            ActionStatus.CommitteeValidated or ActionStatus.BoardRefused => 3,
            ActionStatus.BoardApproved or ActionStatus.InProgress or ActionStatus.Abandoned => 4,
            ActionStatus.ReportSubmitted => 5,
            _ => 6,
        };
        var ended = sheet.Status is ActionStatus.ReportAccepted or ActionStatus.Closed;
        var steps = Names.Select((name, i) => new SheetStep(name, i < current || (ended && i == current) ? StepState.Done : i == current ? StepState.Current : StepState.Upcoming)).ToList();

        var reserved = sheet.ReviewedVersion is { } reviewed && sheet.Status is ActionStatus.Submitted or ActionStatus.UnderReview or ActionStatus.ReadyForCommittee
            ? sheet.OpinionsOn(reviewed.Number).Where(o => o.Verdict == OpinionVerdict.Reserved)
                .Select(o => new ReservedOpinion(agreement.PartyById(o.PartyId) is { } p ? ActionLabels.OfParty(p) : "d'un ministère", o.Recommendations ?? "")).ToList()
            : [];
        return new SheetProgress(steps, Awaited(sheet, agreement), reserved);
    }

    private static string Awaited(ActionSheet sheet, Agreement agreement)
    {
        var content = sheet.EffectiveContent;
        switch (sheet.Status)
        {
            case ActionStatus.Draft:
                return "Le porteur complète la fiche, puis la soumet aux avis des ministères (art. 14).";
            case ActionStatus.RevisionRequested:
                return $"Le porteur révise la fiche{(sheet.RevisionReason is { } reason ? $" (« {reason} »)" : "")}, puis la soumet à nouveau aux ministères.";
            case ActionStatus.Submitted or ActionStatus.UnderReview:
                var awaited = sheet.AwaitedOpinions(agreement);
                if (awaited.Count == 0)
                {
                    return "Tous les avis sont rendus : le secrétariat inscrit la fiche à l'ordre du jour du comité de pilotage.";
                }

                var who = string.Join(" et ", awaited.Select(p => $"{ActionLabels.OfParty(p)}{(p.ReviewingDirectorate is { } d ? $" ({d})" : "")}"));
                var submitted = sheet.ReviewedVersion?.SubmittedOn;
                var due = submitted is { } on ? ActionSheetDueDates.OpinionDueOn(agreement, on) : null;
                return $"{(awaited.Count > 1 ? "Avis attendus" : "Avis attendu")} {who}"
                    + (due is { } d2 ? $" avant le {FrenchText.Date(d2)} (délai fixé par la convention)." : " ; la convention ne fixe pas de délai (art. 14).");
            case ActionStatus.ReadyForCommittee:
                return "Le comité de pilotage instruit l'action et décide (art. 14) : le secrétariat l'inscrit à l'ordre du jour d'une réunion ou d'une consultation écrite.";
            case ActionStatus.CommitteeValidated:
                return "Validée par le comité : le conseil d'administration de l'OPCO décide et en rend compte au comité (art. 14).";
            case ActionStatus.BoardApproved or ActionStatus.InProgress:
                return content.EndsOn is { } ends
                    ? $"L'action se déroule ; le porteur remet sa fiche de réalisation, au plus tard le {FrenchText.Date(ActionSheetDueDates.ReportDueOn(agreement, ends))} ({agreement.Terms.AnnualReportArticle} : elle nourrit le bilan annuel {ends.Year}). Toute modification passe d'abord par le comité (art. 15)."
                    : "L'action se déroule ; le porteur remet sa fiche de réalisation à son terme (art. 15).";
            case ActionStatus.ReportSubmitted:
                return "Le secrétariat examine la fiche de réalisation (indicateurs atteints, coûts réels).";
            case ActionStatus.ReportAccepted or ActionStatus.Closed:
                return "L'action est terminée et sa fiche de réalisation acceptée.";
            default:
                return $"La fiche est {ActionLabels.Status(sheet.Status)} : plus rien n'est attendu.";
        }
    }
}
