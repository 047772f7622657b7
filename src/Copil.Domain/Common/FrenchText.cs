namespace Copil.Domain.Common;

/// <summary>French formatting of dates and quantities, written out so that it never depends on the server's culture.</summary>
public static class FrenchText
{
    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    private static readonly string[] Days = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];

    public static string MonthName(int month) => Months[month - 1];

    public static string DayName(DayOfWeek day) => Days[(int)day];

    /// <summary>"1er décembre 2020", "15 juin 2026".</summary>
    public static string Date(DateOnly date) =>
        $"{(date.Day == 1 ? "1er" : date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture))} {Months[date.Month - 1]} {date.Year}";

    /// <summary>"lundi 15 juin 2026".</summary>
    public static string DateWithDay(DateOnly date) => $"{DayName(date.DayOfWeek)} {Date(date)}";

    /// <summary>"1er décembre", without the year.</summary>
    public static string DayAndMonth(int month, int day) =>
        $"{(day == 1 ? "1er" : day.ToString(System.Globalization.CultureInfo.InvariantCulture))} {Months[month - 1]}";

    /// <summary>"1 jour", "7 jours".</summary>
    public static string DayCount(int count) => Plural(count, "jour", "jours");

    public static string MonthsCount(int count) => $"{count} mois";

    public static string Plural(int count, string singular, string plural) =>
        $"{count.ToString(System.Globalization.CultureInfo.InvariantCulture)} {(Math.Abs(count) <= 1 ? singular : plural)}";

    /// <summary>Basis points as a French percentage: 565 → "5,65 %".</summary>
    /// <summary>First letter in capitals, the rest as written.</summary>
    public static string Capitalise(string text) =>
        text.Length == 0 ? text : char.ToUpper(text[0], System.Globalization.CultureInfo.GetCultureInfo("fr-FR")) + text[1..];

    public static string Percent(int basisPoints)
    {
        var whole = basisPoints / 100;
        var fraction = Math.Abs(basisPoints % 100);
        return fraction == 0
            ? $"{whole} %"
            : $"{whole},{fraction.ToString("00", System.Globalization.CultureInfo.InvariantCulture).TrimEnd('0')} %";
    }

    /// <summary>Whole cents as French euros: 1234567 → "12 345,67 €".</summary>
    public static string Euros(long cents)
    {
        var negative = cents < 0;
        var abs = Math.Abs(cents);
        var euros = abs / 100;
        var rest = abs % 100;
        var digits = euros.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var grouped = new System.Text.StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
            {
                grouped.Append('\u202F');
            }

            grouped.Append(digits[i]);
        }

        return $"{(negative ? "-" : "")}{grouped},{rest.ToString("00", System.Globalization.CultureInfo.InvariantCulture)} €";
    }
}
