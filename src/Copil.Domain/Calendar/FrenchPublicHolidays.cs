namespace Copil.Domain.Calendar;

/// <summary>Which public holidays apply: the national list, optionally with the Alsace-Moselle additions.</summary>
public enum HolidayZone
{
    /// <summary>The eleven national public holidays (code du travail, art. L3133-1).</summary>
    National = 0,

    /// <summary>National holidays plus Good Friday and 26 December (code du travail, art. L3134-13).</summary>
    AlsaceMoselle = 1,
}

/// <summary>A French public holiday (jour férié) on a given date.</summary>
public sealed record PublicHoliday(DateOnly Date, string Name);

/// <summary>French public holidays, computed (never typed in): fixed dates plus the Easter-based ones.</summary>
public static class FrenchPublicHolidays
{
    /// <summary>Easter Sunday of the Gregorian calendar (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>Each year's holidays computed once: every working-day count asks for them, day after day.</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int Year, HolidayZone Zone), IReadOnlyList<PublicHoliday>> Computed = new();

    public static IReadOnlyList<PublicHoliday> Of(int year, HolidayZone zone = HolidayZone.National) =>
        Computed.GetOrAdd((year, zone), key => Compute(key.Year, key.Zone));

    private static IReadOnlyList<PublicHoliday> Compute(int year, HolidayZone zone)
    {
        var easter = EasterSunday(year);
        var list = new List<PublicHoliday>
        {
            new(new DateOnly(year, 1, 1), "Jour de l'an"),
            new(easter.AddDays(1), "Lundi de Pâques"),
            new(new DateOnly(year, 5, 1), "Fête du travail"),
            new(new DateOnly(year, 5, 8), "Victoire 1945"),
            new(easter.AddDays(39), "Ascension"),
            new(easter.AddDays(50), "Lundi de Pentecôte"),
            new(new DateOnly(year, 7, 14), "Fête nationale"),
            new(new DateOnly(year, 8, 15), "Assomption"),
            new(new DateOnly(year, 11, 1), "Toussaint"),
            new(new DateOnly(year, 11, 11), "Armistice 1918"),
            new(new DateOnly(year, 12, 25), "Noël"),
        };
        if (zone == HolidayZone.AlsaceMoselle)
        {
            list.Add(new(easter.AddDays(-2), "Vendredi saint"));
            list.Add(new(new DateOnly(year, 12, 26), "Saint-Étienne"));
        }

        return [.. list.OrderBy(h => h.Date)];
    }

    public static PublicHoliday? On(DateOnly date, HolidayZone zone = HolidayZone.National)
    {
        var holidays = Of(date.Year, zone);
        foreach (var holiday in holidays)
        {
            if (holiday.Date == date)
            {
                return holiday;
            }
        }

        return null;
    }
}

/// <summary>Working days: Monday to Friday, except public holidays of the chosen zone.</summary>
public sealed class WorkingDayCalendar(HolidayZone zone = HolidayZone.National)
{
    public HolidayZone Zone { get; } = zone;

    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && FrenchPublicHolidays.On(date, Zone) is null;

    /// <summary>Why a date is not a working day, in French ("un dimanche", "le lundi de Pentecôte"), or null when it is one.</summary>
    public string? WhyNotWorking(DateOnly date)
    {
        var holiday = FrenchPublicHolidays.On(date, Zone);
        if (holiday is not null)
        {
            return $"jour férié ({holiday.Name})";
        }

        return date.DayOfWeek switch
        {
            DayOfWeek.Saturday => "un samedi",
            DayOfWeek.Sunday => "un dimanche",
            _ => null,
        };
    }

    public DateOnly NextWorkingDayFrom(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    public DateOnly PreviousWorkingDayFrom(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }
}
