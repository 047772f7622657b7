using System.Globalization;
using System.Net;
using Copil.Domain.Actions;
using Copil.Web.Api;
using Copil.Web.Features.Notifications;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Copil.Web.Tests.ActionSheets;

/// <summary>Opinions (art. 14) reviewed before they are saved, entered with their real date, corrected with a reason until the committee decides; recorded committee decisions corrected until the sheet moves on.</summary>
public abstract class OpinionAndDecisionCorrectionTests(CopilFactory factory)
{
    [Fact]
    public async Task An_opinion_is_corrected_by_its_ministry_or_the_secretariat_with_a_reason_until_the_committee_decides()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        var sheet = await s.ReadySheetAsync(factory, "Forum à corriger");
        var url = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet}";
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var reader = await factory.ApiAsync(Scenario.Reader);
        using var stranger = await factory.ApiAsync(Scenario.Stranger);
        var reserved = new OpinionCorrectionInput(s.Agreement.MinistryId, OpinionVerdict.Reserved, "Associer les CIO.", null, "Avis saisi favorable par erreur.", null);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"{url}/opinions/corrections", reserved)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync($"{url}/opinions/corrections", reserved)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dgesip.PostJsonAsync($"{url}/opinions/corrections", reserved)).StatusCode); // not its ministry
        var noReason = await dgesco.PostJsonAsync($"{url}/opinions/corrections", reserved with { Reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Indiquez le motif de la correction", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var corrected = await Http.OkAsync<ActionSheetDto>(await dgesco.PostJsonAsync($"{url}/opinions/corrections", reserved));
        var opinion = corrected.Opinions.Single(o => o.PartyId == s.Agreement.MinistryId);
        Assert.Equal((OpinionVerdict.Reserved, "favorable"), (opinion.Verdict, Assert.Single(opinion.Corrections).Before));
        // The secretariat corrects it back; the carrier hears of each correction.
        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"{url}/opinions/corrections", reserved with { Verdict = OpinionVerdict.Favorable, Recommendations = null, Reason = "Le ministère confirme son avis favorable." }));
        var told = await factory.WithDbAsync(db => (from n in db.Set<Notification>()
                                                    join u in db.Users on n.UserId equals u.Id
                                                    where n.AgreementId == s.Id && u.Email == ActionScenario.Carrier && n.Title.StartsWith("Avis du ")
                                                    select n.Title).ToListAsync());
        Assert.Equal(2, told.Count(t => t.Contains("corrigé", StringComparison.Ordinal)));

        // Through the page: a reader may not correct; the secretariat does, and the correction shows next to the opinion.
        var page = $"/conventions/{s.Id}/fiches/{sheet}";
        var version = (await Http.OkAsync<ActionSheetDto>(await secretariat.GetAsync(url))).Version.ToString(CultureInfo.InvariantCulture);
        var fields = new Dictionary<string, string>
        {
            ["Step.Version"] = version,
            ["Step.PartyId"] = s.Agreement.OtherMinistryId.ToString(),
            ["Step.Verdict"] = ((int)OpinionVerdict.Unfavorable).ToString(CultureInfo.InvariantCulture),
            ["Step.Reason"] = "",
        };
        using (var readerPages = await factory.SignedInAsync(Scenario.Reader))
        {
            foreach (var handler in new[] { "CorrectOpinion", "CorrectDecision&decisionId=" + Guid.NewGuid(), "CorrectBoard" })
            {
                Assert.Equal(HttpStatusCode.Forbidden, (await readerPages.SubmitFormAsync(page, fields, handler, tokenFrom: page)).StatusCode);
            }
        }

        using var steering = await factory.SignedInAsync(Scenario.Secretariat);
        var refusedOnPage = await Http.ParseAsync(await steering.SubmitFormAsync(page, fields, "CorrectOpinion"));
        Assert.Contains("Indiquez le motif de la correction", refusedOnPage.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(refusedOnPage.QuerySelector("details.correction[open]"));
        fields["Step.Reason"] = "Le MESR a rendu un avis défavorable.";
        Assert.Equal(HttpStatusCode.Redirect, (await steering.SubmitFormAsync(page, fields, "CorrectOpinion")).StatusCode);
        var shown = await steering.GetPageAsync(page);
        Assert.Contains("motif : Le MESR a rendu un avis défavorable.", shown.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent == "Avis rendus").TextContent, StringComparison.Ordinal);

        // Decided by the committee: the opinions stand as given.
        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"{url}/committee-decisions", new CommitteeDecisionInput(CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "Copil du 10 mars 2026", null)));
        var late = await secretariat.PostJsonAsync($"{url}/opinions/corrections", reserved);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("le comité a statué au vu des avis", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_recorded_committee_decision_is_corrected_with_a_reason_until_the_board_decides()
    {
        factory.Clock.SetUtcNow(CopilFactory.Now);
        var s = await ActionScenario.CreateAsync(factory);
        var sheet = await s.ReadySheetAsync(factory, "Forum à redécider");
        var url = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet}";
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var reader = await factory.ApiAsync(Scenario.Reader);
        using var stranger = await factory.ApiAsync(Scenario.Stranger);
        using var board = await factory.ApiAsync(ActionScenario.Board);
        var decided = await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"{url}/committee-decisions", new CommitteeDecisionInput(CommitteeOutcome.Rejected, new DateOnly(2026, 3, 10), "Copil du 10 mars 2026, point 4", null)));
        var decision = Assert.Single(decided.CommitteeDecisions);
        var correction = $"{url}/committee-decisions/{decision.Id}/corrections";
        var validated = new DecisionCorrectionInput(CommitteeOutcome.Validated, "Le comité a validé la fiche ; la saisie était erronée.", null);

        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync(correction, validated)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync(correction, validated)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await secretariat.PostJsonAsync(correction, validated with { Reason = null })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await secretariat.PostJsonAsync($"{url}/committee-decisions/{Guid.NewGuid()}/corrections", validated)).StatusCode);

        var corrected = await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync(correction, validated));

        Assert.Equal(ActionStatus.CommitteeValidated, corrected.Status);
        var now = Assert.Single(corrected.CommitteeDecisions);
        Assert.Equal((CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "rejetée"), (now.Outcome, now.DecidedOn, Assert.Single(now.Corrections).Before));
        // Once the board decided, the committee's decision is no longer corrected: the sheet has moved on.
        await Http.OkAsync<ActionSheetDto>(await board.PostJsonAsync($"{url}/board-decisions", new BoardDecisionInput(BoardOutcome.Refused, new DateOnly(2026, 3, 10), "CA du 10 mars 2026", null)));
        // The board's decision, typed wrong, is corrected by whoever records it, with a reason.
        var approved = new BoardCorrectionInput(BoardOutcome.Approved, "Le conseil a approuvé l'action.", null);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync($"{url}/board-decisions/corrections", approved)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"{url}/board-decisions/corrections", approved)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await board.PostJsonAsync($"{url}/board-decisions/corrections", approved with { Reason = " " })).StatusCode);
        var boardCorrected = await Http.OkAsync<ActionSheetDto>(await board.PostJsonAsync($"{url}/board-decisions/corrections", approved));
        Assert.Equal((ActionStatus.BoardApproved, "refusée"), (boardCorrected.Status, Assert.Single(Assert.Single(boardCorrected.BoardDecisions).Corrections).Before));
        var late = await secretariat.PostJsonAsync($"{url}/committee-decisions/{now.Id}/corrections", validated with { Outcome = CommitteeOutcome.Rejected });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("a avancé depuis cette décision", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_past_opinion_keeps_its_real_date_tells_nobody_and_on_the_page_an_opinion_is_reviewed_before_it_is_saved()
    {
        factory.Clock.SetUtcNow(new DateTimeOffset(2026, 2, 2, 9, 0, 0, TimeSpan.Zero));
        var s = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var sheet = await Http.OkAsync<ActionSheetDto>(await carrier.PostJsonAsync($"/api/v1/agreements/{s.Id}/action-sheets", new ActionSheetInput(null, s.Content() with { Title = "Forum d'hier" })));
        var url = $"/api/v1/agreements/{s.Id}/action-sheets/{sheet.Id}";
        await Http.OkAsync<ActionSheetDto>(await carrier.PostJsonAsync($"{url}/submit", new VersionInput(null)));
        factory.Clock.SetUtcNow(CopilFactory.Now);
        try
        {
            using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
            Task<int> NoticesAsync() => factory.WithDbAsync(db => db.Set<Notification>().CountAsync(n => n.AgreementId == s.Id && n.Title.StartsWith("Avis ")));
            var before = await NoticesAsync();
            var future = await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Favorable, null, null, null, new DateOnly(2026, 4, 1)));
            Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);

            var given = await Http.OkAsync<ActionSheetDto>(await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(s.Agreement.MinistryId, OpinionVerdict.Favorable, null, null, null, new DateOnly(2026, 2, 10))));

            var opinion = Assert.Single(given.Opinions);
            Assert.Equal((new DateOnly(2026, 2, 10), (DateOnly?)new DateOnly(2026, 3, 10)), (opinion.GivenOn, opinion.RecordedOn));
            Assert.Equal(before, await NoticesAsync());

            // On the page, the other ministry's opinion is shown for review, then saved when confirmed.
            using var dgesip = await factory.SignedInAsync(ActionScenario.Dgesip);
            var page = $"/conventions/{s.Id}/fiches/{sheet.Id}";
            var fields = new Dictionary<string, string>
            {
                ["Step.Version"] = given.Version.ToString(CultureInfo.InvariantCulture),
                ["Step.PartyId"] = s.Agreement.OtherMinistryId.ToString(),
                ["Step.Verdict"] = ((int)OpinionVerdict.Reserved).ToString(CultureInfo.InvariantCulture),
                ["Step.Recommendations"] = "",
            };
            var refused = await Http.ParseAsync(await dgesip.SubmitFormAsync(page, fields, "Opinion"));
            Assert.Contains("Un avis réservé précise les recommandations", refused.QuerySelector(".error-summary")!.TextContent, StringComparison.Ordinal);
            fields["Step.Recommendations"] = "Associer les lycées agricoles.";
            var review = await Http.ParseAsync(await dgesip.SubmitFormAsync(page, fields, "Opinion"));
            Assert.Contains("Vérifiez l'avis", review.QuerySelector(".review")!.TextContent, StringComparison.Ordinal);
            Assert.Single((await Http.OkAsync<ActionSheetDto>(await dgesco.GetAsync(url))).Opinions);
            Assert.Equal(HttpStatusCode.Redirect, (await dgesip.SubmitFormAsync(page, new Dictionary<string, string>(fields) { ["confirmed"] = "true" }, "Opinion")).StatusCode);
            var saved = await Http.OkAsync<ActionSheetDto>(await dgesco.GetAsync(url));
            Assert.Equal((2, ActionStatus.ReadyForCommittee), (saved.Opinions.Count, saved.Status));
            using var secretariatPages = await factory.SignedInAsync(Scenario.Secretariat);
            var shown = await secretariatPages.GetPageAsync(page);
            var opinions = shown.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent == "Avis rendus");
            Assert.Contains("saisi a posteriori le 10 mars 2026", opinions.TextContent, StringComparison.Ordinal);
            Assert.Equal(2, shown.QuerySelectorAll("details.correction form[action*='handler=CorrectOpinion']").Length);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteOpinionAndDecisionCorrectionTests(SqliteFactory factory) : OpinionAndDecisionCorrectionTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresOpinionAndDecisionCorrectionTests(PostgresFactory factory) : OpinionAndDecisionCorrectionTests(factory);
