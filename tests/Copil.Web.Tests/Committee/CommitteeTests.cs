using System.Net;
using Copil.Domain.Actions;
using Copil.Domain.Committee;
using Copil.Domain.Voting;
using Copil.Web.Api;
using Copil.Web.Features.Notifications;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Committee;

/// <summary>A spring meeting through the API and the pages: agenda, notice, attendance, votes moving the sheets, minutes reviewed and validated.</summary>
public abstract class CommitteeTests(CopilFactory factory)
{
    private static readonly DateOnly MeetingDay = new(2026, 3, 12);

    private static List<BallotInput> Ballots(IReadOnlyList<Guid> seats, params VoteChoice?[] choices) =>
        [.. seats.Zip(choices).Where(x => x.Second is not null).Select(x => new BallotInput(x.First, x.Second!.Value))];

    [Fact]
    public async Task A_spring_meeting_decides_two_sheets_by_weighted_vote_and_its_minutes_are_reviewed_validated_and_frozen()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        var adoptedSheet = await s.ReadySheetAsync(factory, "Forum des métiers");
        var rejectedSheet = await s.ReadySheetAsync(factory, "Salon virtuel");
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var url = $"/api/v1/agreements/{s.Id}/meetings";

        var meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync(url, new MeetingInput(MeetingKind.Spring, 2026, MeetingDay, "14 h 30", "OPCO, Paris", null, null, null, null)));
        // Thursday 12 March: documents by Thursday 5 March (art. 14: at least a week before).
        Assert.Equal(new DateOnly(2026, 3, 5), meeting.DocumentsDueOn);
        var murl = $"{url}/{meeting.Id}";
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items", new AgendaItemInput(AgendaItemKind.ActionSheet, null, adoptedSheet, true, null)));
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items", new AgendaItemInput(AgendaItemKind.ActionSheet, null, rejectedSheet, true, null)));
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items", new AgendaItemInput(AgendaItemKind.Other, "Point sur les salons", null, false, null)));
        Assert.Equal("Fiche n° 1 — Forum des métiers (Campus d'essai)", meeting.Items[0].Title);
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/convene", new VersionInput(meeting.Version)));
        Assert.Equal(MeetingStatus.Convened, meeting.Status);

        // The notice reaches the reviewers with the agenda and an invitation.
        var notice = await factory.WithDbAsync(db => db.Set<OutboxMessage>().AsNoTracking().SingleAsync(m => m.AgreementId == s.Id && m.ToAddress == ActionScenario.Dgesco && m.Subject.Contains("Convocation")));
        Assert.Contains("1. Fiche n° 1 — Forum des métiers (Campus d'essai) (décision)", notice.TextBody, StringComparison.Ordinal);
        Assert.Equal("reunion.ics", notice.AttachmentName);
        Assert.Contains("DTSTART;VALUE=DATE:20260312", notice.AttachmentContent, StringComparison.Ordinal);

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 13, 0, 0, TimeSpan.Zero));
        try
        {
            var seats = s.Agreement.SeatIds;
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PutJsonAsync($"{murl}/attendance",
                new AttendanceInput([.. seats.Select((id, i) => new SeatPresence(id, i == 1 ? Presence.Absent : Presence.Present))], [], meeting.Version)));

            // The absent OPCO seat cannot vote; each vote is named and weighted.
            var absent = await secretariat.PostJsonAsync($"{murl}/items/{meeting.Items[0].Id}/vote", new ItemVoteInput(Ballots(seats, VoteChoice.For, VoteChoice.For), meeting.Version));
            Assert.Equal(HttpStatusCode.BadRequest, absent.StatusCode);
            Assert.Contains("est absent : il ne vote pas", await absent.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items/{meeting.Items[0].Id}/vote", new ItemVoteInput(Ballots(seats, VoteChoice.For, null, VoteChoice.For, VoteChoice.Against), meeting.Version)));
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items/{meeting.Items[1].Id}/vote", new ItemVoteInput(Ballots(seats, VoteChoice.For, null, VoteChoice.Against, VoteChoice.Against), meeting.Version)));
            Assert.Equal([TallyOutcome.Adopted, TallyOutcome.Rejected], meeting.Votes.Select(v => v.Outcome));
            Assert.StartsWith("Rejeté : 1 voix pour, 2 voix contre", meeting.Votes[1].Explanation, StringComparison.Ordinal);
            var twice = await secretariat.PostJsonAsync($"{murl}/items/{meeting.Items[0].Id}/vote", new ItemVoteInput(Ballots(seats, VoteChoice.Against), meeting.Version));
            Assert.Equal(HttpStatusCode.BadRequest, twice.StatusCode);

            // The decisions moved the sheets, each linked to the vote that made it.
            using var reader = await factory.ApiAsync(Scenario.Reader);
            var adopted = await (await reader.GetAsync($"/api/v1/agreements/{s.Id}/action-sheets/{adoptedSheet}")).ReadAsync<ActionSheetDto>();
            var rejected = await (await reader.GetAsync($"/api/v1/agreements/{s.Id}/action-sheets/{rejectedSheet}")).ReadAsync<ActionSheetDto>();
            Assert.Equal((ActionStatus.CommitteeValidated, ActionStatus.CommitteeRejected), (adopted.Status, rejected.Status));
            var decision = await factory.WithDbAsync(db => db.ActionSheets.AsNoTracking().Where(x => x.Id == adoptedSheet).Select(x => x.CommitteeDecisions).SingleAsync());
            Assert.Equal(("vote", (Guid?)meeting.Votes[0].Id), (decision[0].SourceKind, decision[0].VoteId));

            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/close", new VersionInput(meeting.Version)));
            var minutes = await Http.OkAsync<MinutesDto>(await secretariat.PostAsync($"{murl}/minutes", null));
            Assert.Contains("Adopté : 2 voix pour, 1 voix contre", minutes.Versions[0].Text, StringComparison.Ordinal);
            minutes = await Http.OkAsync<MinutesDto>(await secretariat.PutJsonAsync($"{murl}/minutes", new MinutesTextInput(minutes.Versions[0].Text + "\nProchaine réunion en novembre.", minutes.Version)));
            minutes = await Http.OkAsync<MinutesDto>(await secretariat.PostJsonAsync($"{murl}/minutes/send-for-review", new VersionInput(minutes.Version)));
            // Sent on Thursday 12 March: review due Thursday 19 March (7 days, the day of sending not counted).
            Assert.Equal(new DateOnly(2026, 3, 19), minutes.ReviewDueOn);

            using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
            using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
            var foreign = await dgesco.PostJsonAsync($"{murl}/minutes/reviews", new MinutesReviewInput(s.Agreement.OtherMinistryId, true, null, null));
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
            await Http.OkAsync<MinutesDto>(await dgesco.PostJsonAsync($"{murl}/minutes/reviews", new MinutesReviewInput(s.Agreement.MinistryId, true, null, null)));
            var early = await secretariat.PostJsonAsync($"{murl}/minutes/submit-for-validation", new VersionInput(null));
            Assert.Contains("n'a pas approuvé la version 2", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            await Http.OkAsync<MinutesDto>(await dgesip.PostJsonAsync($"{murl}/minutes/reviews", new MinutesReviewInput(s.Agreement.OtherMinistryId, true, null, null)));
            await Http.OkAsync<MinutesDto>(await secretariat.PostJsonAsync($"{murl}/minutes/submit-for-validation", new VersionInput(null)));
            minutes = await Http.OkAsync<MinutesDto>(await secretariat.PostJsonAsync($"{murl}/minutes/validation", new VoteInput(Ballots(seats, VoteChoice.For, VoteChoice.For, VoteChoice.For, VoteChoice.Abstain), null)));

            Assert.Equal(MinutesStatus.Validated, minutes.Status);
            Assert.Equal(Minutes.Hash(minutes.Versions[^1].Text), minutes.ContentHash);
            var frozen = await secretariat.PutJsonAsync($"{murl}/minutes", new MinutesTextInput("Autre texte", minutes.Version));
            Assert.Equal(HttpStatusCode.BadRequest, frozen.StatusCode);
            Assert.Contains("figé", await frozen.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            // Votes and attendance are frozen with the minutes: going back on a decision is a new one at a next meeting.
            var late = await secretariat.PostJsonAsync($"{murl}/items/{meeting.Items[0].Id}/vote/corrections", new VoteCorrectionInput(Ballots(seats, VoteChoice.Against, null, VoteChoice.Against, VoteChoice.Against), "Erreur de saisie", null));
            Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
            Assert.Contains("inscrivez-la à l'ordre du jour d'une prochaine réunion", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            var lateAttendance = await secretariat.PostJsonAsync($"{murl}/attendance/corrections", new AttendanceCorrectionInput([.. seats.Select(id => new SeatPresence(id, Presence.Present))], [], "Erreur", null));
            Assert.Equal(HttpStatusCode.BadRequest, lateAttendance.StatusCode);
            Assert.Equal(TallyOutcome.Adopted, (await Http.OkAsync<MeetingDto>(await secretariat.GetAsync(murl))).Votes[0].Outcome);

            // Validated minutes go to the carrier of the sheets decided; the frozen text is exported.
            using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
            var page = await (await carrier.GetAsync("/api/v1/notifications")).ReadAsync<NotificationPageDto>();
            Assert.Contains(page.Items, n => n.AgreementId == s.Id && n.Title == "Compte rendu validé : Comité de printemps du 12 mars 2026");
            using var pages = await factory.SignedInAsync(Scenario.Reader);
            var pdf = await pages.GetAsync($"/conventions/{s.Id}/comite/{meeting.Id}/compte-rendu?handler=Document&format=pdf");
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
            Assert.StartsWith("%PDF", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..4]), StringComparison.Ordinal);
            var docx = await pages.GetAsync($"/conventions/{s.Id}/comite/{meeting.Id}/compte-rendu?handler=Document&format=docx");
            Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
            var minutesPage = await pages.GetPageAsync($"/conventions/{s.Id}/comite/{meeting.Id}/compte-rendu");
            Assert.Contains(minutes.ContentHash!, minutesPage.QuerySelector(".hash")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(["ajouté : Prochaine réunion en novembre."], minutesPage.QuerySelectorAll(".diff ins").Select(i => i.TextContent));
            // Each version names the person who wrote it, not their account's address.
            Assert.All(minutesPage.QuerySelectorAll("details summary").Where(d => d.TextContent.StartsWith("Version", StringComparison.Ordinal)), d => Assert.EndsWith("par Samuel Secrétariat", d.TextContent.Trim(), StringComparison.Ordinal));
            Assert.Contains(minutesPage.QuerySelectorAll("details summary"), d => d.TextContent.StartsWith("Version", StringComparison.Ordinal));

            // The board then decides on the validated action; the carrier is told (art. 14).
            using var board = await factory.SignedInAsync(ActionScenario.Board);
            var noDecision = await board.SubmitFormAsync($"/conventions/{s.Id}/comite/conseil", new Dictionary<string, string> { ["DecidedOn"] = "2026-03-12", ["Reference"] = "CA du 12 mars 2026" });
            Assert.Equal(HttpStatusCode.OK, noDecision.StatusCode);
            Assert.Contains("au moins une action", (await Http.ParseAsync(noDecision)).QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            var boardDecision = await board.SubmitFormAsync($"/conventions/{s.Id}/comite/conseil", new Dictionary<string, string>
            {
                ["DecidedOn"] = "2026-03-12",
                ["Reference"] = "CA du 12 mars 2026",
                [$"decisions[{adoptedSheet}]"] = "Approved",
            });
            Assert.Equal(HttpStatusCode.Redirect, boardDecision.StatusCode);
            Assert.Equal(ActionStatus.BoardApproved, (await (await reader.GetAsync($"/api/v1/agreements/{s.Id}/action-sheets/{adoptedSheet}")).ReadAsync<ActionSheetDto>()).Status);
            page = await (await carrier.GetAsync("/api/v1/notifications")).ReadAsync<NotificationPageDto>();
            Assert.Contains(page.Items, n => n.AgreementId == s.Id && n.Title == "Décision du conseil d'administration sur la fiche n° 1 : approuvée");
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task Minutes_can_be_validated_by_a_written_consultation_and_meanwhile_by_nothing_else()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var admin = await factory.ApiAsync(Scenario.Admin);
        foreach (var (email, seat) in new[] { ("membre.opco@copil.test", s.Agreement.SeatIds[0]), ("membre.menjs@copil.test", s.Agreement.SeatIds[2]) })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{s.Id}/memberships", new MembershipInput(email, Copil.Domain.Access.AgreementRole.CommitteeMember, seat, null, null))).StatusCode);
        }

        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var murl = $"/api/v1/agreements/{s.Id}/meetings/" + (await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/meetings", new MeetingInput(MeetingKind.Spring, 2026, MeetingDay, null, "Paris", null, null, null, null)))).Id;
        await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items", new AgendaItemInput(AgendaItemKind.Priorities, "Priorités 2027", null, true, null)));
        await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/convene", new VersionInput(null)));
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 13, 0, 0, TimeSpan.Zero));
        try
        {
            await Http.OkAsync<MeetingDto>(await secretariat.PutJsonAsync($"{murl}/attendance", new AttendanceInput([.. s.Agreement.SeatIds.Select(id => new SeatPresence(id, Presence.Present))], [], await secretariat.MeetingVersionAsync(murl))));
            await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/close", new VersionInput(null)));
            await Http.OkAsync<MinutesDto>(await secretariat.PostAsync($"{murl}/minutes", null));
            await Http.OkAsync<MinutesDto>(await secretariat.PostJsonAsync($"{murl}/minutes/send-for-review", new VersionInput(null)));
            using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
            using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
            await Http.OkAsync<MinutesDto>(await dgesco.PostJsonAsync($"{murl}/minutes/reviews", new MinutesReviewInput(s.Agreement.MinistryId, true, null, null)));
            await Http.OkAsync<MinutesDto>(await dgesip.PostJsonAsync($"{murl}/minutes/reviews", new MinutesReviewInput(s.Agreement.OtherMinistryId, true, null, null)));
            await Http.OkAsync<MinutesDto>(await secretariat.PostJsonAsync($"{murl}/minutes/submit-for-validation", new VersionInput(null)));

            var consultation = await Http.OkAsync<ConsultationDto>(await secretariat.PostJsonAsync($"{murl}/minutes/consultation", new DateInput(new DateOnly(2026, 3, 14), null)));
            Assert.Equal("Validation du compte rendu du comité de printemps du 12 mars 2026", consultation.Subject);
            var manual = await secretariat.PostJsonAsync($"{murl}/minutes/validation", new VoteInput(Ballots(s.Agreement.SeatIds, VoteChoice.For), null));
            Assert.Contains("par consultation écrite", await manual.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var item = consultation.Items[0].Id;
            using var opco = await factory.ApiAsync("membre.opco@copil.test");
            using var men = await factory.ApiAsync("membre.menjs@copil.test");
            await Http.OkAsync<ConsultationDto>(await opco.PostJsonAsync($"/api/v1/agreements/{s.Id}/consultations/{consultation.Id}/items/{item}/vote", new SeatVoteInput(s.Agreement.SeatIds[0], VoteChoice.For)));
            await Http.OkAsync<ConsultationDto>(await men.PostJsonAsync($"/api/v1/agreements/{s.Id}/consultations/{consultation.Id}/items/{item}/vote", new SeatVoteInput(s.Agreement.SeatIds[2], VoteChoice.For)));

            factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero));
            await factory.WithScopeAsync(sp => sp.GetRequiredService<Copil.Web.Features.Committee.ConsultationClosing>().CloseDueAsync());

            var minutes = await (await secretariat.GetAsync($"{murl}/minutes")).ReadAsync<MinutesDto>();
            Assert.Equal(MinutesStatus.Validated, minutes.Status);
            Assert.Equal(new DateOnly(2026, 3, 15), minutes.ValidatedOn);
            Assert.StartsWith("Adopté : 2 voix pour, 0 voix contre", minutes.Validation!.Explanation, StringComparison.Ordinal);
            Assert.Equal(Minutes.Hash(minutes.Versions[^1].Text), minutes.ContentHash);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task A_past_meeting_is_recorded_afterwards_with_its_real_dates_and_nobody_is_notified()
    {
        // The sheet was submitted and reviewed in January, before Copil was used for the committee.
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 1, 20, 9, 0, 0, TimeSpan.Zero));
        var s = await ActionScenario.CreateAsync(factory);
        var sheetId = await s.ReadySheetAsync(factory, "Forum des métiers");
        factory.Clock.SetUtcNow(CopilFactory.Now);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var reader = await factory.ApiAsync(Scenario.Reader);
        using var stranger = await factory.ApiAsync(Scenario.Stranger);
        var url = $"/api/v1/agreements/{s.Id}/meetings";
        // Held on 10 February 2026, a month before the secretariat used Copil (today: 10 March 2026).
        var meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync(url, new MeetingInput(MeetingKind.Spring, 2026, new DateOnly(2026, 2, 10), "14 h", "OPCO, Paris", null, null, null, null)));
        var murl = $"{url}/{meeting.Id}";
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items", new AgendaItemInput(AgendaItemKind.ActionSheet, null, sheetId, true, null)));
        // E-mails queued and notifications of the agreement: a past event adds neither.
        Task<(int, int)> SentAsync() => factory.WithDbAsync(async db =>
            (await db.Set<OutboxMessage>().CountAsync(m => m.AgreementId == s.Id), await db.Set<Notification>().CountAsync(n => n.AgreementId == s.Id)));
        var before = await SentAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"{murl}/record-as-past", new VersionInput(meeting.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync($"{murl}/record-as-past", new VersionInput(meeting.Version))).StatusCode);
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/record-as-past", new VersionInput(meeting.Version)));
        Assert.True(meeting.EnteredAfterwards);
        // Completing its agenda afterwards announces nothing either: nobody was convened.
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items", new AgendaItemInput(AgendaItemKind.Other, "Questions diverses", null, false, meeting.Version)));
        var seats = s.Agreement.SeatIds;
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PutJsonAsync($"{murl}/attendance", new AttendanceInput([.. seats.Select(id => new SeatPresence(id, Presence.Present))], [], meeting.Version)));
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items/{meeting.Items[0].Id}/vote", new ItemVoteInput(Ballots(seats, VoteChoice.For, VoteChoice.For, VoteChoice.For, VoteChoice.Against), meeting.Version)));
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/close", new VersionInput(meeting.Version)));

        Assert.Equal(MeetingStatus.Held, meeting.Status);
        var sheet = await Http.OkAsync<ActionSheetDto>(await reader.GetAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheetId}"));
        Assert.Equal(ActionStatus.CommitteeValidated, sheet.Status);
        Assert.Equal(new DateOnly(2026, 2, 10), Assert.Single(sheet.CommitteeDecisions).DecidedOn);
        Assert.Equal(before, await SentAsync());
        var calendar = await Http.OkAsync<List<CalendarCheck>>(await reader.GetAsync($"{url}/calendar/2026"));
        Assert.Equal("Tenu le 10 février 2026, dans le délai.", calendar[0].Explanation);
        using var pages = await factory.SignedInAsync(Scenario.Reader);
        Assert.Contains("saisie a posteriori", (await pages.GetPageAsync($"/conventions/{s.Id}/comite/{meeting.Id}")).QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);

        // Its minutes, validated outside Copil: entered with their real dates and the signed copy; frozen, nobody told.
        var past = new PastMinutesInput(null, new DateOnly(2026, 2, 12), new DateOnly(2026, 2, 17), new DateOnly(2026, 2, 24));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"{murl}/minutes/history", past with { Text = "Texte" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync($"{murl}/minutes/history", past with { Text = "Texte" })).StatusCode);
        var early = await secretariat.PostJsonAsync($"{murl}/minutes/history", past with { Text = "Texte", ValidatedOn = new DateOnly(2026, 2, 15) });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("Cette date précède la relecture.", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostJsonAsync($"{murl}/minutes/history", past)).StatusCode); // neither text nor signed copy
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.GetAsync($"{murl}/minutes")).StatusCode);
        using var steering = await factory.SignedInAsync(Scenario.Secretariat);
        var meetingPage = $"/conventions/{s.Id}/comite/{meeting.Id}";
        var token = (await steering.GetPageAsync(meetingPage)).QuerySelector("form[action*='handler=PastMinutes'] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using (var form = new MultipartFormDataContent
               {
                   { new StringContent(token), "__RequestVerificationToken" },
                   { new StringContent("2026-02-12"), "PastMinutes.SentOn" },
                   { new StringContent("2026-02-17"), "PastMinutes.ReviewedOn" },
                   { new StringContent("2026-02-24"), "PastMinutes.ValidatedOn" },
                   { new ByteArrayContent("%PDF-1.4\n% compte rendu signé\n"u8.ToArray()), "file", "compte-rendu-signe.pdf" },
               })
        {
            Assert.Equal(HttpStatusCode.Redirect, (await steering.PostAsync($"{meetingPage}?handler=PastMinutes", form)).StatusCode);
        }

        var minutes = await Http.OkAsync<MinutesDto>(await reader.GetAsync($"{murl}/minutes"));
        Assert.Equal((MinutesStatus.Validated, true, new DateOnly(2026, 2, 24), new DateOnly(2026, 2, 12)), (minutes.Status, minutes.EnteredAfterwards, minutes.ValidatedOn, minutes.SentForReviewOn));
        Assert.All(minutes.Reviews, r => Assert.Equal((true, new DateOnly(2026, 2, 17)), (r.Approved, r.On)));
        Assert.Equal(Minutes.Hash(minutes.Versions[0].Text), minutes.ContentHash);
        var signed = await pages.GetAsync($"{meetingPage}?handler=Document&documentId={minutes.SignedDocumentId}");
        Assert.Equal("application/pdf", signed.Content.Headers.ContentType!.MediaType);
        Assert.Contains("saisi a posteriori", (await pages.GetPageAsync($"{meetingPage}/compte-rendu")).QuerySelector(".lead")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostJsonAsync($"{murl}/minutes/history", past with { Text = "Encore" })).StatusCode);
        // Validated: its votes are frozen.
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostJsonAsync($"{murl}/items/{meeting.Items[0].Id}/vote/corrections", new VoteCorrectionInput(Ballots(seats, VoteChoice.Against), "Erreur", null))).StatusCode);
        Assert.Equal(before, await SentAsync());

        // The same day twice, or a day still to come: refused in French, nothing recorded.
        var sameDay = await secretariat.PostJsonAsync(url, new MeetingInput(MeetingKind.Exceptional, 2026, new DateOnly(2026, 2, 10), null, "Paris", null, null, "Conciliation", null));
        Assert.Equal(HttpStatusCode.BadRequest, sameDay.StatusCode);
        Assert.Contains("a déjà une réunion le 10 février 2026", await sameDay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var future = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync(url, new MeetingInput(MeetingKind.Exceptional, 2026, new DateOnly(2026, 4, 2), null, "Paris", null, null, "Conciliation", null)));
        future = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{url}/{future.Id}/items", new AgendaItemInput(AgendaItemKind.Other, "Conciliation", null, false, null)));
        var notPast = await secretariat.PostJsonAsync($"{url}/{future.Id}/record-as-past", new VersionInput(future.Version));
        Assert.Equal(HttpStatusCode.BadRequest, notPast.StatusCode);
        Assert.Contains("meeting.history.future", await notPast.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_sheets_go_on_the_agenda_at_once_and_a_vote_is_saved_with_its_notes_or_by_unanimity_of_those_present()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        var first = await s.ReadySheetAsync(factory, "Forum des métiers");
        var second = await s.ReadySheetAsync(factory, "Salon virtuel");
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var reader = await factory.ApiAsync(Scenario.Reader);
        using var stranger = await factory.ApiAsync(Scenario.Stranger);
        var url = $"/api/v1/agreements/{s.Id}/meetings";
        var meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync(url, new MeetingInput(MeetingKind.Spring, 2026, MeetingDay, "14 h", "OPCO, Paris", null, null, null, null)));
        var murl = $"{url}/{meeting.Id}";

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"{murl}/items/sheets", new SheetItemsInput([first], meeting.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync($"{murl}/items/sheets", new SheetItemsInput([first], meeting.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostJsonAsync($"{murl}/items/sheets", new SheetItemsInput([], meeting.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostJsonAsync($"{murl}/items/sheets", new SheetItemsInput([Guid.NewGuid()], meeting.Version))).StatusCode);
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items/sheets", new SheetItemsInput([first], meeting.Version)));
        // The first is already on it: only the second is added.
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items/sheets", new SheetItemsInput([first, second], meeting.Version)));
        Assert.Equal([first, second], meeting.Items.Select(i => i.ActionSheetId!.Value));
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/convene", new VersionInput(meeting.Version)));

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 13, 0, 0, TimeSpan.Zero));
        try
        {
            var seats = s.Agreement.SeatIds;
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PutJsonAsync($"{murl}/attendance",
                new AttendanceInput([.. seats.Select((id, i) => new SeatPresence(id, i == 1 ? Presence.Absent : Presence.Present))], [], meeting.Version)));
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items/{meeting.Items[0].Id}/vote",
                new ItemVoteInput(null, meeting.Version, "Présenté par le porteur.", UnanimousOfPresent: true)));
            Assert.Equal((TallyOutcome.Adopted, 3, "Présenté par le porteur."), (meeting.Votes[0].Outcome, meeting.Votes[0].Ballots.Count, meeting.Items[0].MinutesText));
            Assert.All(meeting.Votes[0].Ballots, b => Assert.Equal(VoteChoice.For, b.Choice));

            // Through the page: the notes typed in the vote form are kept with the vote.
            using var pages = await factory.SignedInAsync(Scenario.Secretariat);
            var page = $"/conventions/{s.Id}/comite/{meeting.Id}";
            var fields = new Dictionary<string, string> { ["Version"] = meeting.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Notes"] = "Rejeté faute de cofinancement.", ["confirmed"] = "true" };
            foreach (var seat in seats.Where((_, i) => i != 1))
            {
                fields[$"Ballots[{seat}]"] = "Against";
            }

            Assert.Equal(HttpStatusCode.Redirect, (await pages.SubmitFormAsync(page, fields, $"Vote&itemId={meeting.Items[1].Id}")).StatusCode);
            meeting = await Http.OkAsync<MeetingDto>(await secretariat.GetAsync(murl));
            Assert.Equal((TallyOutcome.Rejected, "Rejeté faute de cofinancement."), (meeting.Votes[1].Outcome, meeting.Items[1].MinutesText));
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task The_seed_agreement_shows_its_2021_committees_recorded_afterwards_and_its_calendar_kept()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var reader = await factory.ApiAsync(Scenario.Reader);

        var meetings = await Http.OkAsync<List<MeetingDto>>(await reader.GetAsync($"/api/v1/agreements/{seed}/meetings"));
        var calendar = await Http.OkAsync<List<CalendarCheck>>(await reader.GetAsync($"/api/v1/agreements/{seed}/meetings/calendar/2021"));

        Assert.Equal([new DateOnly(2021, 12, 7), new DateOnly(2021, 3, 2)], meetings.Where(m => m.Year == 2021).Select(m => m.MeetsOn));
        Assert.All(meetings.Where(m => m.Year == 2021), m => Assert.True(m.EnteredAfterwards && m.Status == MeetingStatus.Held));
        Assert.Equal([true, true, true], calendar.Select(c => c.Kept));
        // The spring minutes, validated on 18 March 2021, entered afterwards.
        var spring = meetings.Single(m => m.MeetsOn == new DateOnly(2021, 3, 2));
        var minutes = await Http.OkAsync<MinutesDto>(await reader.GetAsync($"/api/v1/agreements/{seed}/meetings/{spring.Id}/minutes"));
        Assert.Equal((MinutesStatus.Validated, true, new DateOnly(2021, 3, 18)), (minutes.Status, minutes.EnteredAfterwards, minutes.ValidatedOn));
    }

    [Fact]
    public async Task The_edit_form_of_a_meeting_shows_its_own_kind_and_board_date()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/meetings",
            new MeetingInput(MeetingKind.YearEnd, 2026, new DateOnly(2026, 11, 5), null, "Paris", null, new DateOnly(2026, 11, 20), null, null)));
        using var pages = await factory.SignedInAsync(Scenario.Secretariat);

        var page = await pages.GetPageAsync($"/conventions/{s.Id}/comite/{meeting.Id}");

        Assert.Equal(Meeting.KindLabel(MeetingKind.YearEnd), page.QuerySelector("select[name='Input.Kind'] option[selected]")!.TextContent);
        Assert.Equal("2026-11-20", page.QuerySelector("input[name='Input.BoardMeetingOn']")!.GetAttribute("value"));

        // The form sent back as shown, with only the place changed: everything else is kept.
        var form = page.QuerySelector("form[action*='handler=Edit']")!;
        var fields = form.QuerySelectorAll("input[name], textarea[name], select[name]")
            .Where(e => e.GetAttribute("name") != "__RequestVerificationToken")
            .ToDictionary(
                e => e.GetAttribute("name")!,
                e => e.LocalName switch
                {
                    "select" => e.QuerySelector("option[selected]")?.GetAttribute("value") ?? "",
                    "textarea" => e.TextContent,
                    _ => e.GetAttribute("value") ?? "",
                });
        fields["Input.Place"] = "Rectorat de Lyon";
        var saved = await pages.SubmitFormAsync($"/conventions/{s.Id}/comite/{meeting.Id}", fields, "Edit");

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var after = await Http.OkAsync<MeetingDto>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/meetings/{meeting.Id}"));
        Assert.Equal((MeetingKind.YearEnd, 2026, new DateOnly(2026, 11, 5), (DateOnly?)new DateOnly(2026, 11, 20), "Rectorat de Lyon"),
            (after.Kind, after.Year, after.MeetsOn, after.BoardMeetingOn, after.Place));
    }

    [Fact]
    public async Task Bad_requests_are_refused_in_french_and_change_nothing()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var url = $"/api/v1/agreements/{s.Id}/meetings";

        var noPlace = await secretariat.PostJsonAsync(url, new MeetingInput(MeetingKind.Exceptional, 2026, MeetingDay, null, null, null, null, null, null));
        Assert.Equal(HttpStatusCode.BadRequest, noPlace.StatusCode);
        var body = await noPlace.Content.ReadAsStringAsync();
        Assert.Contains("meeting.place", body, StringComparison.Ordinal);
        Assert.Contains("meeting.reason", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.PostJsonAsync(url, new MeetingInput(MeetingKind.Spring, 2026, MeetingDay, null, "Paris", null, null, null, null))).StatusCode);

        var meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync(url, new MeetingInput(MeetingKind.Spring, 2026, MeetingDay, null, "Paris", null, null, null, null)));
        var sheet = await (await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content()))).ReadAsync<ActionSheetDto>();
        var notReady = await secretariat.PostJsonAsync($"{url}/{meeting.Id}/items", new AgendaItemInput(AgendaItemKind.ActionSheet, null, sheet.Id, true, null));
        Assert.Equal(HttpStatusCode.BadRequest, notReady.StatusCode);
        Assert.Contains("seule une fiche dont les avis des ministères sont rendus passe devant le comité", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var empty = await secretariat.PostJsonAsync($"{url}/{meeting.Id}/convene", new VersionInput(meeting.Version));
        Assert.Contains("Inscrivez au moins un point", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stale = await secretariat.PostJsonAsync($"{url}/{meeting.Id}/items", new AgendaItemInput(AgendaItemKind.Other, "Divers", null, false, meeting.Version - 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("La réunion a été modifiée par quelqu'un d'autre", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var early = await secretariat.PostAsync($"{url}/{meeting.Id}/minutes", null);
        Assert.Contains("une fois la réunion déclarée tenue", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var reader = await factory.ApiAsync(Scenario.Reader);
        var unchanged = await (await reader.GetAsync($"{url}/{meeting.Id}")).ReadAsync<MeetingDto>();
        Assert.Equal((meeting.Version, 0, MeetingStatus.Planned), (unchanged.Version, unchanged.Items.Count, unchanged.Status));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string url, string title, string content)
    {
        var page = await client.GetPageAsync(url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new StringContent(title), "DocumentTitle" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "file", "document.pdf" },
        };
        return await client.PostAsync($"{url}?handler=Upload", form);
    }

    [Fact]
    public async Task The_committee_pages_show_the_calendar_and_the_echeancier_shows_the_meeting_dates()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);

        var planned = await secretariat.SubmitFormAsync($"/conventions/{s.Id}/comite", new Dictionary<string, string>
        {
            ["Input.Kind"] = "Spring",
            ["Input.Year"] = "2026",
            ["Input.MeetsOn"] = "2026-06-18",
            ["Input.Place"] = "OPCO, Paris",
        });
        Assert.True(planned.StatusCode == HttpStatusCode.Redirect, (await Http.ParseAsync(planned)).QuerySelector(".error-summary, [role=alert]")?.TextContent);
        var meetingUrl = planned.Headers.Location!.OriginalString;
        var page = await secretariat.GetPageAsync(meetingUrl);
        Assert.Contains("avant le 15 juin 2026, cette date exclue", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("jeudi 11 juin 2026", page.QuerySelector(".facts")!.TextContent, StringComparison.Ordinal);

        var added = await secretariat.SubmitFormAsync(meetingUrl, new Dictionary<string, string> { ["Item.Kind"] = "Priorities", ["Item.Title"] = "Priorités 2027", ["Item.NeedsVote"] = "true", ["Version"] = "1" }, "AddItem");
        Assert.True(added.StatusCode == HttpStatusCode.Redirect, (await Http.ParseAsync(added)).QuerySelector(".error-summary, [role=alert], main")?.TextContent.Substring(150, 900));
        var convened = await secretariat.SubmitFormAsync(meetingUrl, new Dictionary<string, string> { ["Version"] = "2" }, "Convene");
        Assert.Equal(HttpStatusCode.Redirect, convened.StatusCode);

        // A working document, versioned: posted on 10 March, well before the deadline of 11 June.
        foreach (var content in new[] { "%PDF-1.4 première version", "%PDF-1.4 seconde version" })
        {
            var upload = await UploadAsync(secretariat, meetingUrl, "Bilan 2025", content);
            Assert.Equal(HttpStatusCode.Redirect, upload.StatusCode);
        }

        var documents = (await secretariat.GetPageAsync(meetingUrl)).QuerySelectorAll("#documents + table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Equal(2, documents.Count);
        Assert.All(documents, d => Assert.Contains("dans le délai", d, StringComparison.Ordinal));
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 12, 8, 0, 0, TimeSpan.Zero));
        try
        {
            // Three months later the session has expired: sign in again.
            using var later = await factory.SignedInAsync(Scenario.Secretariat);
            Assert.Equal(HttpStatusCode.Redirect, (await UploadAsync(later, meetingUrl, "Note tardive", "%PDF-1.4 tard")).StatusCode);
            var late = (await later.GetPageAsync(meetingUrl)).QuerySelectorAll("#documents + table tbody tr").Single(r => r.TextContent.Contains("Note tardive", StringComparison.Ordinal));
            Assert.Contains("envoyé en retard", late.TextContent, StringComparison.Ordinal);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }

        var refused = await UploadAsync(secretariat, meetingUrl, "Programme", "MZ exécutable déguisé");
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.NotNull((await Http.ParseAsync(refused)).QuerySelector(".error-message"));

        var echeancier = await secretariat.GetPageAsync($"/conventions/{s.Id}/echeancier");
        var rows = echeancier.QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains("Documents de travail du comité de printemps du 18 juin 2026", StringComparison.Ordinal) && r.Contains("jeudi 11 juin 2026", StringComparison.Ordinal) && r.Contains("art. 14", StringComparison.Ordinal));
        var index = await secretariat.GetPageAsync($"/conventions/{s.Id}/comite");
        Assert.Contains("Comité de printemps 2026", index.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        // An invitee sees the meetings and their documents, and nothing else of the agreement.
        using var admin = await factory.ApiAsync(Scenario.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{s.Id}/memberships", new MembershipInput("invite@copil.test", Copil.Domain.Access.AgreementRole.Invitee, null, null, null))).StatusCode);
        using var invitee = await factory.SignedInAsync("invite@copil.test");
        var home = await invitee.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector($"a[href='/conventions/{s.Id}/comite']"));
        var seen = await invitee.GetPageAsync(meetingUrl);
        Assert.Contains("Bilan 2025", seen.QuerySelector("#documents + table")!.TextContent, StringComparison.Ordinal);
        var documentLink = seen.QuerySelector("#documents + table a")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await invitee.GetAsync(meetingUrl + documentLink.Replace("&amp;", "&", StringComparison.Ordinal))).StatusCode);
        Assert.Null((await invitee.GetPageAsync($"/conventions/{s.Id}/comite")).QuerySelector("#consulter"));
        foreach (var closed in new[] { $"/conventions/{s.Id}", $"/conventions/{s.Id}/fiches", $"/conventions/{s.Id}/echeancier" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await invitee.GetAsync(closed)).StatusCode);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCommitteeTests(SqliteFactory factory) : CommitteeTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCommitteeTests(PostgresFactory factory) : CommitteeTests(factory);
