using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.Access;

/// <summary>Pages carry French text as UTF-8, not as one entity per accented letter; markup characters stay encoded.</summary>
[Collection(SqliteCollection.Name)]
public sealed class EncodingTests(SqliteFactory factory)
{
    [Fact]
    public async Task Accented_letters_are_written_as_they_are()
    {
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);

        var html = await secretariat.GetStringAsync("/");

        Assert.Contains("Se déconnecter", html, StringComparison.Ordinal);
        Assert.Contains("À traiter", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#xE9;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("&#xC0;", html, StringComparison.Ordinal);
    }
}
