using Copil.Domain.Common;

namespace Copil.Domain.Reporting;

/// <summary>A figure as the dashboard and the annual report name it, and how it is counted — said once, shown beside it.</summary>
public sealed record FigureDefinition(string Key, string Name, string HowCounted);

/// <summary>
/// One vocabulary of figures for the dashboard, the annual report, their documents and exports. An action counts in the
/// year it starts (ADR 12); a committee decision counts in the year it was taken.
/// </summary>
public static class FigureVocabulary
{
    public static FigureDefinition Asked { get; } = new("asked", "actions soumises",
        "Fiches de l'année (l'action commence dans l'année) soumises aux ministères, quel qu'en soit le sort ensuite : en instruction, validées, rejetées, abandonnées. Ni les brouillons, ni les fiches retirées avant leur soumission.");

    public static FigureDefinition Committed { get; } = new("committed", "actions engagées",
        "Fiches de l'année validées par le comité et toujours engagées : validées, approuvées par le conseil d'administration, en cours, réalisées ou clôturées.");

    public static FigureDefinition CommittedMoney { get; } = new("committed-money", "montant engagé",
        "Somme demandée à l'OPCO par les actions engagées de l'année, telle qu'approuvée, modifications validées par le comité comprises (art. 15) ; c'est ce montant qui se compare au plafond annuel (art. 16).");

    public static FigureDefinition ValidatedDuringYear { get; } = new("validated-during-year", "actions validées au cours de l'année",
        "Décisions de validation prises par le comité entre le 1er janvier et le 31 décembre, quelle que soit l'année où l'action commence ; le montant est celui de leur première validation.");

    public static IReadOnlyList<FigureDefinition> All { get; } = [Asked, Committed, CommittedMoney, ValidatedDuringYear];
}

/// <summary>
/// How the dashboard's figures of a year and the annual report's meet: each total split into the parts they share and
/// the parts only one of them counts. Every line is an equality that holds by construction; the tests check it against
/// the figures each view computes on its own.
/// </summary>
public sealed record FigureReconciliation(
    int Year,
    int Asked,
    int Committed,
    int AskedNotCommitted,
    int CommittedValidatedDuringYear,
    int CommittedValidatedAnotherYear,
    int ValidatedDuringYear,
    int ValidatedDuringYearForAnotherYear,
    int ValidatedDuringYearNoLongerCommitted,
    long CommittedCents,
    long ValidatedDuringYearCents,
    long FirstApprovalCentsOfBoth,
    long ChangesCentsOfBoth,
    long CommittedCentsValidatedAnotherYear,
    long ValidatedDuringYearCentsNotInYear)
{
    public static FigureReconciliation Compute(int year, IReadOnlyCollection<ActionFigures> actions)
    {
        var asked = actions.Where(a => a.Year == year && a.WasAsked).ToList();
        var committed = asked.Where(a => a.IsCommitted).ToList();
        bool DecidedInYear(ActionFigures a) => a.CommitteeValidatedOn?.Year == year;
        var both = committed.Where(DecidedInYear).ToList();
        var committedElsewhen = committed.Where(a => !DecidedInYear(a)).ToList();
        var decided = actions.Where(DecidedInYear).ToList();
        var decidedOnly = decided.Where(a => !(a.Year == year && a.IsCommitted)).ToList();
        return new FigureReconciliation(
            year,
            asked.Count,
            committed.Count,
            asked.Count - committed.Count,
            both.Count,
            committedElsewhen.Count,
            decided.Count,
            decidedOnly.Count(a => a.Year != year),
            decidedOnly.Count(a => a.Year == year),
            committed.Sum(a => a.CommittedCents),
            decided.Sum(a => a.FirstApprovedCents ?? 0),
            both.Sum(a => a.FirstApprovedCents ?? 0),
            both.Sum(a => a.CommittedCents - (a.FirstApprovedCents ?? 0)),
            committedElsewhen.Sum(a => a.CommittedCents),
            decidedOnly.Sum(a => a.FirstApprovedCents ?? 0));
    }

    /// <summary>The lines shown under « Pourquoi ces chiffres diffèrent », in French, each an equality.</summary>
    public IReadOnlyList<string> Lines =>
    [
        $"{Count(Asked, "action soumise", "actions soumises")} en {Year} (tableau de bord) = {Committed} engagée{S(Committed)} + {AskedNotCommitted} non engagée{S(AskedNotCommitted)} (en instruction, rejetée{S(AskedNotCommitted)}, ajournée{S(AskedNotCommitted)} ou abandonnée{S(AskedNotCommitted)}).",
        $"{Count(Committed, "action engagée", "actions engagées")} en {Year} = {CommittedValidatedDuringYear} validée{S(CommittedValidatedDuringYear)} par le comité au cours de {Year} + {CommittedValidatedAnotherYear} validée{S(CommittedValidatedAnotherYear)} une autre année.",
        $"{Count(ValidatedDuringYear, "action validée", "actions validées")} au cours de {Year} (bilan annuel) = {CommittedValidatedDuringYear} engagée{S(CommittedValidatedDuringYear)} en {Year} + {ValidatedDuringYearForAnotherYear} commençant une autre année + {ValidatedDuringYearNoLongerCommitted} qui {(ValidatedDuringYearNoLongerCommitted > 1 ? "ne sont" : "n'est")} plus engagée{S(ValidatedDuringYearNoLongerCommitted)} (refusée{S(ValidatedDuringYearNoLongerCommitted)} par le conseil d'administration ou abandonnée{S(ValidatedDuringYearNoLongerCommitted)}).",
        $"Montant engagé en {Year} : {FrenchText.Euros(CommittedCents)} = {FrenchText.Euros(FirstApprovalCentsOfBoth)} (première validation des actions validées en {Year}) {Signed(ChangesCentsOfBoth)} (modifications validées depuis) + {FrenchText.Euros(CommittedCentsValidatedAnotherYear)} (actions validées une autre année).",
        $"Montant validé au cours de {Year} : {FrenchText.Euros(ValidatedDuringYearCents)} = {FrenchText.Euros(FirstApprovalCentsOfBoth)} (actions engagées en {Year}) + {FrenchText.Euros(ValidatedDuringYearCentsNotInYear)} (actions d'une autre année ou qui ne sont plus engagées).",
    ];

    private static string Count(int n, string one, string many) => FrenchText.Plural(n, one, many);

    private static string S(int n) => n > 1 ? "s" : "";

    private static string Signed(long cents) => cents < 0 ? $"− {FrenchText.Euros(-cents)}" : $"+ {FrenchText.Euros(cents)}";
}
