using System.Net;
using System.Text.Json;
using Copil.Domain.Access;
using Copil.Domain.Communication;
using Copil.Web.Api;
using Copil.Web.Features.Communication;
using Copil.Web.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.AgreementRules;

/// <summary>Art. 11 through the API: a ministry's written authorisation states its duration; a use outside it is a risk of caducité.</summary>
public abstract class LogoApiTests(CopilFactory factory)
{
    private static readonly DateOnly Today = new(2026, 3, 10);

    private async Task<(ActionScenario Scenario, Guid SheetId, LogoAuthorizationDto Request)> RequestedAsync()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        var sheetId = await scenario.SubmittedSheetAsync(factory, "Forum des métiers");
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var created = await carrier.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/logo-authorizations", new LogoRequestInput(scenario.Agreement.MinistryId,
            [new LogoMaterialInput("Affiche du forum", MaterialKind.Print, "Affiche A2 diffusée dans les collèges ; logo en pied de page.", [sheetId])],
            new DateOnly(2026, 4, 1), new DateOnly(2026, 9, 30)));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (scenario, sheetId, await created.ReadAsync<LogoAuthorizationDto>());
    }

    private Task<List<string>> NoticeTitlesAsync(Guid agreementId, string email) =>
        factory.WithDbAsync(db => (from n in db.Set<Copil.Web.Features.Notifications.Notification>()
                                   join u in db.Users on n.UserId equals u.Id
                                   where n.AgreementId == agreementId && u.Email == email
                                   select n.Title).ToListAsync());

    [Fact]
    public async Task The_ministry_grants_for_a_stated_period_and_a_use_is_covered_only_within_it()
    {
        var (scenario, sheetId, request) = await RequestedAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        var url = $"/api/v1/agreements/{scenario.Id}/logo-authorizations/{request.Id}";
        Assert.Equal(LogoAuthorizationStatus.Requested, request.Status);
        Assert.Equal(1, request.Number);
        Assert.Equal("Campus d'essai", request.RequestingOrganisation);
        Assert.Contains(await NoticeTitlesAsync(scenario.Id, ActionScenario.Dgesco), t => t.StartsWith("Demande d'autorisation d'usage du logo du", StringComparison.Ordinal));

        // Only the ministry whose logo it is decides; a grant states its end date.
        Assert.Equal(HttpStatusCode.Forbidden, (await dgesip.PostJsonAsync($"{url}/decision", new LogoDecisionInput(true, Today, new DateOnly(2026, 9, 9), null, null, request.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.PostJsonAsync($"{url}/decision", new LogoDecisionInput(true, Today, new DateOnly(2026, 9, 9), null, null, request.Version))).StatusCode);
        var noEnd = await dgesco.PostJsonAsync($"{url}/decision", new LogoDecisionInput(true, Today, null, null, null, request.Version));
        Assert.Equal(HttpStatusCode.BadRequest, noEnd.StatusCode);
        using (var problem = JsonDocument.Parse(await noEnd.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Indiquez la date de fin de l'autorisation : une autorisation précise sa durée (art. 11).", problem.RootElement.GetProperty("errors").GetProperty("validUntil")[0].GetString());
        }

        var backwards = await dgesco.PostJsonAsync($"{url}/decision", new LogoDecisionInput(true, new DateOnly(2026, 6, 1), new DateOnly(2026, 5, 1), null, null, request.Version));
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Equal(LogoAuthorizationStatus.Requested, (await Http.OkAsync<LogoAuthorizationDto>(await carrier.GetAsync(url))).Status);

        var granted = await Http.OkAsync<LogoAuthorizationDto>(await dgesco.PostJsonAsync($"{url}/decision",
            new LogoDecisionInput(true, Today, new DateOnly(2026, 9, 9), "Logo en pied de page, version officielle.", null, request.Version)));
        Assert.Equal(LogoAuthorizationStatus.Granted, granted.Status);
        Assert.Equal(LogoValidity.Valid, granted.ValidityToday);
        Assert.Contains(await NoticeTitlesAsync(scenario.Id, ActionScenario.Carrier), t => t.EndsWith($"autorisation n° 1 accordée", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, (await dgesco.PostJsonAsync($"{url}/decision", new LogoDecisionInput(false, null, null, null, "Trop tard", granted.Version))).StatusCode);

        var letter = await carrier.GetAsync($"{url}/letter?format=pdf");
        Assert.Equal("application/pdf", letter.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, (await carrier.GetAsync($"{url}/letter?format=docx")).StatusCode);

        // The ministry keeps its own signed letter with the authorisation; a carrier does not deposit it.
        MultipartFormDataContent Letter(int version) => new()
        {
            { new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray()) { Headers = { ContentType = new("application/pdf") } }, "file", "lettre signée.pdf" },
            { new StringContent(version.ToString(System.Globalization.CultureInfo.InvariantCulture)), "version" },
        };
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.PostAsync($"{url}/signed-letter", Letter(granted.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await dgesco.PostAsync($"{url}/signed-letter", Letter(granted.Version - 1))).StatusCode);
        granted = await Http.OkAsync<LogoAuthorizationDto>(await dgesco.PostAsync($"{url}/signed-letter", Letter(granted.Version)));
        Assert.EndsWith(".pdf", granted.SignedLetterFileName, StringComparison.Ordinal);
        Assert.StartsWith("%PDF", await (await carrier.GetAsync($"{url}/signed-letter")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var uses = $"/api/v1/agreements/{scenario.Id}/logo-uses";
        var within = await (await carrier.PostJsonAsync(uses, new LogoUseInput(scenario.Agreement.MinistryId, "Affiche du forum", sheetId, null, new DateOnly(2026, 4, 1), new DateOnly(2026, 6, 30)))).ReadAsync<LogoUseDto>();
        Assert.True(within.Covered);
        Assert.Equal(granted.Id, within.CoveredBy);
        Assert.DoesNotContain(await NoticeTitlesAsync(scenario.Id, Scenario.Secretariat), t => t.Contains("risque de caducité", StringComparison.Ordinal));

        // A use running past the end is recorded all the same, flagged, and the secretariat and the ministry are alerted.
        var pastEnd = await carrier.PostJsonAsync(uses, new LogoUseInput(scenario.Agreement.MinistryId, "Affiche du forum, réimpression", sheetId, granted.Id, new DateOnly(2026, 9, 1), new DateOnly(2026, 12, 31)));
        Assert.Equal(HttpStatusCode.Created, pastEnd.StatusCode);
        var flagged = await pastEnd.ReadAsync<LogoUseDto>();
        Assert.False(flagged.Covered);
        Assert.Equal("L'autorisation n° 1 a pris fin le 9 septembre 2026 : l'usage après cette date n'est pas couvert (art. 11).", flagged.Finding);
        Assert.Contains(await NoticeTitlesAsync(scenario.Id, Scenario.Secretariat), t => t.Contains("risque de caducité", StringComparison.Ordinal));
        Assert.Contains(await NoticeTitlesAsync(scenario.Id, ActionScenario.Dgesco), t => t.Contains("risque de caducité", StringComparison.Ordinal));
        Assert.DoesNotContain(await NoticeTitlesAsync(scenario.Id, ActionScenario.Dgesip), t => t.Contains("risque de caducité", StringComparison.Ordinal));

        // The end of the authorisation is a due date of the carrier, with its article.
        var due = await factory.WithScopeAsync(sp => sp.GetRequiredService<Copil.Web.Features.DueDates.Echeancier>().ForAgreementAsync(scenario.Id));
        var expiry = Assert.Single(due, d => d.Key == $"logo-expiry:{granted.Id}");
        Assert.Equal(new DateOnly(2026, 9, 9), expiry.DueOn);
        Assert.Equal(AgreementRole.ActionCarrier, expiry.Owner.Role);
        Assert.StartsWith("art. 11", expiry.Source, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_requests_are_refused_field_by_field_and_nothing_is_recorded()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var list = $"/api/v1/agreements/{scenario.Id}/logo-authorizations";

        var response = await carrier.PostJsonAsync(list, new LogoRequestInput(scenario.Agreement.OpcoId,
            [new LogoMaterialInput("", MaterialKind.Print, "", [Guid.NewGuid()])], new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 1)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var fields = problem.RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["actionSheetIds", "description", "ministryPartyId", "title", "wantedUntil"],
            [.. fields.Select(f => f.Split('.').Last()).Order(StringComparer.Ordinal)]);
        Assert.Empty(await Http.OkAsync<List<LogoAuthorizationDto>>(await carrier.GetAsync(list)));

        var noDate = await carrier.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/logo-uses", new LogoUseInput(scenario.Agreement.MinistryId, "Affiche", null, null, null, null));
        Assert.Equal(HttpStatusCode.BadRequest, noDate.StatusCode);
        Assert.Contains("\"from\"", await noDate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readers_see_the_register_carriers_see_their_own_strangers_see_nothing()
    {
        var (scenario, _, request) = await RequestedAsync();
        using var admin = await factory.ApiAsync(Scenario.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/memberships",
            new MembershipInput(DigitalToolApiTests.OtherCarrier, AgreementRole.ActionCarrier, null, null, "Autre organisme"))).StatusCode);
        using var reader = await factory.ApiAsync(Scenario.Reader);
        using var other = await factory.ApiAsync(DigitalToolApiTests.OtherCarrier);
        using var stranger = await factory.ApiAsync(Scenario.Stranger);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var list = $"/api/v1/agreements/{scenario.Id}/logo-authorizations";

        Assert.Single(await Http.OkAsync<List<LogoAuthorizationDto>>(await reader.GetAsync(list)));
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync(list, new LogoRequestInput(scenario.Agreement.MinistryId, [], null, null))).StatusCode);
        Assert.Empty(await Http.OkAsync<List<LogoAuthorizationDto>>(await other.GetAsync(list)));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{list}/{request.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"{list}/{request.Id}/letter")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(list)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync($"/api/v1/agreements/{scenario.Id}/logo-uses")).StatusCode);

        // Another carrier cannot withdraw someone else's request; the secretariat can.
        Assert.Equal(HttpStatusCode.Forbidden, (await other.PostJsonAsync($"{list}/{request.Id}/withdrawal", new VersionOnlyInput(request.Version))).StatusCode);
        var withdrawn = await Http.OkAsync<LogoAuthorizationDto>(await secretariat.PostJsonAsync($"{list}/{request.Id}/withdrawal", new VersionOnlyInput(request.Version)));
        Assert.Equal(LogoAuthorizationStatus.Withdrawn, withdrawn.Status);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class LogoApiOnSqliteTests(SqliteFactory factory) : LogoApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class LogoApiOnPostgresTests(PostgresFactory factory) : LogoApiTests(factory);
