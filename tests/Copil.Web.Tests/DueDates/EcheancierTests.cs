using System.Diagnostics;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.DueDates;

[Collection(SqliteCollection.Name)]
public sealed class EcheancierTests(SqliteFactory factory)
{
    [Fact]
    public async Task The_seed_agreement_shows_its_real_dates_each_with_its_article()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var reader = await factory.SignedInAsync(Scenario.Reader);

        var page = await reader.GetPageAsync($"/conventions/{seed}/echeancier");

        var rows = page.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("vendredi 29 avril 2022", StringComparison.Ordinal) && r.Contains("Bilan annuel 2021", StringComparison.Ordinal) && r.Contains("art. 15", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("jeudi 30 novembre 2023", StringComparison.Ordinal) && r.Contains("art. 17", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.Contains("Comité de pilotage de printemps 2021", StringComparison.Ordinal) && r.Contains("art. 14", StringComparison.Ordinal));
        Assert.All(page.QuerySelectorAll("tbody td.source-cell"), cell => Assert.Matches(@"art\. \d+|délai", cell.TextContent));
    }

    [Fact]
    public async Task The_ics_file_is_read_by_another_calendar_library()
    {
        var demo = await factory.DemoAgreementIdAsync();
        using var reader = await factory.SignedInAsync(Scenario.Reader);
        var page = await reader.GetPageAsync($"/conventions/{demo}/echeancier");
        var expected = page.QuerySelectorAll("tbody tr").Length;

        var ics = await reader.GetByteArrayAsync($"/conventions/{demo}/echeancier?handler=Ics");

        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, ics);
        var script = "import icalendar, sys; cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read()); events = cal.walk('VEVENT'); print(len(events)); print(events[0].get('summary')); print(events[0].get('dtstart').dt.isoformat())";
        using var python = Process.Start(new ProcessStartInfo("/usr/bin/python3", ["-c", script, file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = (await python.StandardOutput.ReadToEndAsync()).Split('\n');
        await python.WaitForExitAsync();
        File.Delete(file);

        Assert.Equal(0, python.ExitCode);
        Assert.Equal(expected.ToString(System.Globalization.CultureInfo.InvariantCulture), output[0]);
        Assert.Equal("Comité de pilotage de printemps 2025", output[1]);
        Assert.Equal("2025-06-13", output[2]);
    }

    [Fact]
    public async Task A_stranger_gets_a_404_on_the_echeancier()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var stranger = await factory.SignedInAsync(Scenario.Stranger);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await stranger.GetAsync($"/conventions/{seed}/echeancier")).StatusCode);
    }
}
