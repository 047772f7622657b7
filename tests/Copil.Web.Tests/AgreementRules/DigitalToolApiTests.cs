using System.Net;
using System.Text.Json;
using Copil.Domain.Access;
using Copil.Domain.DigitalTools;
using Copil.Web.Api;
using Copil.Web.Features.DigitalTools;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.AgreementRules;

/// <summary>Art. 12 through the API: a funded tool goes online only with both sheets complete and every ministry's agreement.</summary>
public abstract class DigitalToolApiTests(CopilFactory factory)
{
    public const string OtherCarrier = "membre.opco@copil.test";

    public static GdprSheet CompleteGdpr { get; } = new()
    {
        Controller = "OPCO Mobilités, direction des systèmes d'information",
        Purposes = "Inscription des élèves de 3e aux visites d'entreprise",
        LegalBasis = "Mission d'intérêt public (art. 6.1.e du RGPD)",
        DataSubjects = "Élèves de 3e, professeurs principaux",
        DataCategories = "Nom, prénom, établissement, classe",
        Recipients = "Entreprises d'accueil, établissements",
        Transfers = "Aucun transfert hors de l'Union européenne",
        Retention = "Un an après la visite",
        SecurityMeasures = "Hébergement en France, chiffrement, journalisation des accès",
        DpoContact = "dpo@opco-mobilites.example",
    };

    public static AlgorithmSheet NotApplicable { get; } = new() { MakesDecisions = false, NotApplicableReason = "L'outil ne prend ni ne prépare aucune décision individuelle." };

    private async Task<(ActionScenario Scenario, Guid SheetId, DigitalToolDto Tool)> DeclaredAsync()
    {
        var scenario = await ActionScenario.CreateAsync(factory);
        var sheetId = await scenario.SubmittedSheetAsync(factory, "Plateforme de visites d'entreprise");
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        var created = await carrier.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/digital-tools",
            new ToolDeclarationInput(sheetId, "Plateforme de visites", "Réservation des visites par les collèges", "https://visites.example.fr"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (scenario, sheetId, await created.ReadAsync<DigitalToolDto>());
    }

    private static async Task<IReadOnlyList<string>> ProblemMessagesAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. problem.RootElement.GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("message").GetString()!)];
    }

    [Fact]
    public async Task A_tool_goes_online_only_once_both_sheets_are_complete_and_both_ministries_approved_each_refusal_listing_what_is_missing()
    {
        var (scenario, _, tool) = await DeclaredAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var dgesip = await factory.ApiAsync(ActionScenario.Dgesip);
        var url = $"/api/v1/agreements/{scenario.Id}/digital-tools/{tool.Id}";
        var today = new DateOnly(2026, 3, 10);

        // Nothing filled: the refusal lists the sheets' entries and both ministries.
        var first = await carrier.PostJsonAsync($"{url}/online", new ToolOnlineInput(today, tool.Version));
        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        var missing = await ProblemMessagesAsync(first);
        Assert.Contains("Fiche RGPD : « Finalités » est à renseigner.", missing);
        Assert.Contains("Fiche RGPD : « Durées de conservation » est à renseigner.", missing);
        Assert.Contains(missing, m => m.StartsWith("Fiche de transparence : indiquez si l'outil utilise un algorithme", StringComparison.Ordinal));
        Assert.Contains("L'accord du MEN sur les fiches à jour manque (art. 12).", missing);
        Assert.Contains("L'accord du MESR sur les fiches à jour manque (art. 12).", missing);

        // A GDPR sheet saved without its purpose: kept as typed, flagged, and the ministries cannot approve it yet.
        tool = await Http.OkAsync<DigitalToolDto>(await carrier.PutJsonAsync($"{url}/gdpr-sheet", new GdprSheetInput(CompleteGdpr with { Purposes = "" }, tool.Version)));
        Assert.False(tool.GdprComplete);
        Assert.Equal("Réservation des visites par les collèges", tool.Description);
        Assert.Contains(tool.Missing, m => m.Field == "gdpr.purposes");
        tool = await Http.OkAsync<DigitalToolDto>(await carrier.PutJsonAsync($"{url}/algorithm-sheet", new AlgorithmSheetInput(NotApplicable, tool.Version)));
        var tooEarly = await dgesco.PostJsonAsync($"{url}/answers", new ToolAnswerInput(scenario.Agreement.MinistryId, ToolVerdict.Approved, null, tool.Version));
        Assert.Equal(HttpStatusCode.BadRequest, tooEarly.StatusCode);
        Assert.Contains("ne sont pas complètes", (await ProblemMessagesAsync(tooEarly))[0]);

        tool = await Http.OkAsync<DigitalToolDto>(await carrier.PutJsonAsync($"{url}/gdpr-sheet", new GdprSheetInput(CompleteGdpr, tool.Version)));
        Assert.Equal(DigitalToolStatus.AwaitingApprovals, tool.Status);
        tool = await Http.OkAsync<DigitalToolDto>(await dgesco.PostJsonAsync($"{url}/answers", new ToolAnswerInput(scenario.Agreement.MinistryId, ToolVerdict.Approved, null, tool.Version)));

        // One ministry approved: the other is still missing, and only that.
        var second = await carrier.PostJsonAsync($"{url}/online", new ToolOnlineInput(today, tool.Version));
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal(["L'outil ne peut pas être mis en ligne : il lui manque ce qui suit (art. 12).", "L'accord du MESR sur les fiches à jour manque (art. 12)."], await ProblemMessagesAsync(second));
        Assert.Null((await Http.OkAsync<DigitalToolDto>(await carrier.GetAsync(url))).OnlineOn);

        tool = await Http.OkAsync<DigitalToolDto>(await dgesip.PostJsonAsync($"{url}/answers", new ToolAnswerInput(scenario.Agreement.OtherMinistryId, ToolVerdict.Approved, "Fiches claires.", tool.Version)));
        Assert.Equal(DigitalToolStatus.Approved, tool.Status);
        tool = await Http.OkAsync<DigitalToolDto>(await carrier.PostJsonAsync($"{url}/online", new ToolOnlineInput(today, tool.Version)));

        Assert.Equal(DigitalToolStatus.Online, tool.Status);
        Assert.Equal(today, tool.OnlineOn);
        Assert.False(tool.WentOnlineWithoutApproval);
        Assert.Empty(tool.Missing);
    }

    [Fact]
    public async Task A_changed_sheet_after_approval_is_asked_again_and_the_ministries_are_notified_when_sheets_are_complete()
    {
        var (scenario, _, tool) = await DeclaredAsync();
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        var url = $"/api/v1/agreements/{scenario.Id}/digital-tools/{tool.Id}";
        tool = await Http.OkAsync<DigitalToolDto>(await carrier.PutJsonAsync($"{url}/gdpr-sheet", new GdprSheetInput(CompleteGdpr, tool.Version)));
        tool = await Http.OkAsync<DigitalToolDto>(await carrier.PutJsonAsync($"{url}/algorithm-sheet", new AlgorithmSheetInput(NotApplicable, tool.Version)));
        tool = await Http.OkAsync<DigitalToolDto>(await dgesco.PostJsonAsync($"{url}/answers", new ToolAnswerInput(scenario.Agreement.MinistryId, ToolVerdict.Approved, null, tool.Version)));

        tool = await Http.OkAsync<DigitalToolDto>(await carrier.PutJsonAsync($"{url}/gdpr-sheet", new GdprSheetInput(CompleteGdpr with { Retention = "Trois ans" }, tool.Version)));

        var approval = Assert.Single(tool.Approvals);
        Assert.False(approval.OnCurrentSheets);
        Assert.Contains(tool.Missing, m => m.Message == "L'accord du MEN sur les fiches à jour manque (art. 12).");
        var notices = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(
            from n in db.Set<Copil.Web.Features.Notifications.Notification>()
            join u in db.Users on n.UserId equals u.Id
            where n.AgreementId == scenario.Id && u.Email == ActionScenario.Dgesco && n.Title.Contains("accord demandé")
            select n.Key));
        // Once per complete revision of the sheets: revision 3 (both complete), then 4 (changed).
        Assert.Equal(2, notices.Count);
    }

    [Fact]
    public async Task Each_ministry_answers_for_itself_only_the_carrier_of_the_action_acts_and_a_stranger_sees_nothing()
    {
        var (scenario, sheetId, tool) = await DeclaredAsync();
        using var admin = await factory.ApiAsync(Scenario.Admin);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{scenario.Id}/memberships",
            new MembershipInput(OtherCarrier, AgreementRole.ActionCarrier, null, null, "Autre organisme"))).StatusCode);
        using var dgesco = await factory.ApiAsync(ActionScenario.Dgesco);
        using var carrier = await factory.ApiAsync(ActionScenario.Carrier);
        using var other = await factory.ApiAsync(OtherCarrier);
        using var reader = await factory.ApiAsync(Scenario.Reader);
        using var stranger = await factory.ApiAsync(Scenario.Stranger);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var list = $"/api/v1/agreements/{scenario.Id}/digital-tools";
        var url = $"{list}/{tool.Id}";

        Assert.Equal(HttpStatusCode.Forbidden, (await dgesco.PostJsonAsync($"{url}/answers", new ToolAnswerInput(scenario.Agreement.OtherMinistryId, ToolVerdict.Approved, null, tool.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.PostJsonAsync($"{url}/answers", new ToolAnswerInput(scenario.Agreement.MinistryId, ToolVerdict.Approved, null, tool.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await reader.PostJsonAsync(list, new ToolDeclarationInput(sheetId, "X", null, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await dgesco.PutJsonAsync($"{url}/gdpr-sheet", new GdprSheetInput(CompleteGdpr, tool.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await carrier.PostJsonAsync($"{url}/found-online", new ToolOnlineInput(new DateOnly(2026, 3, 1), tool.Version))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(list)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync(url)).StatusCode);

        // Another carrier neither sees the tool nor declares one on a sheet it does not carry.
        Assert.Empty(await Http.OkAsync<List<DigitalToolDto>>(await other.GetAsync(list)));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.PutJsonAsync($"{url}/gdpr-sheet", new GdprSheetInput(CompleteGdpr, tool.Version))).StatusCode);
        var foreign = await other.PostJsonAsync(list, new ToolDeclarationInput(sheetId, "Copie", null, null));
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("actionSheetId", await foreign.Content.ReadAsStringAsync());
        Assert.Single(await Http.OkAsync<List<DigitalToolDto>>(await reader.GetAsync(list)));

        // A PUT says which version it changes; a stale one is a conflict; bad input names its field.
        Assert.Equal(HttpStatusCode.BadRequest, (await carrier.PutJsonAsync($"{url}/gdpr-sheet", new GdprSheetInput(CompleteGdpr, null))).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await carrier.PutJsonAsync($"{url}/gdpr-sheet", new GdprSheetInput(CompleteGdpr, tool.Version + 5))).StatusCode);
        var badAddress = await carrier.PutJsonAsync(url, new ToolDetailsInput("Plateforme", null, "javascript:alert(1)", tool.Version));
        Assert.Equal(HttpStatusCode.BadRequest, badAddress.StatusCode);
        Assert.Contains("\"address\"", await badAddress.Content.ReadAsStringAsync());

        // The secretariat records a tool found online without approval: non-compliant, the ministries told.
        var found = await Http.OkAsync<DigitalToolDto>(await secretariat.PostJsonAsync($"{url}/found-online", new ToolOnlineInput(new DateOnly(2026, 3, 1), tool.Version)));
        Assert.Equal(DigitalToolStatus.NonCompliant, found.Status);
        Assert.True(found.WentOnlineWithoutApproval);
        var told = await factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(
            from n in db.Set<Copil.Web.Features.Notifications.Notification>()
            join u in db.Users on n.UserId equals u.Id
            where n.AgreementId == scenario.Id && (u.Email == ActionScenario.Dgesco || u.Email == ActionScenario.Dgesip) && n.Title.Contains("non conforme")
            select n));
        Assert.Equal(2, told);
        using (var page = await factory.SignedInAsync(Scenario.Secretariat))
        {
            var report = await page.GetPageAsync($"/conventions/{scenario.Id}/bilans/2026");
            Assert.Contains("Non conformes, en ligne sans l'accord de chaque ministère : « Plateforme de visites ».", report.QuerySelector("#regles-propres")?.ParentElement?.TextContent ?? "", StringComparison.Ordinal);
        }

        var pdf = await carrier.GetAsync($"{url}/sheets?format=pdf");
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
        var docx = await reader.GetAsync($"{url}/sheets?format=docx");
        Assert.Equal(HttpStatusCode.OK, docx.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await reader.GetAsync($"{url}/sheets?format=odt")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class DigitalToolApiOnSqliteTests(SqliteFactory factory) : DigitalToolApiTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class DigitalToolApiOnPostgresTests(PostgresFactory factory) : DigitalToolApiTests(factory);
