using System.Net;
using Copil.Domain.Actions;
using Copil.Domain.Agreements;
using Copil.Domain.Committee;
using Copil.Domain.Reporting;
using Copil.Domain.Voting;
using Copil.Web.Api;
using Copil.Web.Features.Committee;
using Copil.Web.Features.Notifications;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Committee;

/// <summary>
/// A committee decision on a sheet comes from a recorded decision, a meeting vote or a written consultation; all three
/// go through one use case, and a decision that cannot take effect is reported on each, never dropped.
/// </summary>
public abstract class CommitteeDecisionPathTests(CopilFactory factory)
{
    private static readonly DateOnly MeetingDay = new(2026, 3, 12);

    /// <summary>Puts the sheet on a convened meeting's agenda and on an open written consultation, both voting later.</summary>
    private async Task<(string MeetingUrl, MeetingDto Meeting, ConsultationDto Consultation)> BeforeTheCommitteeAsync(ActionScenario s, Guid sheetId)
    {
        using var admin = await factory.ApiAsync(Scenario.Admin);
        foreach (var (email, seat) in new[] { ("membre.opco@copil.test", s.Agreement.SeatIds[0]), ("membre.menjs@copil.test", s.Agreement.SeatIds[2]) })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{s.Id}/memberships", new MembershipInput(email, Copil.Domain.Access.AgreementRole.CommitteeMember, seat, null, null))).StatusCode);
        }

        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/meetings", new MeetingInput(MeetingKind.Spring, 2026, MeetingDay, null, "Paris", null, null, null, null)));
        var murl = $"/api/v1/agreements/{s.Id}/meetings/{meeting.Id}";
        await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items", new AgendaItemInput(AgendaItemKind.ActionSheet, null, sheetId, true, null)));
        meeting = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/convene", new VersionInput(null)));
        var consultation = await Http.OkAsync<ConsultationDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/consultations", new ConsultationInput("Fiche du printemps", new DateOnly(2026, 3, 14), [sheetId], null)));
        return (murl, meeting, consultation);
    }

    /// <summary>The meeting votes the sheet adopted (everyone present and for); returns the recorded vote.</summary>
    private async Task<ItemVote> MeetingAdoptsAsync(ActionScenario s, string murl, MeetingDto meeting)
    {
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 13, 0, 0, TimeSpan.Zero));
        await Http.OkAsync<MeetingDto>(await secretariat.PutJsonAsync($"{murl}/attendance", new AttendanceInput([.. s.Agreement.SeatIds.Select(id => new SeatPresence(id, Presence.Present))], [], await secretariat.MeetingVersionAsync(murl))));
        var voted = await Http.OkAsync<MeetingDto>(await secretariat.PostJsonAsync($"{murl}/items/{meeting.Items[0].Id}/vote",
            new ItemVoteInput([.. s.Agreement.SeatIds.Select(id => new BallotInput(id, VoteChoice.For))], null)));
        return Assert.Single(voted.Votes);
    }

    /// <summary>Two seats vote for the sheet in the consultation, which closes after its last day; returns its result.</summary>
    private async Task<ItemVote> ConsultationAdoptsAsync(ActionScenario s, ConsultationDto consultation)
    {
        var item = consultation.Items[0].Id;
        foreach (var (email, seat) in new[] { ("membre.opco@copil.test", s.Agreement.SeatIds[0]), ("membre.menjs@copil.test", s.Agreement.SeatIds[2]) })
        {
            using var member = await factory.ApiAsync(email);
            await Http.OkAsync<ConsultationDto>(await member.PostJsonAsync($"/api/v1/agreements/{s.Id}/consultations/{consultation.Id}/items/{item}/vote", new SeatVoteInput(seat, VoteChoice.For)));
        }

        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await factory.WithScopeAsync(sp => sp.GetRequiredService<ConsultationClosing>().CloseDueAsync()));
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var closed = await Http.OkAsync<ConsultationDto>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/consultations/{consultation.Id}"));
        var result = Assert.Single(closed.Results);
        Assert.Equal(TallyOutcome.Adopted, result.Outcome);
        return result;
    }

    private async Task<ActionStatus> StatusAsync(ActionScenario s, Guid sheetId)
    {
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        return (await Http.OkAsync<ActionSheetDto>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheetId}"))).Status;
    }

    private async Task<int> SecretariatToldAsync(ActionScenario s) =>
        await factory.WithDbAsync(db => (from n in db.Set<Notification>()
                                         join u in db.Users on n.UserId equals u.Id
                                         where n.AgreementId == s.Id && u.Email == Scenario.Secretariat && n.Title.StartsWith("Décision du comité sans effet")
                                         select n).CountAsync());

    [Fact]
    public async Task A_blocking_ceiling_refuses_the_validation_on_every_path_and_each_says_so()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        try
        {
            var s = await ActionScenario.CreateAsync(factory);
            using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
            var current = await Http.OkAsync<AgreementDto>(await secretariat.GetAsync($"/api/v1/agreements/{s.Id}"));
            await Http.OkAsync<AgreementDto>(await secretariat.PutJsonAsync($"/api/v1/agreements/{s.Id}", new AgreementInput(s.Agreement.Reference, "Convention d'essai", null, new DateOnly(2025, 6, 2), "Paris",
                36, "art. 17", RenewalPolicy.None, EndOfTermRule.DayBeforeAnniversary, "art. 13", null, current.Terms with { CeilingPolicy = CeilingPolicy.Block }, current.Version)));
            await Http.OkAsync<List<YearlyCeilingDto>>(await secretariat.PutJsonAsync($"/api/v1/agreements/{s.Id}/yearly-ceilings/2026", new YearlyCeilingInput(30_000_00, await secretariat.AgreementVersionAsync(s.Id))));
            var first = await s.ReadySheetAsync(factory, "Forum des métiers");
            var second = await s.ReadySheetAsync(factory, "Salon virtuel");
            var (murl, meeting, consultation) = await BeforeTheCommitteeAsync(s, second);
            var decision = new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil du 10 mars 2026", null);
            await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{first}/committee-decisions", decision));

            // Recorded: refused with its reason, nothing saved.
            var recorded = await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{second}/committee-decisions", decision);
            Assert.Equal(HttpStatusCode.BadRequest, recorded.StatusCode);
            Assert.Contains("ceiling.exceeded", await recorded.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            // Meeting vote: the vote stands, the decision it carries is kept as not applied, and the page says so.
            var vote = await MeetingAdoptsAsync(s, murl, meeting);
            Assert.Equal(TallyOutcome.Adopted, vote.Outcome);
            Assert.Contains("plafond", vote.DecisionNotApplied, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(ActionStatus.ReadyForCommittee, await StatusAsync(s, second));
            using var pages = await factory.SignedInAsync(Scenario.Secretariat);
            var page = await pages.GetPageAsync($"/conventions/{s.Id}/comite/{meeting.Id}");
            Assert.Contains("Décision sans effet sur la fiche", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

            // Consultation: the same, on its result.
            var result = await ConsultationAdoptsAsync(s, consultation);
            Assert.Contains("plafond", result.DecisionNotApplied, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(ActionStatus.ReadyForCommittee, await StatusAsync(s, second));
            using var later = await factory.SignedInAsync(Scenario.Secretariat);
            var consultationPage = await later.GetPageAsync(ConsultationCommands.ConsultationPath(s.Id, consultation.Id));
            Assert.Contains("Décision sans effet sur la fiche", consultationPage.QuerySelector("main")!.TextContent, StringComparison.Ordinal);

            Assert.Equal(2, await SecretariatToldAsync(s));
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task A_sheet_withdrawn_before_the_committee_decides_is_reported_on_every_path()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        try
        {
            var s = await ActionScenario.CreateAsync(factory);
            var sheet = await s.ReadySheetAsync(factory, "Forum des métiers");
            var (murl, meeting, consultation) = await BeforeTheCommitteeAsync(s, sheet);
            using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
            await Http.OkAsync<ActionSheetDto>(await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet}/withdraw", new ReasonInput("Le forum est reporté à l'an prochain.", null)));
            using var secretariat = await factory.ApiAsync(Scenario.Secretariat);

            var recorded = await secretariat.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets/{sheet}/committee-decisions",
                new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil du 10 mars 2026", null));
            Assert.Equal(HttpStatusCode.BadRequest, recorded.StatusCode);
            Assert.Contains("sheet.wrong-state", await recorded.Content.ReadAsStringAsync(), StringComparison.Ordinal);

            var vote = await MeetingAdoptsAsync(s, murl, meeting);
            Assert.Contains("retirée", vote.DecisionNotApplied, StringComparison.Ordinal);

            var result = await ConsultationAdoptsAsync(s, consultation);
            Assert.Contains("retirée", result.DecisionNotApplied, StringComparison.Ordinal);

            Assert.Equal(ActionStatus.Withdrawn, await StatusAsync(s, sheet));
            Assert.Equal(2, await SecretariatToldAsync(s));
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteCommitteeDecisionPathTests(SqliteFactory factory) : CommitteeDecisionPathTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresCommitteeDecisionPathTests(PostgresFactory factory) : CommitteeDecisionPathTests(factory);
