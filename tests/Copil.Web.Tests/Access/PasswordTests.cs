using System.Net;
using Copil.Web.Data;
using Copil.Web.Identity;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Access;

/// <summary>Guessable passwords are refused with a French reason next to the field; a passphrase goes through.</summary>
public abstract class PasswordTests(CopilFactory factory)
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("Password1234!")]
    [InlineData("P@ssw0rd2026!")]
    [InlineData("azertyuiop12")]
    [InlineData("motdepasse2026")]
    [InlineData("Soleil2026!!!")]
    [InlineData("marseille1234")]
    [InlineData("123456789012")]
    [InlineData("aaaaaaaaaaaa")]
    [InlineData("qsdfghjklm12")]
    [InlineData("ilovecopil2026")]
    [InlineData("Demo-Copil-2026")]
    [InlineData("claire.martin26")]
    public void A_common_or_dressed_up_password_is_refused(string password) =>
        Assert.NotNull(GuessablePasswordValidator.Weakness(password, "claire.martin@exemple.fr", "Claire Martin"));

    [Theory]
    [InlineData("Une phrase de passe bien à moi, 2026")]
    [InlineData("correct horse battery staple")]
    [InlineData("Comite-Essai-2026")]
    [InlineData("gT7#kq2!Vz9&Lm")]
    public void A_passphrase_or_a_random_password_passes(string password) =>
        Assert.Null(GuessablePasswordValidator.Weakness(password, "claire.martin@exemple.fr", "Claire Martin"));

    [Fact]
    public async Task A_guessable_new_password_is_refused_next_to_its_field_and_the_old_one_still_works()
    {
        var email = $"p{Guid.NewGuid():N}"[..12] + "@copil.test";
        await factory.WithScopeAsync(sp => sp.GetRequiredService<UserManager<CopilUser>>()
            .CreateAsync(new CopilUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Agent" }, DemoData.Password));
        using var browser = await factory.SignedInAsync(email);

        var refused = await browser.SubmitFormAsync("/compte", new Dictionary<string, string>
        {
            ["Password.Current"] = DemoData.Password,
            ["Password.New"] = "password1234",
        }, handler: "Password");

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await Http.ParseAsync(refused);
        Assert.Contains("figure parmi les plus courants", page.QuerySelector("#Password_New-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("true", page.QuerySelector("#Password_New")!.GetAttribute("aria-invalid"));
        using var again = await factory.SignedInAsync(email);
        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/compte")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqlitePasswordTests(SqliteFactory factory) : PasswordTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresPasswordTests(PostgresFactory factory) : PasswordTests(factory);
