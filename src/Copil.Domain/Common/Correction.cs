namespace Copil.Domain.Common;

/// <summary>
/// A value corrected after it was saved (an attendance, a vote, an opinion), while it could still be: when, by whom, why, and what it read
/// before and after (shown where the value is shown: « corrigé le … par …, motif … »).
/// </summary>
public sealed record Correction(DateOnly On, string By, string Reason, string Before, string After)
{
    public string Describe() => $"corrigé {When()}";

    /// <summary>« le 12 mars 2026 par …, motif : … (avant : …) », after a « corrigé » badge or verb.</summary>
    public string When() => $"le {FrenchText.Date(On)} par {By}, motif : {Reason} (avant : {Before})";
}
