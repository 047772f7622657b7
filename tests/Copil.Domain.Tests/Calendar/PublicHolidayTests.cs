using Copil.Domain.Calendar;

namespace Copil.Domain.Tests.Calendar;

public class PublicHolidayTests
{
    [Theory]
    [InlineData(2008, 3, 23)]
    [InlineData(2019, 4, 21)]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)]
    public void Easter_sunday_is_computed_for_any_year(int year, int month, int day)
    {
        var easter = FrenchPublicHolidays.EasterSunday(year);

        Assert.Equal(new DateOnly(year, month, day), easter);
    }

    [Fact]
    public void The_eleven_national_holidays_of_2026_include_the_easter_based_ones()
    {
        var holidays = FrenchPublicHolidays.Of(2026);

        Assert.Equal(11, holidays.Count);
        Assert.Contains(holidays, h => h.Date == new DateOnly(2026, 4, 6) && h.Name == "Lundi de Pâques");
        Assert.Contains(holidays, h => h.Date == new DateOnly(2026, 5, 14) && h.Name == "Ascension");
        Assert.Contains(holidays, h => h.Date == new DateOnly(2026, 5, 25) && h.Name == "Lundi de Pentecôte");
        Assert.Contains(holidays, h => h.Date == new DateOnly(2026, 7, 14));
        Assert.Contains(holidays, h => h.Date == new DateOnly(2026, 11, 11));
    }

    [Fact]
    public void Alsace_moselle_adds_good_friday_and_saint_stephen()
    {
        var holidays = FrenchPublicHolidays.Of(2026, HolidayZone.AlsaceMoselle);

        Assert.Equal(13, holidays.Count);
        Assert.Contains(holidays, h => h.Date == new DateOnly(2026, 4, 3) && h.Name == "Vendredi saint");
        Assert.Contains(holidays, h => h.Date == new DateOnly(2026, 12, 26));
    }

    [Theory]
    [InlineData("2026-06-10", true)]
    [InlineData("2026-06-13", false)]
    [InlineData("2026-06-14", false)]
    [InlineData("2026-05-08", false)]
    [InlineData("2026-05-25", false)]
    [InlineData("2025-12-26", true)]
    public void A_working_day_is_a_weekday_that_is_not_a_public_holiday(string date, bool working)
    {
        var calendar = new WorkingDayCalendar();

        Assert.Equal(working, calendar.IsWorkingDay(DateOnly.Parse(date, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
