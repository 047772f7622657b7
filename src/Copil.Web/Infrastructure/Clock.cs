namespace Copil.Web.Infrastructure;

/// <summary>Today's date as the agreements count it: in Europe/Paris, whatever the server's zone.</summary>
public static class Clock
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateOnly TodayInParis(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Paris).DateTime);

    public static DateTime ToParis(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Paris);

    /// <summary>The last instant of a day in Paris, in UTC: what "valid until the 30th" means to its reader.</summary>
    public static DateTime EndOfDayInParisUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.AddDays(1).ToDateTime(TimeOnly.MinValue), Paris).AddTicks(-1);
}
