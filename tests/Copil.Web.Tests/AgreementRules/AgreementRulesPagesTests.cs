using System.Net;
using Copil.Domain.Access;
using Copil.Domain.Communication;
using Copil.Domain.Materials;
using Copil.Web.Api;
using Copil.Web.Features.Communication;
using Copil.Web.Features.DigitalTools;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.AgreementRules;

/// <summary>The pages of art. 3, 4, 10, 11 and 12: each opens for who may see it, is refused to others, and its forms refuse bad input in French without saving.</summary>
public abstract class AgreementRulesPagesTests(CopilFactory factory)
{
    private const string Invitee = "invite@copil.test";

    [Fact]
    public async Task Every_page_opens_for_a_member_is_a_404_for_a_stranger_and_refused_to_an_invitee()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        var sheetId = await scenario.SubmittedSheetAsync(factory, "Forum");
        using var admin = await factory.ApiAsync(Scenario.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/memberships", new MembershipInput(Invitee, AgreementRole.Invitee, null, null, null))).StatusCode);
        using var carrierApi = await factory.ApiAsync(ActionScenario.Carrier);
        var logo = await (await carrierApi.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/logo-authorizations", new LogoRequestInput(scenario.Agreement.MinistryId,
            [new LogoMaterialInput("Affiche", MaterialKind.Print, "Affiche A2.", [sheetId])], new DateOnly(2026, 4, 1), new DateOnly(2026, 9, 30)))).ReadAsync<LogoAuthorizationDto>();
        var tool = await (await carrierApi.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/digital-tools", new ToolDeclarationInput(sheetId, "Plateforme", null, null))).ReadAsync<DigitalToolDto>();
        var root = $"/conventions/{scenario.Id}";
        string[] viewPages = [$"{root}/logos", $"{root}/logos/{logo.Id}", $"{root}/outils", $"{root}/outils/{tool.Id}", $"{root}/materiels", $"{root}/contacts", $"{root}/declinaisons", $"{root}/fiches/{sheetId}"];
        string[] carryPages = [$"{root}/logos/demande", $"{root}/logos/usages/nouveau", $"{root}/outils/nouveau", $"{root}/outils/{tool.Id}/rgpd", $"{root}/outils/{tool.Id}/transparence"];

        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        using var carrier = await factory.SignedInAsync(ActionScenario.Carrier);
        using var reader = await factory.SignedInAsync(Scenario.Reader);
        using var stranger = await factory.SignedInAsync(Scenario.Stranger);
        using var invitee = await factory.SignedInAsync(Invitee);
        foreach (var page in viewPages.Concat(carryPages))
        {
            Assert.True(HttpStatusCode.OK == (await secretariat.GetAsync(page)).StatusCode, page);
            Assert.True(HttpStatusCode.OK == (await carrier.GetAsync(page)).StatusCode, page);
            Assert.True(HttpStatusCode.NotFound == (await stranger.GetAsync(page)).StatusCode, page);
            Assert.True(HttpStatusCode.Forbidden == (await invitee.GetAsync(page)).StatusCode, page);
        }

        foreach (var page in viewPages)
        {
            Assert.True(HttpStatusCode.OK == (await reader.GetAsync(page)).StatusCode, page);
        }

        foreach (var page in carryPages)
        {
            Assert.True(HttpStatusCode.Forbidden == (await reader.GetAsync(page)).StatusCode, page);
        }

        // The letter and the sheets as documents, from the pages.
        Assert.Equal("application/pdf", (await carrier.GetAsync($"{root}/logos/{logo.Id}?handler=Letter&format=pdf")).Content.Headers.ContentType?.MediaType);
        Assert.Equal("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (await reader.GetAsync($"{root}/outils/{tool.Id}?handler=Sheets&format=docx")).Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/vcard", (await carrier.GetAsync($"{root}/contacts?handler=Export&format=vcf")).Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Forms_refuse_bad_input_next_to_the_field_keep_what_was_typed_and_save_nothing()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        await scenario.SubmittedSheetAsync(factory, "Forum");
        using var carrier = await factory.SignedInAsync(ActionScenario.Carrier);
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        var root = $"/conventions/{scenario.Id}";

        var request = await Http.ParseAsync(await carrier.SubmitFormAsync($"{root}/logos/demande", new Dictionary<string, string>
        {
            ["Input.MinistryPartyId"] = scenario.Agreement.MinistryId.ToString(),
            ["Input.Title"] = "Affiche du forum",
            ["Input.Kind"] = "0",
            ["Input.Description"] = "Affiche A2",
            ["Input.WantedFrom"] = "2026-05-01",
            ["Input.WantedUntil"] = "2026-04-01",
        }));
        Assert.Contains("ne peut pas précéder sa date de début", request.QuerySelector("#Input_WantedUntil-error")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Equal("Affiche du forum", request.QuerySelector("#Input_Title")?.GetAttribute("value"));

        var contact = await Http.ParseAsync(await secretariat.SubmitFormAsync($"{root}/contacts", new Dictionary<string, string>
        {
            ["Input.Kind"] = "0",
            ["Input.PartyId"] = scenario.Agreement.OpcoId.ToString(),
            ["Input.Name"] = "Camille Durand",
            ["Input.Function"] = "Déléguée",
            ["Input.Service"] = "Délégation",
            ["Input.RegionCode"] = "",
        }));
        Assert.Contains("sans territoire", contact.QuerySelector("#Input_RegionCode-error")?.TextContent ?? "", StringComparison.Ordinal);

        var loan = await Http.ParseAsync(await secretariat.SubmitFormAsync($"{root}/materiels", new Dictionary<string, string>
        {
            ["Input.Kind"] = ((int)MaterialSupportKind.EquipmentLoan).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.Establishment"] = "Lycée Jean Rostand",
            ["Input.FromPartyId"] = scenario.Agreement.OpcoId.ToString(),
            ["Input.Description"] = "Simulateur",
            ["Input.Value"] = "15000",
            ["Input.StartsOn"] = "2026-03-01",
        }));
        Assert.Contains("Un prêt a une date de retour", loan.QuerySelector("#Input_ReturnDueOn-error")?.TextContent ?? "", StringComparison.Ordinal);

        using var api = await factory.ApiAsync(Scenario.Secretariat);
        Assert.Empty(await Http.OkAsync<List<LogoAuthorizationDto>>(await api.GetAsync($"/api/v1/agreements/{scenario.Id}/logo-authorizations")));
        Assert.Empty(await Http.OkAsync<List<ContactDto>>(await api.GetAsync($"/api/v1/agreements/{scenario.Id}/contacts")));
        Assert.Empty(await Http.OkAsync<List<MaterialSupportDto>>(await api.GetAsync($"/api/v1/agreements/{scenario.Id}/material-supports")));
    }

    [Fact]
    public async Task A_loan_is_recorded_followed_in_the_echeancier_and_returned()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var url = $"/api/v1/agreements/{scenario.Id}/material-supports";
        var input = new MaterialSupportInput(MaterialSupportKind.EquipmentLoan, "Simulateur de conduite", "Lycée Jean Rostand", "28", scenario.Agreement.OpcoId, 15_000_00, new DateOnly(2026, 3, 1), new DateOnly(2026, 6, 30), null);

        // A carrier records only for one of its actions.
        Assert.Equal(HttpStatusCode.BadRequest, (await carrier.PostJsonAsync(url, input)).StatusCode);
        var loan = await (await secretariat.PostJsonAsync(url, input)).ReadAsync<MaterialSupportDto>();
        var due = await factory.WithScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Copil.Web.Features.DueDates.Echeancier>(sp).ForAgreementAsync(scenario.Id));
        Assert.Contains(due, d => d.Key == $"material-return:{loan.Id}" && d.DueOn == new DateOnly(2026, 6, 30) && d.Source.StartsWith("art. 10", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Conflict, (await secretariat.PostJsonAsync($"{url}/{loan.Id}/return", new ReturnInput(new DateOnly(2026, 3, 9), loan.Version + 1))).StatusCode);
        var back = await Http.OkAsync<MaterialSupportDto>(await secretariat.PostJsonAsync($"{url}/{loan.Id}/return", new ReturnInput(new DateOnly(2026, 3, 9), loan.Version)));
        Assert.Equal(new DateOnly(2026, 3, 9), back.ReturnedOn);
        due = await factory.WithScopeAsync(sp => Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Copil.Web.Features.DueDates.Echeancier>(sp).ForAgreementAsync(scenario.Id));
        Assert.DoesNotContain(due, d => d.Key == $"material-return:{loan.Id}");
    }
}

[Collection(SqliteCollection.Name)]
public sealed class AgreementRulesPagesOnSqliteTests(SqliteFactory factory) : AgreementRulesPagesTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class AgreementRulesPagesOnPostgresTests(PostgresFactory factory) : AgreementRulesPagesTests(factory);
