using System.Net;
using System.Text;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.Api;

/// <summary>A body the API cannot read is answered 400 in French, naming the field and what it expects.</summary>
[Collection(SqliteCollection.Name)]
public sealed class BadInputTests(SqliteFactory factory)
{
    [Theory]
    [InlineData("""{"kind":"Printemps","year":2026}""", "kind", "une des valeurs Spring, YearEnd, Exceptional")]
    [InlineData("""{"kind":"Spring","year":565.1}""", "year", "un nombre entier est attendu")]
    [InlineData("""{"kind":"Spring","year":2026,"meetsOn":"2024-13-01"}""", "meetsOn", "une date au format AAAA-MM-JJ est attendue")]
    [InlineData("""{"kind":"Spring","year":2026,"meetsOn":"9999-12-31"}""", "meetsOn", "comprise entre le 1er janvier 1900 et le 31 décembre 2199")]
    [InlineData("""{"kind":"Spring","year":2026,"place":"Paris\u000b"}""", "place", "caractère invisible")]
    [InlineData("""{"kind":"Spring","kind":"YearEnd"}""", "kind", "")]
    public async Task A_value_the_api_cannot_read_is_named_with_what_it_expects(string body, string field, string expected)
    {
        var seed = await factory.SeedAgreementIdAsync();
        using var api = await factory.ApiAsync(Scenario.Secretariat);

        var response = await api.PostAsync($"/api/v1/agreements/{seed}/meetings", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"{field}\"", problem, StringComparison.Ordinal);
        Assert.True(problem.Contains(expected, StringComparison.Ordinal), problem);
    }
}
