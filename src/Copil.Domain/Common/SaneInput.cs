namespace Copil.Domain.Common;

/// <summary>
/// What any value must be before a rule looks at it: dates within the range an agreement can concern, years likewise,
/// text without control characters (line breaks and tabs only where the text has several lines). Checked where values
/// enter (the API's JSON, the pages' forms, the use cases), so that no date arithmetic overflows and no export chokes.
/// </summary>
public static class SaneInput
{
    public static readonly DateOnly EarliestDate = new(1900, 1, 1);

    public static readonly DateOnly LatestDate = new(2199, 12, 31);

    public static bool IsSaneDate(DateOnly date) => date >= EarliestDate && date <= LatestDate;

    public static bool IsSaneYear(int year) => year >= EarliestDate.Year && year <= LatestDate.Year;

    public static string DateRangeMessage => $"La date doit être comprise entre le {FrenchText.Date(EarliestDate)} et le {FrenchText.Date(LatestDate)}.";

    public static string YearRangeMessage => $"L'année doit être comprise entre {EarliestDate.Year} et {LatestDate.Year}.";

    /// <summary>True when the text holds a character no user types: C0 and C1 controls, except tab, CR and LF where allowed.</summary>
    public static bool HasControlCharacter(string? text, bool multiline)
    {
        if (text is null)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            {
                return true;
            }
        }

        return false;
    }

    public const string ControlCharacterMessage =
        "Le texte contient un caractère invisible qui ne peut pas être enregistré (caractère de contrôle, souvent venu d'un copier-coller) : retirez-le ou retapez le texte.";
}
