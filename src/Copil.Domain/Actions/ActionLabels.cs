namespace Copil.Domain.Actions;

/// <summary>French names of the action vocabulary, used by messages, pages and documents alike.</summary>
public static class ActionLabels
{
    /// <summary>« du MEN » for a ministry (le ministère), « d'OPCO Mobilités » or « de Région Normandie » for another party.</summary>
    public static string OfParty(Agreements.Party party) => party.IsState ? $"du {party.ShortName}" : Of(party.ShortName);

    /// <summary>« le MEN » for a ministry (le ministère), the name alone for another party.</summary>
    public static string TheParty(Agreements.Party party) => party.IsState ? $"le {party.ShortName}" : party.ShortName;

    /// <summary>« de » before a name, elided before a vowel or a mute h.</summary>
    public static string Of(string name) =>
        name.Length > 0 && "aeiouyhàâäéèêëîïôöùûüAEIOUYHÀÂÄÉÈÊËÎÏÔÖÙÛÜ".Contains(name[0], StringComparison.Ordinal) ? $"d'{name}" : $"de {name}";

    public static string Status(ActionStatus status) => status switch
    {
        ActionStatus.Draft => "brouillon",
        ActionStatus.Submitted => "soumise",
        ActionStatus.UnderReview => "en instruction",
        ActionStatus.RevisionRequested => "révision demandée",
        ActionStatus.ReadyForCommittee => "prête pour le comité",
        ActionStatus.CommitteeValidated => "validée par le comité",
        ActionStatus.CommitteeRejected => "rejetée par le comité",
        ActionStatus.BoardApproved => "approuvée par le conseil d'administration",
        ActionStatus.BoardRefused => "refusée par le conseil d'administration",
        ActionStatus.InProgress => "en cours",
        ActionStatus.ReportSubmitted => "fiche de réalisation soumise",
        ActionStatus.ReportAccepted => "fiche de réalisation acceptée",
        ActionStatus.Closed => "clôturée",
        ActionStatus.Withdrawn => "retirée",
        ActionStatus.Abandoned => "abandonnée",
        _ => status.ToString(),
    };

    public static string Verdict(OpinionVerdict verdict) => verdict switch
    {
        OpinionVerdict.Favorable => "favorable",
        OpinionVerdict.Reserved => "réservé",
        OpinionVerdict.Unfavorable => "défavorable",
        _ => verdict.ToString(),
    };

    public static string Outcome(CommitteeOutcome outcome) => outcome switch
    {
        CommitteeOutcome.Validated => "validée",
        CommitteeOutcome.Rejected => "rejetée",
        _ => "ajournée",
    };

    public static string Outcome(BoardOutcome outcome) => outcome == BoardOutcome.Approved ? "approuvée" : "refusée";

    public static string Level(ActionLevel level) => level switch
    {
        ActionLevel.National => "national",
        ActionLevel.Regional => "régional",
        ActionLevel.Local => "local",
        _ => level.ToString(),
    };

    public static string Public(TargetPublic target) => target switch
    {
        TargetPublic.MiddleSchoolPupils => "Collégiens",
        TargetPublic.HighSchoolPupils => "Lycéens",
        TargetPublic.Students => "Étudiants",
        TargetPublic.Apprentices => "Apprentis",
        TargetPublic.EducationalTeams => "Équipes éducatives",
        TargetPublic.Families => "Familles",
        TargetPublic.Employees => "Salariés",
        TargetPublic.TutorsAndMasters => "Tuteurs et maîtres d'apprentissage",
        _ => "Autres publics",
    };

    public static string Expense(ExpenseCategory category) => category switch
    {
        ExpenseCategory.Purchases => "Achats",
        ExpenseCategory.ExternalServices => "Services extérieurs",
        ExpenseCategory.OtherExternalServices => "Autres services extérieurs",
        ExpenseCategory.Taxes => "Impôts et taxes",
        ExpenseCategory.StaffCosts => "Charges de personnel",
        ExpenseCategory.OtherCosts => "Autres charges",
        ExpenseCategory.IndirectCosts => "Charges indirectes",
        ExpenseCategory.InKind => "Contributions en nature",
        _ => category.ToString(),
    };

    public static string Financer(FinancerKind kind) => kind switch
    {
        FinancerKind.OpcoMissionFees => "Frais de mission de l'OPCO",
        FinancerKind.CoFinancer => "Cofinanceur",
        FinancerKind.OwnResources => "Ressources propres",
        FinancerKind.InKind => "Contributions en nature",
        _ => kind.ToString(),
    };
}
