namespace Copil.Domain.Common;

/// <summary>
/// A value corrected after it was saved (an attendance, a vote, an opinion), while it could still be: when, by whom, why, and what it read
/// before and after (shown where the value is shown: « corrigé le … par …, motif … »).
/// </summary>
public sealed record Correction(DateOnly On, string By, string Reason, string Before, string After)
{
    public const int MaxReason = 2000;

    /// <summary>A correction states why; the refusal names what keeps the reason (« la valeur corrigée », « l'avis corrigé »…).</summary>
    public static DomainError? ReasonRefusal(string? reason, string keptWith) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReason
            ? new DomainError("correction.reason", $"Indiquez le motif de la correction ({MaxReason} caractères au plus) : il est conservé avec {keptWith}.", "Reason")
            : null;

    public string Describe() => $"corrigé {When()}";

    /// <summary>« le 12 mars 2026 par …, motif : … (avant : …) », after a « corrigé » badge or verb.</summary>
    public string When() => $"le {FrenchText.Date(On)} par {By}, motif : {Reason} (avant : {Before})";
}
