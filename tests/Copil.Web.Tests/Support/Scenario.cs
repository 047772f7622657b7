using System.Net;
using Copil.Domain.Access;
using Copil.Domain.Agreements;
using Copil.Web.Api;
using Copil.Web.Data;

namespace Copil.Web.Tests.Support;

/// <summary>An agreement of its own for a test that changes things, so that tests never depend on each other.</summary>
public sealed record TestAgreement(Guid Id, Guid MinistryId, Guid OtherMinistryId, Guid OpcoId, IReadOnlyList<Guid> SeatIds);

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
        return new TestAgreement(id, men, mesr, opco, seats);
    }

    public static Task<Guid> SeedAgreementIdAsync(this CopilFactory factory) =>
        factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Agreements.Where(a => a.Reference == DemoData.SeedReference).Select(a => a.Id)));

    public static Task<Guid> DemoAgreementIdAsync(this CopilFactory factory) =>
        factory.WithDbAsync(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Agreements.Where(a => a.Reference == DemoData.DemoReference).Select(a => a.Id)));
}
