using System.Net;
using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Api;
using Copil.Web.Data;

namespace Copil.Web.Tests.Support;

/// <summary>An agreement of its own for a test that changes things, so that tests never depend on each other.</summary>
public sealed record TestAgreement(Guid Id, Guid MinistryId, Guid OtherMinistryId, Guid OpcoId, IReadOnlyList<Guid> SeatIds, string Reference);

public static class Scenario
{
    public const string Secretariat = "secretariat@copil.test";
    public const string Admin = "admin@copil.test";
    public const string Reader = "lecteur@copil.test";
    public const string Stranger = "sans-acces@copil.test";

    /// <summary>Created by the administrator through the API, signed on 2 June 2025 for 36 months, with the demo secretariat.</summary>
    public static async Task<TestAgreement> NewAgreementAsync(this CopilFactory factory)
    {
        using var admin = await factory.ApiAsync(Admin);
        var reference = $"TEST-{Guid.NewGuid():N}"[..20].ToUpperInvariant();
        var created = await admin.PostJsonAsync("/api/v1/agreements", new AgreementInput(reference, "Convention d'essai", null, new DateOnly(2025, 6, 2), "Paris",
            36, "art. 17", RenewalPolicy.None, EndOfTermRule.DayBeforeAnniversary, "art. 13", null, null, null));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agreement = await created.ReadAsync<AgreementDto>();
        var id = agreement.Id;

        async Task<Guid> Party(PartyKind kind, string name, string shortName, string? directorate)
        {
            var response = await admin.PostJsonAsync($"/api/v1/agreements/{id}/parties", new PartyInput(kind, name, shortName, directorate, null, null));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            return (await response.ReadAsync<PartyDto>()).Id;
        }

        var men = await Party(PartyKind.StateMinistry, "Ministère de l'éducation nationale", "MEN", "DGESCO");
        var mesr = await Party(PartyKind.StateMinistry, "Ministère de l'enseignement supérieur", "MESR", "DGESIP");
        var opco = await Party(PartyKind.Opco, "OPCO d'essai", "OPCO", null);
        var seats = new List<Guid>();
        foreach (var (party, holder) in new[] { (opco, "OPCO 1"), (opco, "OPCO 2"), (men, "MEN"), (mesr, "MESR") })
        {
            var response = await admin.PostJsonAsync($"/api/v1/agreements/{id}/committee/seats", new SeatInput(party, holder, null, 1, holder == "OPCO 1", null));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            seats.Add((await response.ReadAsync<SeatDto>()).Id);
        }

        var membership = await admin.PostJsonAsync($"/api/v1/agreements/{id}/memberships", new MembershipInput(Secretariat, AgreementRole.Secretariat, null, null, null));
        Assert.Equal(HttpStatusCode.Created, membership.StatusCode);
        var reader = await admin.PostJsonAsync($"/api/v1/agreements/{id}/memberships", new MembershipInput(Reader, AgreementRole.Reader, null, null, null));
        Assert.Equal(HttpStatusCode.Created, reader.StatusCode);
        return new TestAgreement(id, men, mesr, opco, seats, reference);
    }

    public static Task<Guid> SeedAgreementIdAsync(this CopilFactory factory) =>
        factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Agreements.Where(a => a.Reference == DemoData.SeedReference).Select(a => a.Id)));

    public static Task<Guid> DemoAgreementIdAsync(this CopilFactory factory) =>
        factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Agreements.Where(a => a.Reference == DemoData.DemoReference).Select(a => a.Id)));
}

/// <summary>An agreement of its own with an axis, a carrier and a reviewer for each ministry, for action sheet tests.</summary>
public sealed record ActionScenario(TestAgreement Agreement, Guid AxisId)
{
    public const string Carrier = "porteur@copil.test";
    public const string CarrierOrganisation = "Campus d'essai";
    public const string Dgesco = "relecture.dgesco@copil.test";
    public const string Dgesip = "relecture.dgesip@copil.test";
    public const string Board = "ca@copil.test";

    public Guid Id => Agreement.Id;

    public static async Task<ActionScenario> CreateAsync(CopilFactory factory)
    {
        var agreement = await factory.NewAgreementAsync();
        using var admin = await factory.ApiAsync(Scenario.Admin);
        var axis = await (await admin.PostJsonAsync($"/api/v1/agreements/{agreement.Id}/axes", new AxisInput("Information et promotion des métiers", "art. 3", null))).ReadAsync<AxisDto>();
        foreach (var membership in new[]
                 {
                     new MembershipInput(Carrier, AgreementRole.ActionCarrier, null, null, CarrierOrganisation),
                     new MembershipInput(Dgesco, AgreementRole.ReviewingDirectorate, null, agreement.MinistryId, null),
                     new MembershipInput(Dgesip, AgreementRole.ReviewingDirectorate, null, agreement.OtherMinistryId, null),
                     new MembershipInput(Board, AgreementRole.BoardRecorder, null, null, null),
                 })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/agreements/{agreement.Id}/memberships", membership)).StatusCode);
        }

        return new ActionScenario(agreement, axis.Id);
    }

    /// <summary>A sheet drafted and submitted by the carrier, with both ministries' favourable opinions: ready for the committee.</summary>
    public async Task<Guid> ReadySheetAsync(CopilFactory factory, string title)
    {
        using var carrier = await factory.ApiAsync(Carrier);
        using var dgesco = await factory.ApiAsync(Dgesco);
        using var dgesip = await factory.ApiAsync(Dgesip);
        var sheet = await Http.OkAsync<ActionSheetDto>(await carrier.PostJsonAsync($"/api/v1/agreements/{Id}/action-sheets", new ActionSheetInput(null, Content() with { Title = title })));
        var url = $"/api/v1/agreements/{Id}/action-sheets/{sheet.Id}";
        await Http.OkAsync<ActionSheetDto>(await carrier.PostJsonAsync($"{url}/submit", new VersionInput(null)));
        await Http.OkAsync<ActionSheetDto>(await dgesco.PostJsonAsync($"{url}/opinions", new OpinionInput(Agreement.MinistryId, Copil.Domain.Actions.OpinionVerdict.Favorable, null, null, null)));
        await Http.OkAsync<ActionSheetDto>(await dgesip.PostJsonAsync($"{url}/opinions", new OpinionInput(Agreement.OtherMinistryId, Copil.Domain.Actions.OpinionVerdict.Favorable, null, null, null)));
        return sheet.Id;
    }

    /// <summary>A sheet validated by the committee, approved by the board and started: its completion report is due.</summary>
    public async Task<Guid> StartedSheetAsync(CopilFactory factory, string title)
    {
        var id = await ReadySheetAsync(factory, title);
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var url = $"/api/v1/agreements/{Id}/action-sheets/{id}";
        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"{url}/committee-decisions", new CommitteeDecisionInput(Copil.Domain.Actions.CommitteeOutcome.Validated, new DateOnly(2026, 3, 10), "copil", null)));
        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"{url}/board-decisions", new BoardDecisionInput(Copil.Domain.Actions.BoardOutcome.Approved, new DateOnly(2026, 3, 10), "CA", null)));
        await Http.OkAsync<ActionSheetDto>(await secretariat.PostJsonAsync($"{url}/start", new DateInput(new DateOnly(2026, 3, 10), null)));
        return id;
    }

    /// <summary>Sets a delay for the ministries' opinions (the seed sets none), so that awaited opinions have a due date.</summary>
    public async Task SetOpinionDelayAsync(CopilFactory factory, int days)
    {
        using var secretariat = await factory.ApiAsync(Scenario.Secretariat);
        var current = await Http.OkAsync<AgreementDto>(await secretariat.GetAsync($"/api/v1/agreements/{Id}"));
        await Http.OkAsync<AgreementDto>(await secretariat.PutJsonAsync($"/api/v1/agreements/{Id}", new AgreementInput(current.Reference, current.Title, current.LegalBasis, current.SignedOn, current.SignedAt,
            current.TermMonths, current.TermArticle, current.RenewalPolicy, current.EndOfTermRule, current.CommitteeArticle, null, current.Terms with { OpinionDelayDays = days }, current.Version)));
    }

    /// <summary>A sheet drafted and submitted by the carrier, awaiting both ministries' opinions.</summary>
    public async Task<Guid> SubmittedSheetAsync(CopilFactory factory, string title)
    {
        using var carrier = await factory.ApiAsync(Carrier);
        var sheet = await Http.OkAsync<ActionSheetDto>(await carrier.PostJsonAsync($"/api/v1/agreements/{Id}/action-sheets", new ActionSheetInput(null, Content() with { Title = title })));
        await Http.OkAsync<ActionSheetDto>(await carrier.PostJsonAsync($"/api/v1/agreements/{Id}/action-sheets/{sheet.Id}/submit", new VersionInput(null)));
        return sheet.Id;
    }

    public Copil.Domain.Actions.ActionSheetContent Content() => new()
    {
        Title = "Forum des métiers de la mobilité",
        AxisId = AxisId,
        Level = Copil.Domain.Actions.ActionLevel.Regional,
        RegionCodes = ["28"],
        ContactName = "Claire Martin",
        ContactEmail = "claire.martin@exemple.fr",
        Partners = "DRAFPIC",
        Objectives = "Faire découvrir les métiers du transport.",
        Description = "Un forum de deux jours.",
        Publics = [new(Copil.Domain.Actions.TargetPublic.HighSchoolPupils, 800), new(Copil.Domain.Actions.TargetPublic.Apprentices, 200)],
        FairReach = "Lycées professionnels, CFA et IUT invités à parts égales.",
        Inclusion = "Lieu accessible, ateliers mixtes.",
        StartsOn = new DateOnly(2026, 5, 1),
        EndsOn = new DateOnly(2026, 6, 30),
        Indicators = [new("Visiteurs", "personnes", 1000, "billetterie")],
        Annex = new(
            [new(Copil.Domain.Actions.ExpenseCategory.ExternalServices, "Location de salle", 20_000_00, true), new(Copil.Domain.Actions.ExpenseCategory.StaffCosts, "Salaires", 5_000_00, false)],
            [new(Copil.Domain.Actions.FinancerKind.OpcoMissionFees, "OPCO", 21_000_00), new(Copil.Domain.Actions.FinancerKind.OwnResources, "Campus", 5_000_00)],
            500),
    };
}
