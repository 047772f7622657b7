using System.Net;
using Copil.Domain.Access;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.Access;

[Collection(SqliteCollection.Name)]
public sealed class AccountsAndMembershipsTests(SqliteFactory factory)
{
    [Fact]
    public async Task An_administrator_creates_an_account_the_secretariat_gives_it_a_role_and_the_person_sees_the_agreement()
    {
        var agreement = await factory.NewAgreementAsync();
        using var admin = await factory.SignedInAsync(Scenario.Admin);
        var email = $"nouvelle.{Guid.NewGuid():N}@copil.test";

        var created = await Http.ParseAsync(await admin.SubmitFormAsync("/admin/comptes", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "Nouvelle Personne",
        }));
        var password = created.QuerySelector(".secret")!.TextContent.Trim();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        var granted = await secretariat.SubmitFormAsync($"/conventions/{agreement.Id}/habilitations", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Role"] = ((int)AgreementRole.CommitteeMember).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Input.SeatId"] = agreement.SeatIds[2].ToString(),
        }, handler: "Grant");
        using var person = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var login = await person.SubmitFormAsync("/connexion", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

        Assert.True(password.Length >= 12);
        Assert.Equal(HttpStatusCode.Redirect, granted.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await person.GetAsync($"/conventions/{agreement.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await person.GetAsync($"/conventions/{agreement.Id}/resiliation")).StatusCode);
    }

    [Fact]
    public async Task A_committee_member_needs_a_seat_and_the_message_says_so_next_to_the_field()
    {
        var agreement = await factory.NewAgreementAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);

        var response = await secretariat.SubmitFormAsync($"/conventions/{agreement.Id}/habilitations", new Dictionary<string, string>
        {
            ["Input.Email"] = Scenario.Stranger,
            ["Input.Role"] = ((int)AgreementRole.CommitteeMember).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }, handler: "Grant");

        var page = await Http.ParseAsync(response);
        Assert.Contains("occupe un siège de cette convention", page.QuerySelector("#Input_SeatId-error")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Only_an_administrator_manages_accounts()
    {
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);

        var response = await secretariat.GetAsync("/admin/comptes");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task A_weak_password_change_is_refused_in_french()
    {
        var email = $"mdp.{Guid.NewGuid():N}@copil.test";
        using var admin = await factory.SignedInAsync(Scenario.Admin);
        var created = await Http.ParseAsync(await admin.SubmitFormAsync("/admin/comptes", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.DisplayName"] = "Personne Essai" }));
        var password = created.QuerySelector(".secret")!.TextContent.Trim();
        using var person = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await person.SubmitFormAsync("/connexion", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });

        var response = await person.SubmitFormAsync("/compte", new Dictionary<string, string> { ["Password.Current"] = password, ["Password.New"] = "court" }, handler: "Password");

        var page = await Http.ParseAsync(response);
        Assert.Contains("Le mot de passe doit compter au moins 12 caractères.", page.QuerySelector("#Password_New-error")!.TextContent, StringComparison.Ordinal);
    }
}
