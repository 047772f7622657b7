using System.Net;
using Copil.Domain.Committee;
using Copil.Web.Api;
using Copil.Web.Features.Notifications;
using Copil.Web.Tests.Notifications;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using MimeKit;

namespace Copil.Web.Tests.Committee;

/// <summary>
/// A convened meeting that moves, gains a point and is cancelled (art. 14): everyone convened hears of each change
/// once, through the real SMTP server, with an invitation their calendar updates (same UID, higher SEQUENCE).
/// </summary>
public abstract class ReschedulingTests(MailFactory factory)
{
    /// <summary>UID, SEQUENCE, METHOD, STATUS and day of each event of a calendar, as Python's icalendar reads them.</summary>
    private static async Task<string[]> ReadIcsAsync(string ics)
    {
        var file = Path.GetTempFileName();
        await File.WriteAllTextAsync(file, ics);
        var script = "import icalendar, sys; cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read()); "
            + "[print(e.get('uid'), e.get('sequence'), cal.get('method'), e.get('status'), e.get('dtstart').dt.isoformat(), sep='|') for e in cal.walk('VEVENT')]";
        using var python = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("/usr/bin/python3", ["-c", script, file]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await python.StandardOutput.ReadToEndAsync();
        var error = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        File.Delete(file);
        Assert.True(python.ExitCode == 0, error);
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    [Fact]
    public async Task Convene_reschedule_add_a_point_and_cancel_each_reach_every_person_convened_once_with_an_invitation_their_calendar_updates()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var url = $"/api/v1/agreements/{s.Id}/meetings";
        var meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync(url, new MeetingInput(MeetingKind.Spring, 2026, new DateOnly(2026, 5, 20), "14 h 30", "OPCO, Paris", null, null, null, null)));
        var murl = $"{url}/{meeting.Id}";
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items", new AgendaItemInput(AgendaItemKind.Other, "Point sur les salons", null, false, null)));
        factory.Smtp.Start();
        try
        {
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/convene", new VersionInput(meeting.Version)));

            // Only the year it belongs to changes: the event does not move, nobody is told.
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PutJsonAsync(murl, new MeetingInput(MeetingKind.Spring, 2026, new DateOnly(2026, 5, 20), "14 h 30", "OPCO, Paris", null, null, null, meeting.Version)));
            // Moved a week later: the documents are now due a week before the new day (art. 14).
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PutJsonAsync(murl, new MeetingInput(MeetingKind.Spring, 2026, new DateOnly(2026, 5, 27), "14 h 30", "OPCO, Paris", null, null, null, meeting.Version)));
            Assert.Equal(new DateOnly(2026, 5, 20), meeting.DocumentsDueOn);
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items", new AgendaItemInput(AgendaItemKind.Other, "Calendrier des salons 2027", null, false, meeting.Version)));
            // Moved after the agreement's end: refused, nothing sent.
            var tooLate = await secretariat.PutJsonAsync(murl, new MeetingInput(MeetingKind.Spring, 2026, new DateOnly(2031, 5, 27), "14 h 30", "OPCO, Paris", null, null, null, meeting.Version));
            Assert.Equal(HttpStatusCode.BadRequest, tooLate.StatusCode);
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/cancel", new ReasonInput("Quorum impossible à réunir", meeting.Version)));
            Assert.Equal(MeetingStatus.Cancelled, meeting.Status);
            Assert.True(await factory.SendAsync() > 0);

            var received = factory.Smtp.Received
                .Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw))))
                .Where(m => (m.Subject ?? "").Contains(s.Agreement.Reference, StringComparison.Ordinal))
                .ToList();
            var toDgesco = received.Where(m => m.To.Mailboxes.Any(x => x.Address == ActionScenario.Dgesco)).ToList();
            Assert.Equal(4, toDgesco.Count);
            Assert.Single(toDgesco, m => m.Subject!.Contains("Convocation", StringComparison.Ordinal));
            Assert.Single(toDgesco, m => m.Subject!.Contains("Réunion déplacée", StringComparison.Ordinal));
            Assert.Single(toDgesco, m => m.Subject!.Contains("Ordre du jour complété", StringComparison.Ordinal));
            Assert.Single(toDgesco, m => m.Subject!.Contains("Réunion annulée", StringComparison.Ordinal));
            var moved = toDgesco.Single(m => m.Subject!.Contains("Réunion déplacée", StringComparison.Ordinal));
            Assert.Contains("prévu le mercredi 20 mai 2026 à 14 h 30, OPCO, Paris se tiendra le mercredi 27 mai 2026", moved.TextBody, StringComparison.Ordinal);
            Assert.Contains("Calendrier des salons 2027", toDgesco.Single(m => m.Subject!.Contains("Ordre du jour", StringComparison.Ordinal)).TextBody, StringComparison.Ordinal);
            // Each person convened is told each change once.
            Assert.All(received.GroupBy(m => (m.To.Mailboxes.Single().Address, m.Subject)), g => Assert.Single(g));

            string Ics(string subject) => toDgesco.Single(m => m.Subject!.Contains(subject, StringComparison.Ordinal)).Attachments.OfType<MimePart>()
                .Select(p => { using var text = new StreamReader(p.Content!.Open()); return text.ReadToEnd(); }).Single();
            var uid = $"meeting:{meeting.Id}@copil";
            Assert.Equal([$"{uid}|0|PUBLISH|None|2026-05-20"], await ReadIcsAsync(Ics("Convocation")));
            Assert.Equal([$"{uid}|1|PUBLISH|None|2026-05-27"], await ReadIcsAsync(Ics("Réunion déplacée")));
            Assert.Equal([$"{uid}|2|CANCEL|CANCELLED|2026-05-27"], await ReadIcsAsync(Ics("Réunion annulée")));
            Assert.Empty(toDgesco.Single(m => m.Subject!.Contains("Ordre du jour", StringComparison.Ordinal)).Attachments);
        }
        finally
        {
            await factory.Smtp.StopAsync();
        }
    }

    [Fact]
    public async Task A_document_posted_once_the_meeting_is_convened_is_announced_and_one_posted_before_is_not()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var url = $"/api/v1/agreements/{s.Id}/meetings";
        var meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync(url, new MeetingInput(MeetingKind.Spring, 2026, new DateOnly(2026, 5, 20), null, "OPCO, Paris", null, null, null, null)));
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{url}/{meeting.Id}/items", new AgendaItemInput(AgendaItemKind.Other, "Point sur les salons", null, false, null)));
        using var pages = await factory.SignedInAsync(Scenario.Secretariat);

        async Task PostDocumentAsync(string title)
        {
            var page = await pages.GetPageAsync($"/conventions/{s.Id}/comite/{meeting.Id}");
            var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var form = new MultipartFormDataContent
            {
                { new StringContent(token), "__RequestVerificationToken" },
                { new StringContent(title), "DocumentTitle" },
                { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "file", "note.pdf" },
            };
            var response = await pages.PostAsync($"/conventions/{s.Id}/comite/{meeting.Id}?handler=Upload", form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }

        await PostDocumentAsync("Bilan des salons");
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{url}/{meeting.Id}/convene", new VersionInput(meeting.Version)));
        await PostDocumentAsync("Programme 2027");

        var notices = await factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking()
            .Where(m => m.AgreementId == s.Id && m.ToAddress == ActionScenario.Dgesip).Select(m => m.Subject).ToListAsync());
        Assert.Single(notices, n => n.Contains("Document de travail : Programme 2027", StringComparison.Ordinal));
        Assert.DoesNotContain(notices, n => n.Contains("Bilan des salons", StringComparison.Ordinal));
    }
}

[Collection(MailCollection.Name)]
public sealed class SqliteReschedulingTests(MailFactory factory) : ReschedulingTests(factory);

[Collection(PostgresMailCollection.Name)]
public sealed class PostgresReschedulingTests(PostgresMailFactory factory) : ReschedulingTests(factory);
