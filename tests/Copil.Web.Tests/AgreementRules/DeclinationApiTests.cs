using System.Net;
using System.Text.Json;
using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Api;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.AgreementRules;

/// <summary>Art. 3 and 4 through the API: regional declinations within the national term, inheriting its terms, seen by the national secretariat, counted nationally under their territory.</summary>
public abstract class DeclinationApiTests(CopilFactory factory)
{
    private const string RegionalSecretariat = "membre.menjs@copil.test";

    private static DeclinationInput Normandy(string reference, DateOnly? signedOn = null, IReadOnlyList<string>? overridden = null, AgreementTerms? terms = null) =>
        new(reference, "Déclinaison en Normandie", "28", signedOn ?? new DateOnly(2026, 1, 5), "Caen", 12, terms, overridden);

    [Fact]
    public async Task A_declination_lies_within_the_national_term_and_follows_the_national_terms_it_does_not_override()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        using var admin = await factory.ApiAsync(Scenario.Admin);
        var url = $"/api/v1/agreements/{scenario.Id}/declinations";

        var outside = await admin.PostJsonAsync(url, Normandy($"{scenario.Agreement.Reference}-N0", new DateOnly(2025, 1, 1)));
        Assert.Equal(HttpStatusCode.BadRequest, outside.StatusCode);
        using (var problem = JsonDocument.Parse(await outside.Content.ReadAsStringAsync()))
        {
            Assert.StartsWith("La déclinaison régionale s'inscrit dans la durée de la convention nationale", problem.RootElement.GetProperty("errors").GetProperty("signedOn")[0].GetString(), StringComparison.Ordinal);
        }

        var national = await Http.OkAsync<AgreementDto>(await admin.GetAsync($"/api/v1/agreements/{scenario.Id}"));
        var inheriting = await (await admin.PostJsonAsync(url, Normandy($"{scenario.Agreement.Reference}-N1"))).ReadAsync<AgreementDto>();
        var overriding = await (await admin.PostJsonAsync(url, Normandy($"{scenario.Agreement.Reference}-N2", overridden: ["MinutesReviewDays"], terms: national.Terms with { MinutesReviewDays = 10 }))).ReadAsync<AgreementDto>();
        Assert.Equal(scenario.Id, inheriting.NationalAgreementId);
        Assert.Equal("28", inheriting.RegionCode);
        Assert.Equal(national.Terms, inheriting.Terms);
        Assert.Equal(10, overriding.Terms.MinutesReviewDays);
        Assert.Equal(national.Axes.Select(a => a.Title), inheriting.Axes.Select(a => a.Title));

        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        await Http.OkAsync<AgreementDto>(await secretariat.PutJsonAsync($"/api/v1/agreements/{scenario.Id}", new AgreementInput(national.Reference, national.Title, national.LegalBasis, national.SignedOn, national.SignedAt,
            national.TermMonths, national.TermArticle, national.RenewalPolicy, national.EndOfTermRule, national.CommitteeArticle, null, national.Terms with { MinutesReviewDays = 5, DocumentsLeadDays = 9 }, national.Version)));

        var after = await Http.OkAsync<List<AgreementDto>>(await secretariat.GetAsync(url));
        Assert.Equal([(5, 9), (10, 9)], after.OrderBy(d => d.Reference).Select(d => (d.Terms.MinutesReviewDays, d.Terms.DocumentsLeadDays)));
    }

    [Fact]
    public async Task The_national_secretariat_reads_every_declination_a_regional_secretariat_only_its_own()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        using var admin = await factory.ApiAsync(Scenario.Admin);
        var declination = await (await admin.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/declinations", Normandy($"{scenario.Agreement.Reference}-NO"))).ReadAsync<AgreementDto>();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{declination.Id}/memberships",
            new MembershipInput(RegionalSecretariat, AgreementRole.Secretariat, null, null, null))).StatusCode);
        using var national = await factory.ApiAsync(Scenario.Secretariat);
        using var regional = await factory.ApiAsync(RegionalSecretariat);
        using var stranger = await factory.ApiAsync(Scenario.Stranger);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);

        // The national secretariat sees the declination, as a reader: it does not edit it.
        Assert.Equal(HttpStatusCode.OK, (await national.GetAsync($"/api/v1/agreements/{declination.Id}")).StatusCode);
        Assert.Contains(await Http.OkAsync<List<AgreementDto>>(await national.GetAsync("/api/v1/agreements")), a => a.Id == declination.Id);
        Assert.Equal(HttpStatusCode.Forbidden, (await national.PostJsonAsync($"/api/v1/agreements/{declination.Id}/axes", new AxisInput("Axe", "art. 3", declination.Version))).StatusCode);

        // The regional secretariat holds its declination, not the national agreement nor its other declinations.
        Assert.Equal(HttpStatusCode.Created, (await regional.PostJsonAsync($"/api/v1/agreements/{declination.Id}/parties",
            new PartyInput(PartyKind.StateMinistry, "Région académique de Normandie", "Rectorat", "DRAFPIC", null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await regional.GetAsync($"/api/v1/agreements/{scenario.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await regional.GetAsync($"/api/v1/agreements/{scenario.Id}/declinations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/agreements/{declination.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await carrier.GetAsync($"/api/v1/agreements/{declination.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/declinations", Normandy("X"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/declinations", Normandy("X"))).StatusCode);

        // A declination is not declined again.
        var again = await regional.PostJsonAsync($"/api/v1/agreements/{declination.Id}/declinations", Normandy($"{scenario.Agreement.Reference}-NO2"));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task The_actions_of_a_declination_count_in_the_national_dashboard_under_its_territory()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        using var admin = await factory.ApiAsync(Scenario.Admin);
        var declination = await (await admin.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/declinations", Normandy($"{scenario.Agreement.Reference}-ND"))).ReadAsync<AgreementDto>();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{declination.Id}/memberships",
            new MembershipInput(ActionScenario.Carrier, AgreementRole.ActionCarrier, null, null, "Délégation de Normandie"))).StatusCode);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var dashboard = $"/api/v1/agreements/{scenario.Id}/dashboard/2026";
        var before = await Http.OkAsync<DashboardDto>(await secretariat.GetAsync(dashboard));

        // A national action in Île-de-France; one of the declination's own, for its whole région (no territory of its own).
        using (var national = await factory.ApiAsync(ActionScenario.Carrier))
        {
            var sheet = await Http.OkAsync<ActionSheetDto>(await national.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/action-sheets", new ActionSheetInput(null, scenario.Content() with { RegionCodes = ["11"] })));
            await Http.OkAsync<ActionSheetDto>(await national.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/action-sheets/{sheet.Id}/submit", new VersionInput(null)));
        }

        var regional = await Http.OkAsync<ActionSheetDto>(await carrier.PostJsonAsync($"/api/v1/agreements/{declination.Id}/action-sheets",
            new ActionSheetInput(null, scenario.Content() with { Title = "Rallye normand", AxisId = declination.Axes[0].Id, RegionCodes = [], Level = Copil.Domain.Actions.ActionLevel.National })));
        await Http.OkAsync<ActionSheetDto>(await carrier.PostJsonAsync($"/api/v1/agreements/{declination.Id}/action-sheets/{regional.Id}/submit", new VersionInput(null)));

        var all = await Http.OkAsync<DashboardDto>(await secretariat.GetAsync(dashboard));
        var normandy = await Http.OkAsync<DashboardDto>(await secretariat.GetAsync($"{dashboard}?region=28"));
        var ileDeFrance = await Http.OkAsync<DashboardDto>(await secretariat.GetAsync($"{dashboard}?region=11"));
        Assert.Equal(before.Actions + 2, all.Actions);
        Assert.Equal(1, normandy.Actions);
        Assert.Equal(1, ileDeFrance.Actions);
        // The declination's own dashboard counts only its own action.
        Assert.Equal(1, (await Http.OkAsync<DashboardDto>(await admin.GetAsync($"/api/v1/agreements/{declination.Id}/dashboard/2026"))).Actions);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DeclinationApiOnSqliteTests(SqliteFactory factory) : DeclinationApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class DeclinationApiOnPostgresTests(PostgresFactory factory) : DeclinationApiTests(factory);
