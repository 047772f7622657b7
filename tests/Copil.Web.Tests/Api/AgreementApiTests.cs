using System.Net;
using System.Text.Json;
using Copil.Domain.Agreements;
using Copil.Web.Api;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.Api;

public abstract class AgreementApiTests(CopilFactory factory)
{
    [Fact]
    public async Task A_termination_whose_notice_runs_past_the_expiry_says_the_agreement_ends_by_expiry_with_no_effect_date()
    {
        var agreement = await factory.NewAgreementAsync();
        factory.Clock.SetUtcNow(new DateTimeOffset(2028, 4, 25, 9, 0, 0, TimeSpan.Zero));
        try
        {
            // A token lives a year at most: this one is created on the day the test moved to.
            using var api = await factory.ApiAsync(Scenario.Secretariat);
            // The agreement ends on 1 June 2028; two months from 20 April run to 20 June.
            var recorded = await api.PostJsonAsync($"/api/v1/agreements/{agreement.Id}/termination", new TerminationInput(agreement.OpcoId, new DateOnly(2028, 4, 20), null, null, null));

            var termination = await Http.OkAsync<TerminationDto>(recorded);
            Assert.False(termination.TakesEffect);
            Assert.Null(termination.EffectiveOn);
            Assert.Equal(new DateOnly(2028, 6, 1), termination.EndsOn);
            Assert.StartsWith("La convention prend fin par expiration le 1er juin 2028, avant la fin du préavis (le 20 juin 2028)", termination.Outcome, StringComparison.Ordinal);
            var after = await Http.OkAsync<AgreementDto>(await api.GetAsync($"/api/v1/agreements/{agreement.Id}"));
            Assert.Equal(AgreementStatus.InForce, after.Status);
            Assert.Equal(new DateOnly(2028, 6, 1), after.Dates.LastDayInForce!.Date);
        }
        finally
        {
            factory.Clock.SetUtcNow(CopilFactory.Now);
        }
    }

    [Fact]
    public async Task A_script_with_a_token_reads_the_agreement_lists_its_committee_and_records_a_termination()
    {
        var agreement = await factory.NewAgreementAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);

        var read = await (await api.GetAsync($"/api/v1/agreements/{agreement.Id}")).ReadAsync<AgreementDto>();
        var committee = await (await api.GetAsync($"/api/v1/agreements/{agreement.Id}/committee")).ReadAsync<CommitteeDto>();
        var recorded = await api.PostJsonAsync($"/api/v1/agreements/{agreement.Id}/termination",
            new TerminationInput(agreement.OpcoId, new DateOnly(2026, 3, 2), null, "Réorganisation", null));

        Assert.Equal(AgreementStatus.InForce, read.Status);
        Assert.Equal(new DateOnly(2028, 6, 1), read.Dates.LastDayInForce!.Date);
        Assert.StartsWith("art. 17 : ", read.Dates.LastDayInForce.Source, StringComparison.Ordinal);
        Assert.Equal(4, committee.Seats.Count);
        Assert.Equal(4, committee.TotalVoteWeight);
        Assert.Equal(HttpStatusCode.Created, recorded.StatusCode);
        var termination = await recorded.ReadAsync<TerminationDto>();
        Assert.Equal(new DateOnly(2026, 5, 2), termination.EffectiveOn);
        Assert.True(termination.TakesEffect);
        Assert.StartsWith("art. 18 : délai minimal de 2 mois à compter du 2 mars 2026", termination.EffectiveOnSource, StringComparison.Ordinal);
        var after = await (await api.GetAsync($"/api/v1/agreements/{agreement.Id}")).ReadAsync<AgreementDto>();
        Assert.Equal(AgreementStatus.UnderNotice, after.Status);
    }

    [Fact]
    public async Task An_earlier_effective_date_is_refused_with_a_french_problem_and_nothing_is_saved()
    {
        var agreement = await factory.NewAgreementAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);

        var response = await api.PostJsonAsync($"/api/v1/agreements/{agreement.Id}/termination",
            new TerminationInput(agreement.OpcoId, new DateOnly(2026, 3, 2), new DateOnly(2026, 4, 30), null, null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("La résiliation ne peut pas prendre effet avant le 2 mai 2026 : délai minimal de 2 mois à compter de la réception le 2 mars 2026 (art. 18).",
            problem.RootElement.GetProperty("errors").GetProperty("requestedEffectiveOn")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/agreements/{agreement.Id}/termination")).StatusCode);
    }

    [Fact]
    public async Task Malformed_json_gets_a_french_problem()
    {
        var agreement = await factory.NewAgreementAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);

        var response = await api.PostAsync($"/api/v1/agreements/{agreement.Id}/termination",
            new StringContent("""{"partyId":"x","receivedOn":"31/02/2026"}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("n'est pas valide", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_version_is_a_conflict_not_a_silent_overwrite()
    {
        var agreement = await factory.NewAgreementAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);
        var current = await (await api.GetAsync($"/api/v1/agreements/{agreement.Id}")).ReadAsync<AgreementDto>();
        AgreementInput Edit(string title, int version) => new(current.Reference, title, current.LegalBasis, current.SignedOn, current.SignedAt,
            current.TermMonths, current.TermArticle, current.RenewalPolicy, current.EndOfTermRule, current.CommitteeArticle, null, current.Terms, version);

        var first = await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}", Edit("Titre de la première personne", current.Version));
        var second = await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}", Edit("Titre de la seconde personne", current.Version));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        var final = await (await api.GetAsync($"/api/v1/agreements/{agreement.Id}")).ReadAsync<AgreementDto>();
        Assert.Equal("Titre de la première personne", final.Title);
    }

    [Fact]
    public async Task An_amendment_that_moves_the_end_date_of_an_ended_agreement_is_refused()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);

        var response = await api.PostJsonAsync($"/api/v1/agreements/{seed}/amendments",
            new AmendmentInput(new DateOnly(2024, 1, 10), "Prolongation", new DateOnly(2026, 11, 30), null, null, null, null, null, null, null, null));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("amendment.end-date.ended", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_amendment_is_kept_with_before_and_after()
    {
        var agreement = await factory.NewAgreementAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);

        var response = await api.PostJsonAsync($"/api/v1/agreements/{agreement.Id}/amendments",
            new AmendmentInput(new DateOnly(2026, 2, 2), "Prolongation et plafond", new DateOnly(2029, 6, 1), 500, 2026, 120_000_00, null, null, null,
                new Dictionary<Guid, int> { [agreement.SeatIds[0]] = 2 }, null));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var read = await (await api.GetAsync($"/api/v1/agreements/{agreement.Id}")).ReadAsync<AgreementDto>();
        var amendment = Assert.Single(read.Amendments);
        Assert.Equal(4, amendment.Changes.Count);
        Assert.Contains(amendment.Changes, c => c is { Subject: "Dernier jour en vigueur", Before: "1er juin 2028", After: "1er juin 2029" });
        Assert.Equal(new DateOnly(2029, 6, 1), read.Dates.LastDayInForce!.Date);
        Assert.Equal(500, read.Terms.ManagementFeeCapBasisPoints);
        Assert.Equal(5, read.Committee.TotalVoteWeight);
    }

    [Fact]
    public async Task A_put_without_the_version_it_edits_is_refused_and_changes_nothing()
    {
        var agreement = await factory.NewAgreementAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);
        var before = await api.AgreementVersionAsync(agreement.Id);

        var ceiling = await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}/yearly-ceilings/2026", new YearlyCeilingInput(250_000_00, null));
        var plan = await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}/annual-plans/2026", new AnnualPlanInput(null, "- mixité", null));
        var planAgain = await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}/annual-plans/2026", new AnnualPlanInput(null, "- autre chose", null));

        Assert.Equal(HttpStatusCode.BadRequest, ceiling.StatusCode);
        Assert.Contains("version.required", await ceiling.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await api.AgreementVersionAsync(agreement.Id));
        // A plan that does not exist yet is created without a version; once it exists, a PUT without one is a conflict.
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, planAgain.StatusCode);
    }

    [Fact]
    public async Task The_committee_settings_and_yearly_ceilings_are_set_through_the_api()
    {
        var agreement = await factory.NewAgreementAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);

        var casting = await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}/committee/casting-vote", new CastingVoteInput(agreement.SeatIds[0], await api.AgreementVersionAsync(agreement.Id)));
        var ceiling = await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}/yearly-ceilings/2026", new YearlyCeilingInput(250_000_00, await api.AgreementVersionAsync(agreement.Id)));
        var negative = await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}/yearly-ceilings/2027", new YearlyCeilingInput(-1, await api.AgreementVersionAsync(agreement.Id)));
        var unknownSeat = await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}/committee/casting-vote", new CastingVoteInput(Guid.NewGuid(), await api.AgreementVersionAsync(agreement.Id)));

        Assert.Equal(HttpStatusCode.OK, casting.StatusCode);
        Assert.Equal(agreement.SeatIds[0], (await casting.ReadAsync<CommitteeDto>()).MajorityRule.CastingVoteSeatId);
        Assert.Equal(HttpStatusCode.OK, ceiling.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, negative.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknownSeat.StatusCode);
        var read = await (await api.GetAsync($"/api/v1/agreements/{agreement.Id}")).ReadAsync<AgreementDto>();
        Assert.Equal([new YearlyCeilingDto(2026, 250_000_00)], read.YearlyCeilings);
    }

    [Fact]
    public async Task A_correction_without_terms_keeps_the_terms()
    {
        var agreement = await factory.NewAgreementAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);
        var current = await (await api.GetAsync($"/api/v1/agreements/{agreement.Id}")).ReadAsync<AgreementDto>();

        var response = await api.PutJsonAsync($"/api/v1/agreements/{agreement.Id}", new AgreementInput(current.Reference, "Nouveau titre", null, current.SignedOn, null,
            current.TermMonths, current.TermArticle, current.RenewalPolicy, current.EndOfTermRule, current.CommitteeArticle, 5000, null, current.Version));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await response.ReadAsync<AgreementDto>();
        Assert.Equal(current.Terms, read.Terms);
        Assert.Equal(5000, read.Committee.MajorityRule.QuorumBasisPoints);
    }

    [Fact]
    public async Task Without_a_token_the_api_answers_401_with_a_problem()
    {
        using var anonymous = factory.CreateClient();

        var response = await anonymous.GetAsync("/api/v1/agreements");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_revoked_token_no_longer_works()
    {
        using var api = await factory.ApiAsync(Scenario.Reader);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/api/v1/agreements")).StatusCode);

        await factory.WithDbAsync(async db =>
        {
            foreach (var token in db.PersonalAccessTokens.Where(t => t.RevokedAtUtc == null && db.Users.Any(u => u.Id == t.UserId && u.Email == Scenario.Reader)))
            {
                token.RevokedAtUtc = CopilFactory.Now.UtcDateTime;
            }

            return await db.SaveChangesAsync();
        });

        Assert.Equal(HttpStatusCode.Unauthorized, (await api.GetAsync("/api/v1/agreements")).StatusCode);
    }

    [Fact]
    public async Task A_stranger_lists_no_agreement_and_gets_404_on_one()
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var api = await factory.ApiAsync(Scenario.Stranger);

        var list = await (await api.GetAsync("/api/v1/agreements")).ReadAsync<List<AgreementSummaryDto>>();

        Assert.Empty(list);
        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync($"/api/v1/agreements/{seed}")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AgreementApiOnSqliteTests(SqliteFactory factory) : AgreementApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AgreementApiOnPostgresTests(PostgresFactory factory) : AgreementApiTests(factory);
