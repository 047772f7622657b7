using System.Globalization;
using Copil.Domain.Calendar;

namespace Copil.Domain.Tests.Calendar;

/// <summary>Code de procédure civile art. 641 and 642, as domain.md reads them.</summary>
public class DeadlineArithmeticTests
{
    private static readonly WorkingDayCalendar Calendar = new();

    private static DateOnly D(string iso) => DateOnly.Parse(iso, CultureInfo.InvariantCulture);

    [Theory]
    // event, days, policy, expected: the day of the event is not counted (art. 641)
    [InlineData("2026-06-03", 7, WorkingDayPolicy.CalendarDays, "2026-06-10")]
    [InlineData("2026-06-03", 7, WorkingDayPolicy.ExtendToNextWorkingDay, "2026-06-10")]
    // 14 May 2026 is Ascension Thursday: extended to Friday 15 May (art. 642) …
    [InlineData("2026-05-07", 7, WorkingDayPolicy.ExtendToNextWorkingDay, "2026-05-15")]
    // … or left there when the agreement counts calendar days
    [InlineData("2026-05-07", 7, WorkingDayPolicy.CalendarDays, "2026-05-14")]
    // Saturday 13 June → Monday 15 June
    [InlineData("2026-06-06", 7, WorkingDayPolicy.ExtendToNextWorkingDay, "2026-06-15")]
    // Saturday 16 May → Monday 18 May
    [InlineData("2026-05-09", 7, WorkingDayPolicy.ExtendToNextWorkingDay, "2026-05-18")]
    // Sunday 24 May then Whit Monday 25 May → Tuesday 26 May
    [InlineData("2026-05-17", 7, WorkingDayPolicy.ExtendToNextWorkingDay, "2026-05-26")]
    [InlineData("2026-12-31", 1, WorkingDayPolicy.ExtendToNextWorkingDay, "2027-01-04")]
    public void A_forward_deadline_in_days_does_not_count_the_day_of_the_event(string eventDate, int days, WorkingDayPolicy policy, string expected)
    {
        var deadline = Deadlines.DaysAfter(D(eventDate), days, policy, Calendar);

        Assert.Equal(D(expected), deadline.Date);
    }

    [Fact]
    public void A_moved_forward_deadline_says_why_in_french()
    {
        var deadline = Deadlines.DaysAfter(D("2026-05-07"), 7, WorkingDayPolicy.ExtendToNextWorkingDay, Calendar);

        Assert.True(deadline.WasAdjusted);
        Assert.Equal(D("2026-05-14"), deadline.Unadjusted);
        Assert.Equal("7 jours après le 7 mai 2026, le jour de l'événement non compté ; le 14 mai 2026 étant jour férié (Ascension), reporté au vendredi 15 mai 2026", deadline.Explanation);
    }

    [Theory]
    // start, months, expected: same day number in the final month, else its last day (art. 641)
    [InlineData("2026-03-15", 2, "2026-05-15")]
    [InlineData("2026-03-31", 2, "2026-05-31")]
    [InlineData("2025-12-31", 2, "2026-02-28")]
    [InlineData("2023-12-31", 2, "2024-02-29")]
    [InlineData("2026-01-31", 1, "2026-02-28")]
    [InlineData("2020-12-01", 36, "2023-12-01")]
    [InlineData("2024-02-29", 12, "2025-02-28")]
    public void A_period_in_months_ends_on_the_same_day_number_or_the_last_day_of_the_month(string start, int months, string expected)
    {
        var deadline = Deadlines.MonthsAfter(D(start), months);

        Assert.Equal(D(expected), deadline.Date);
    }

    [Fact]
    public void A_period_in_months_that_lands_on_a_missing_day_says_so()
    {
        var deadline = Deadlines.MonthsAfter(D("2025-12-31"), 2);

        Assert.Equal("2 mois à compter du 31 décembre 2025, le 31 n'existant pas en février : dernier jour du mois", deadline.Explanation);
    }

    [Theory]
    // reference, days, expected last allowed day
    [InlineData("2026-06-10", 7, "2026-06-03")]
    // 8 May 2026 is a Friday and a public holiday: moved earlier to Thursday 7 May, never later
    [InlineData("2026-05-15", 7, "2026-05-07")]
    // Sunday 14 June → Friday 12 June
    [InlineData("2026-06-21", 7, "2026-06-12")]
    // Monday 25 May 2026 is Whit Monday: → Friday 22 May
    [InlineData("2026-06-01", 7, "2026-05-22")]
    public void At_least_n_days_before_moves_earlier_when_the_last_allowed_day_is_not_worked(string reference, int days, string expected)
    {
        var deadline = Deadlines.AtLeastDaysBefore(D(reference), days, Calendar);

        Assert.Equal(D(expected), deadline.Date);
    }

    [Fact]
    public void One_week_before_is_written_as_a_week()
    {
        var deadline = Deadlines.AtLeastDaysBefore(D("2026-06-10"), 7, Calendar);

        Assert.Equal("au plus tard une semaine avant le 10 juin 2026", deadline.Explanation);
    }

    [Theory]
    // "before 30 April" excludes 30 April
    [InlineData("2026-04-30", "2026-04-29")]
    // 29 April 2028 is a Saturday → Friday 28 April
    [InlineData("2028-04-30", "2028-04-28")]
    // "before 15 June 2026": 14 June is a Sunday → Friday 12 June
    [InlineData("2026-06-15", "2026-06-12")]
    // 15 June 2022: 14 June is a Tuesday
    [InlineData("2022-06-15", "2022-06-14")]
    public void Before_a_named_date_excludes_it_and_moves_earlier_if_needed(string reference, string expected)
    {
        var deadline = Deadlines.StrictlyBefore(D(reference), Calendar);

        Assert.Equal(D(expected), deadline.Date);
    }

    [Fact]
    public void Before_a_named_date_explains_the_move_in_french()
    {
        var deadline = Deadlines.StrictlyBefore(D("2026-06-15"), Calendar);

        Assert.Equal("avant le 15 juin 2026, cette date exclue ; le 14 juin 2026 étant un dimanche, avancé au vendredi 12 juin 2026", deadline.Explanation);
    }
}
