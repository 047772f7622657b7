using Copil.Domain.Common;

namespace Copil.Domain.DigitalTools;

/// <summary>
/// The GDPR sheet of a tool: the entries of a record of processing activities (art. 30 GDPR) and, when the processing is
/// likely to result in a high risk, its data protection impact assessment (art. 35). Saved as typed; complete when every
/// entry the record requires is filled.
/// </summary>
public sealed record GdprSheet
{
    public const int MaxLength = 4000;

    /// <summary>Responsable du traitement (name and contact).</summary>
    public string? Controller { get; init; }

    /// <summary>Finalités du traitement.</summary>
    public string? Purposes { get; init; }

    /// <summary>Base légale (art. 6 GDPR).</summary>
    public string? LegalBasis { get; init; }

    /// <summary>Catégories de personnes concernées.</summary>
    public string? DataSubjects { get; init; }

    /// <summary>Catégories de données personnelles.</summary>
    public string? DataCategories { get; init; }

    /// <summary>Destinataires.</summary>
    public string? Recipients { get; init; }

    /// <summary>Transferts hors de l'Union européenne (« aucun » when none) and their safeguards.</summary>
    public string? Transfers { get; init; }

    /// <summary>Durées de conservation.</summary>
    public string? Retention { get; init; }

    /// <summary>Mesures de sécurité techniques et organisationnelles.</summary>
    public string? SecurityMeasures { get; init; }

    /// <summary>Contact du délégué à la protection des données.</summary>
    public string? DpoContact { get; init; }

    /// <summary>Whether an impact assessment (AIPD) is required (art. 35 GDPR).</summary>
    public bool DpiaRequired { get; init; }

    /// <summary>The assessment's reference and conclusion, when required.</summary>
    public string? DpiaSummary { get; init; }

    /// <summary>Each entry with its field and its French label, in the order of the record of art. 30.</summary>
    public IEnumerable<(string Field, string Label, string? Value)> Entries()
    {
        yield return (nameof(Controller), "Responsable du traitement", Controller);
        yield return (nameof(Purposes), "Finalités", Purposes);
        yield return (nameof(LegalBasis), "Base légale", LegalBasis);
        yield return (nameof(DataSubjects), "Catégories de personnes concernées", DataSubjects);
        yield return (nameof(DataCategories), "Catégories de données", DataCategories);
        yield return (nameof(Recipients), "Destinataires", Recipients);
        yield return (nameof(Transfers), "Transferts hors de l'Union européenne", Transfers);
        yield return (nameof(Retention), "Durées de conservation", Retention);
        yield return (nameof(SecurityMeasures), "Mesures de sécurité", SecurityMeasures);
        yield return (nameof(DpoContact), "Contact du délégué à la protection des données", DpoContact);
    }

    /// <summary>What the record still lacks (empty when complete).</summary>
    public IReadOnlyList<DomainError> Missing()
    {
        var missing = Entries().Where(e => string.IsNullOrWhiteSpace(e.Value))
            .Select(e => new DomainError("gdpr." + e.Field.ToLowerInvariant() + ".required", $"Fiche RGPD : « {e.Label} » est à renseigner.", e.Field))
            .ToList();
        if (DpiaRequired && string.IsNullOrWhiteSpace(DpiaSummary))
        {
            missing.Add(new("gdpr.dpia.required", "Fiche RGPD : une analyse d'impact (AIPD) est requise ; indiquez sa référence et sa conclusion.", nameof(DpiaSummary)));
        }

        return missing;
    }

    public bool IsComplete => Missing().Count == 0;

    /// <summary>What no sheet may hold, even a draft: over-long text, invisible characters.</summary>
    public IReadOnlyList<DomainError> CheckInput() =>
        [.. Entries().Append((Field: nameof(DpiaSummary), Label: "Analyse d'impact", Value: DpiaSummary))
            .Where(e => e.Value is not null && (e.Value.Length > MaxLength || SaneInput.HasControlCharacter(e.Value, multiline: true)))
            .Select(e => new DomainError("gdpr.input", $"Fiche RGPD, « {e.Label} » : {MaxLength} caractères au plus, sans caractère invisible.", e.Field))];

    public GdprSheet Normalised() => new()
    {
        Controller = Clean(Controller),
        Purposes = Clean(Purposes),
        LegalBasis = Clean(LegalBasis),
        DataSubjects = Clean(DataSubjects),
        DataCategories = Clean(DataCategories),
        Recipients = Clean(Recipients),
        Transfers = Clean(Transfers),
        Retention = Clean(Retention),
        SecurityMeasures = Clean(SecurityMeasures),
        DpoContact = Clean(DpoContact),
        DpiaRequired = DpiaRequired,
        DpiaSummary = DpiaRequired ? Clean(DpiaSummary) : null,
    };

    internal static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>
/// The algorithm-transparency sheet of a tool. When an algorithm is used to take individual decisions, the information of
/// art. R311-3-1-2 of the code des relations entre le public et l'administration: the degree and mode of its contribution
/// to the decision, the data processed and their sources, the parameters and their weighting, the operations it performs.
/// Otherwise the sheet states that it does not apply, and why.
/// </summary>
public sealed record AlgorithmSheet
{
    public const int MaxLength = 4000;

    /// <summary>Null until answered: does the tool use an algorithm to take or prepare individual decisions?</summary>
    public bool? MakesDecisions { get; init; }

    /// <summary>Why the principle does not apply, when it does not.</summary>
    public string? NotApplicableReason { get; init; }

    /// <summary>Le degré et le mode de contribution du traitement algorithmique à la prise de décision.</summary>
    public string? Contribution { get; init; }

    /// <summary>Les données traitées et leurs sources.</summary>
    public string? DataAndSources { get; init; }

    /// <summary>Les paramètres de traitement et, le cas échéant, leur pondération.</summary>
    public string? Parameters { get; init; }

    /// <summary>Les opérations effectuées par le traitement.</summary>
    public string? Operations { get; init; }

    public IEnumerable<(string Field, string Label, string? Value)> Entries()
    {
        yield return (nameof(Contribution), "Degré et mode de contribution du traitement algorithmique à la décision", Contribution);
        yield return (nameof(DataAndSources), "Données traitées et leurs sources", DataAndSources);
        yield return (nameof(Parameters), "Paramètres de traitement et leur pondération", Parameters);
        yield return (nameof(Operations), "Opérations effectuées par le traitement", Operations);
    }

    public IReadOnlyList<DomainError> Missing()
    {
        if (MakesDecisions is null)
        {
            return [new("algorithm.applies.required", "Fiche de transparence : indiquez si l'outil utilise un algorithme pour prendre ou préparer des décisions individuelles.", nameof(MakesDecisions))];
        }

        if (MakesDecisions == false)
        {
            return string.IsNullOrWhiteSpace(NotApplicableReason)
                ? [new("algorithm.reason.required", "Fiche de transparence : expliquez pourquoi le principe de transparence des algorithmes publics ne s'applique pas.", nameof(NotApplicableReason))]
                : [];
        }

        return [.. Entries().Where(e => string.IsNullOrWhiteSpace(e.Value))
            .Select(e => new DomainError("algorithm." + e.Field.ToLowerInvariant() + ".required", $"Fiche de transparence : « {e.Label} » est à renseigner (art. R311-3-1-2 du CRPA).", e.Field))];
    }

    public bool IsComplete => Missing().Count == 0;

    public IReadOnlyList<DomainError> CheckInput() =>
        [.. Entries().Append((Field: nameof(NotApplicableReason), Label: "Motif de non-application", Value: NotApplicableReason))
            .Where(e => e.Value is not null && (e.Value.Length > MaxLength || SaneInput.HasControlCharacter(e.Value, multiline: true)))
            .Select(e => new DomainError("algorithm.input", $"Fiche de transparence, « {e.Label} » : {MaxLength} caractères au plus, sans caractère invisible.", e.Field))];

    /// <summary>Keeps only what the answer calls for: the four entries when it applies, the reason when it does not.</summary>
    public AlgorithmSheet Normalised() => new()
    {
        MakesDecisions = MakesDecisions,
        NotApplicableReason = MakesDecisions == false ? GdprSheet.Clean(NotApplicableReason) : null,
        Contribution = MakesDecisions == true ? GdprSheet.Clean(Contribution) : null,
        DataAndSources = MakesDecisions == true ? GdprSheet.Clean(DataAndSources) : null,
        Parameters = MakesDecisions == true ? GdprSheet.Clean(Parameters) : null,
        Operations = MakesDecisions == true ? GdprSheet.Clean(Operations) : null,
    };
}
