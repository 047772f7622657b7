using System.Globalization;
using System.Net;
using Copil.Domain.Actions;
using Copil.Domain.Committee;
using Copil.Domain.Voting;
using Copil.Web.Api;
using Copil.Web.Features.Notifications;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Tests.Committee;

/// <summary>
/// Corrections of a meeting before its minutes are validated (art. 14): a vote or the attendance corrected with a reason,
/// kept with the value, and what depended on it re-run (tally, the sheet's decision, notices). Votes are reviewed before
/// they are saved.
/// </summary>
public abstract class CorrectionTests(CopilFactory factory)
{
    private static readonly DateOnly MeetingDay = new(2026, 3, 12);

    /// <summary>A convened meeting with one ready sheet on its agenda, every seat present; the clock on the meeting day.</summary>
    private async Task<(ActionScenario S, Guid Sheet, string Url, MeetingDto Meeting)> MeetingWithSheetAsync(string title)
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        var sheet = await s.ReadySheetAsync(factory, title);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/meetings", new MeetingInput(MeetingKind.Spring, 2026, MeetingDay, "14 h", "Paris", null, null, null, null)));
        var url = $"/api/v1/agreements/{s.Id}/meetings/{meeting.Id}";
        await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{url}/items/sheets", new SheetItemsInput([sheet], null)));
        await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{url}/convene", new VersionInput(null)));
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 13, 0, 0, TimeSpan.Zero));
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PutJsonAsync($"{url}/attendance", new AttendanceInput([.. s.Agreement.SeatIds.Select(id => new SeatPresence(id, Presence.Present))], [], await secretariat.MeetingVersionAsync(url))));
        return (s, sheet, url, meeting);
    }

    private async Task<ActionSheetDto> SheetAsync(ActionScenario s, Guid sheet)
    {
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        return await Http.OkAsync<ActionSheetDto>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet}"));
    }

    [Fact]
    public async Task A_vote_corrected_with_a_reason_re_runs_the_decision_on_its_sheet_and_tells_the_carrier()
    {
        var (s, sheet, url, meeting) = await MeetingWithSheetAsync("Forum corrigé");
        try
        {
            using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
            using var reader = await factory.ApiAsync(Scenario.Reader);
            using var stranger = await factory.ApiAsync(Scenario.Stranger);
            var item = meeting.Items[0].Id;
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{url}/items/{item}/vote", new ItemVoteInput(null, meeting.Version, UnanimousOfPresent: true)));
            Assert.Equal(ActionStatus.CommitteeValidated, (await SheetAsync(s, sheet)).Status);
            var against = s.Agreement.SeatIds.Select(id => new BallotInput(id, VoteChoice.Against)).ToList();

            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"{url}/items/{item}/vote/corrections", new VoteCorrectionInput(against, "Erreur", null))).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync($"{url}/items/{item}/vote/corrections", new VoteCorrectionInput(against, "Erreur", null))).StatusCode);
            var noReason = await secretariat.PostJsonAsync($"{url}/items/{item}/vote/corrections", new VoteCorrectionInput(against, " ", meeting.Version));
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("Indiquez le motif de la correction", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PostJsonAsync($"{url}/items/{item}/vote/corrections", new VoteCorrectionInput(against, "Erreur", meeting.Version - 1))).StatusCode);
            Assert.Equal(TallyOutcome.Adopted, (await Http.OkAsync<MeetingDto>(await secretariat.GetAsync(url))).Votes[0].Outcome);

            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{url}/items/{item}/vote/corrections",
                new VoteCorrectionInput(against, "Les membres ont voté contre, la saisie a été inversée.", meeting.Version)));

            var vote = Assert.Single(meeting.Votes);
            Assert.Equal(TallyOutcome.Rejected, vote.Outcome);
            var correction = Assert.Single(vote.Corrections!);
            // Records name the person, not the account's address (the audit log keeps the account).
            Assert.Equal(("Samuel Secrétariat", "Les membres ont voté contre, la saisie a été inversée."), (correction.By, correction.Reason));
            Assert.StartsWith("adopté — pour : ", correction.Before, StringComparison.Ordinal);
            var corrected = await SheetAsync(s, sheet);
            Assert.Equal(ActionStatus.CommitteeRejected, corrected.Status);
            var decisions = await factory.WithDbAsync(db => db.ActionSheets.AsNoTracking().Where(x => x.Id == sheet).Select(x => x.CommitteeDecisions).SingleAsync());
            Assert.Equal((CommitteeOutcome.Rejected, (Guid?)vote.Id), (Assert.Single(decisions).Outcome, decisions[0].VoteId));
            var told = await factory.WithDbAsync(db => (from n in db.Set<Notification>()
                                                        join u in db.Users on n.UserId equals u.Id
                                                        where n.AgreementId == s.Id && u.Email == ActionScenario.Carrier
                                                        select n.Title).ToListAsync());
            Assert.Contains(told, t => t.StartsWith("Décision du comité corrigée sur la fiche", StringComparison.Ordinal));
            Assert.Contains(told, t => t.EndsWith(": rejetée", StringComparison.Ordinal));
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task A_corrected_attendance_recounts_the_votes_and_a_seat_that_voted_cannot_become_absent_first()
    {
        var (s, _, url, meeting) = await MeetingWithSheetAsync("Forum des présences");
        try
        {
            using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
            var seats = s.Agreement.SeatIds;
            var item = meeting.Items[0].Id;
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{url}/items/{item}/vote",
                new ItemVoteInput([new BallotInput(seats[0], VoteChoice.For), new BallotInput(seats[2], VoteChoice.For)], meeting.Version)));
            var withoutVotes = seats.Select((id, i) => new SeatPresence(id, i is 1 or 3 ? Presence.Absent : Presence.Present)).ToList();

            using var reader = await factory.ApiAsync(Scenario.Reader);
            using var stranger = await factory.ApiAsync(Scenario.Stranger);
            var excused = new AttendanceCorrectionInput(withoutVotes, [], "Deux sièges étaient excusés.", meeting.Version);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"{url}/attendance/corrections", excused)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync($"{url}/attendance/corrections", excused)).StatusCode);
            using (var readerPages = await factory.SignedInAsync(Scenario.Reader))
            {
                var page = $"/conventions/{s.Id}/comite/{meeting.Id}";
                var fields = new Dictionary<string, string> { ["Version"] = meeting.Version.ToString(CultureInfo.InvariantCulture), ["Reason"] = "Erreur" };
                Assert.Equal(HttpStatusCode.Forbidden, (await readerPages.SubmitFormAsync(page, fields, "CorrectAttendance")).StatusCode);
                Assert.Equal(HttpStatusCode.Forbidden, (await readerPages.SubmitFormAsync(page, fields, "PastMinutes")).StatusCode);
            }

            var plain = await secretariat.PutJsonAsync($"{url}/attendance", new AttendanceInput(withoutVotes, [], meeting.Version));
            Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
            Assert.Contains("se corrigent avec un motif", await plain.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var voted = await secretariat.PostJsonAsync($"{url}/attendance/corrections", new AttendanceCorrectionInput([.. seats.Select((id, i) => new SeatPresence(id, i == 0 ? Presence.Absent : Presence.Present))], [], "Erreur", meeting.Version));
            Assert.Equal(HttpStatusCode.BadRequest, voted.StatusCode);
            Assert.Contains("corrigez d'abord ce vote", await voted.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostJsonAsync($"{url}/attendance/corrections", new AttendanceCorrectionInput(withoutVotes, [], null, meeting.Version))).StatusCode);

            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{url}/attendance/corrections", new AttendanceCorrectionInput(withoutVotes, [], "Deux sièges étaient excusés.", meeting.Version)));

            Assert.Equal([Presence.Present, Presence.Absent, Presence.Present, Presence.Absent], meeting.Presences.Select(p => p.Presence));
            Assert.Equal("Deux sièges étaient excusés.", meeting.Presences[1].Corrected!.Reason);
            Assert.Null(meeting.Presences[0].Corrected);
            // The vote stands (2 for of 2 cast); its explanation is counted on the new attendance.
            Assert.Equal(TallyOutcome.Adopted, meeting.Votes[0].Outcome);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task On_the_page_a_vote_is_reviewed_before_it_is_saved_and_corrected_with_a_reason_shown_next_to_it()
    {
        var (s, sheet, url, meeting) = await MeetingWithSheetAsync("Forum relu");
        try
        {
            using var pages = await factory.SignedInAsync(Scenario.Secretariat);
            using var readerPages = await factory.SignedInAsync(Scenario.Reader);
            using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
            var page = $"/conventions/{s.Id}/comite/{meeting.Id}";
            var item = meeting.Items[0].Id;
            var version = meeting.Version.ToString(CultureInfo.InvariantCulture);
            var fields = new Dictionary<string, string> { ["Version"] = version, ["Notes"] = "Présenté par le porteur." };
            foreach (var seat in s.Agreement.SeatIds)
            {
                fields[$"Ballots[{seat}]"] = "For";
            }

            // First submit: counted and shown, nothing saved.
            var review = await pages.SubmitFormAsync(page, fields, $"Vote&itemId={item}");
            Assert.Equal(HttpStatusCode.OK, review.StatusCode);
            var reviewed = await Http.ParseAsync(review);
            Assert.Contains("Vérifiez le vote avant de l'enregistrer", reviewed.QuerySelector(".review")!.TextContent, StringComparison.Ordinal);
            Assert.Contains("Une fois enregistré, ce vote valide la fiche", reviewed.QuerySelector(".review")!.TextContent, StringComparison.Ordinal);
            Assert.Equal("Présenté par le porteur.", reviewed.QuerySelector(".review input[name=Notes]")!.GetAttribute("value"));
            Assert.Contains("Présenté par le porteur.", reviewed.QuerySelector(".review")!.TextContent, StringComparison.Ordinal);
            Assert.Empty((await Http.OkAsync<MeetingDto>(await secretariat.GetAsync(url))).Votes);

            // « Modifier » shows the form again with what was typed.
            var back = await Http.ParseAsync(await pages.SubmitFormAsync(page, new Dictionary<string, string>(fields) { ["change"] = "true" }, $"Vote&itemId={item}"));
            Assert.Equal(s.Agreement.SeatIds.Count, back.QuerySelectorAll("input[type=radio][value=For][checked]").Length);
            Assert.Equal("Présenté par le porteur.", back.QuerySelector($"#vote-notes-{item}")!.TextContent);

            // Confirmed: saved with its notes.
            Assert.Equal(HttpStatusCode.Redirect, (await pages.SubmitFormAsync(page, new Dictionary<string, string>(fields) { ["confirmed"] = "true" }, $"Vote&itemId={item}")).StatusCode);
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.GetAsync(url));
            Assert.Equal((TallyOutcome.Adopted, "Présenté par le porteur."), (meeting.Votes[0].Outcome, meeting.Items[0].MinutesText));

            // A correction without reason is refused next to its field, and what was typed is kept.
            var correction = new Dictionary<string, string> { ["Version"] = meeting.Version.ToString(CultureInfo.InvariantCulture), ["correcting"] = "true", ["Reason"] = "" };
            foreach (var seat in s.Agreement.SeatIds)
            {
                correction[$"Ballots[{seat}]"] = "Against";
            }

            var refused = await Http.ParseAsync(await pages.SubmitFormAsync(page, correction, $"Vote&itemId={item}"));
            Assert.Contains("Indiquez le motif de la correction", refused.QuerySelector("#Vote_Reason-error")!.TextContent, StringComparison.Ordinal);
            Assert.NotNull(refused.QuerySelector("details.correction[open]"));
            Assert.Equal(s.Agreement.SeatIds.Count, refused.QuerySelectorAll("details.correction[open] input[type=radio][value=Against][checked]").Length);

            correction["Reason"] = "Saisie inversée.";
            var check = await Http.ParseAsync(await pages.SubmitFormAsync(page, correction, $"Vote&itemId={item}"));
            Assert.Contains("Vérifiez la correction", check.QuerySelector(".review")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Redirect, (await pages.SubmitFormAsync(page, new Dictionary<string, string>(correction) { ["confirmed"] = "true" }, $"Vote&itemId={item}")).StatusCode);

            var shown = await readerPages.GetPageAsync(page);
            Assert.Contains($"corrigé le {Copil.Domain.Common.FrenchText.Date(new DateOnly(2026, 3, 12))} par Samuel Secrétariat, motif : Saisie inversée.", shown.QuerySelector("ol.agenda")!.TextContent, StringComparison.Ordinal);
            Assert.Null(shown.QuerySelector("details.correction")); // a reader sees the correction, not the form
            Assert.Equal(ActionStatus.CommitteeRejected, (await SheetAsync(s, sheet)).Status);
            Assert.Equal(HttpStatusCode.Forbidden, (await readerPages.SubmitFormAsync(page, new Dictionary<string, string>(correction) { ["confirmed"] = "true" }, $"Vote&itemId={item}")).StatusCode);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCorrectionTests(SqliteFactory factory) : CorrectionTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCorrectionTests(PostgresFactory factory) : CorrectionTests(factory);
