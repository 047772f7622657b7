using System.Globalization;
using System.Text;
using Copil.Domain.DueDates;

namespace Copil.Web.Features.DueDates;

/// <summary>
/// An all-day event of a calendar: a due date, or a committee meeting. <paramref name="Sequence"/> is its revision (a
/// moved meeting keeps its UID with a higher sequence, so that calendars move it); a cancelled one is sent as such.
/// </summary>
public sealed record CalendarEvent(string Uid, DateOnly On, string Summary, string Description, string Url, string? Location = null, int Sequence = 0, bool Cancelled = false);

/// <summary>Writes due dates and meetings as iCalendar (RFC 5545) all-day events, so that they land in Outlook or Thunderbird.</summary>
public static class ICalendar
{
    public static byte[] Write(IEnumerable<DueItem> items, string calendarName, DateTimeOffset now, string baseUrl) =>
        Write(Events(items, baseUrl), calendarName, now);

    public static IEnumerable<CalendarEvent> Events(IEnumerable<DueItem> items, string baseUrl) =>
        items.Select(i => new CalendarEvent($"{i.Key}@copil", i.DueOn, i.Title, i.Source, $"{baseUrl}/conventions/{i.AgreementId}/echeancier"));

    /// <param name="method">
    /// The iTIP method (RFC 5546) of a calendar sent by e-mail: PUBLISH for an invitation and its revisions, CANCEL
    /// for a cancellation; none for a calendar that is downloaded or subscribed to.
    /// </param>
    public static byte[] Write(IEnumerable<CalendarEvent> events, string calendarName, DateTimeOffset now, string? method = null) =>
        Encoding.UTF8.GetBytes(string.Concat(Chunks(events, calendarName, now, method)));

    /// <summary>Writes the calendar to a stream as it goes (a whole échéancier can hold tens of thousands of events).</summary>
    public static async Task WriteAsync(Stream stream, IEnumerable<CalendarEvent> events, string calendarName, DateTimeOffset now, CancellationToken ct)
    {
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
        foreach (var chunk in Chunks(events, calendarName, now, method: null))
        {
            await writer.WriteAsync(chunk.AsMemory(), ct);
        }
    }

    /// <summary>The calendar's text: its head, one piece per event, its end.</summary>
    private static IEnumerable<string> Chunks(IEnumerable<CalendarEvent> events, string calendarName, DateTimeOffset now, string? method)
    {
        var text = new StringBuilder();
        void Line(string value)
        {
            // Lines are folded at 75 octets (RFC 5545, 3.1).
            var bytes = Encoding.UTF8.GetBytes(value);
            var start = 0;
            var first = true;
            while (start < bytes.Length)
            {
                var length = Math.Min(first ? 75 : 74, bytes.Length - start);
                while (length > 0 && start + length < bytes.Length && (bytes[start + length] & 0xC0) == 0x80)
                {
                    length--;
                }

                text.Append(first ? "" : " ").Append(Encoding.UTF8.GetString(bytes, start, length)).Append("\r\n");
                start += length;
                first = false;
            }
        }

        string Take()
        {
            var chunk = text.ToString();
            text.Clear();
            return chunk;
        }

        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Copil//Echeancier//FR");
        Line("CALSCALE:GREGORIAN");
        if (method is not null)
        {
            Line($"METHOD:{method}");
        }

        Line($"X-WR-CALNAME:{Escape(calendarName)}");
        yield return Take();
        var stamp = now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        foreach (var item in events)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{Escape(item.Uid)}");
            Line($"SEQUENCE:{item.Sequence.ToString(CultureInfo.InvariantCulture)}");
            Line($"DTSTAMP:{stamp}");
            Line($"DTSTART;VALUE=DATE:{item.On.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}");
            Line($"DTEND;VALUE=DATE:{item.On.AddDays(1).ToString("yyyyMMdd", CultureInfo.InvariantCulture)}");
            Line($"SUMMARY:{Escape(item.Summary)}");
            Line($"DESCRIPTION:{Escape(item.Description)}");
            if (item.Location is not null)
            {
                Line($"LOCATION:{Escape(item.Location)}");
            }

            Line($"URL:{item.Url}");
            if (item.Cancelled)
            {
                Line("STATUS:CANCELLED");
            }

            Line("TRANSP:TRANSPARENT");
            Line("END:VEVENT");
            yield return Take();
        }

        Line("END:VCALENDAR");
        yield return Take();
    }

    private static string Escape(string value) =>
        Documents.ExportText.Clean(value).Replace("\\", "\\\\", StringComparison.Ordinal).Replace(";", "\\;", StringComparison.Ordinal)
            .Replace(",", "\\,", StringComparison.Ordinal).Replace("\r", "", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
