using System.Globalization;

namespace Copil.Web.Infrastructure;

/// <summary>Parses amounts and rates as French users type them: "5,65", "150 000", "12 345,67 €".</summary>
public static class FrenchNumbers
{
    public static bool TryParseBasisPoints(string? text, out int basisPoints)
    {
        basisPoints = 0;
        if (!TryParseDecimal(text?.Replace("%", "", StringComparison.Ordinal), out var value) || value < 0 || value > 100 || decimal.Round(value, 2) != value)
        {
            return false;
        }

        basisPoints = (int)(value * 100);
        return true;
    }

    public static bool TryParseCents(string? text, out long cents)
    {
        cents = 0;
        if (!TryParseDecimal(text?.Replace("€", "", StringComparison.Ordinal), out var value) || value < 0 || decimal.Round(value, 2) != value || value > 1_000_000_000_000m)
        {
            return false;
        }

        cents = (long)(value * 100);
        return true;
    }

    public static string BasisPointsText(int basisPoints) =>
        (basisPoints / 100m).ToString("0.##", CultureInfo.GetCultureInfo("fr-FR"));

    public static string CentsText(long cents) =>
        (cents / 100m).ToString("0.##", CultureInfo.GetCultureInfo("fr-FR"));

    private static bool TryParseDecimal(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var cleaned = new string([.. text.Where(c => !char.IsWhiteSpace(c) && c != '\u202F' && c != '\u00A0')]).Replace(',', '.');
        return decimal.TryParse(cleaned, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }
}
