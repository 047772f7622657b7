using System.Net;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.Agreements;

/// <summary>
/// Found by the security scan: a required date posted empty (the field present, its value blank) answered 500 on the
/// amendment form. Each form with a required date answers its French message next to the field, and records nothing.
/// </summary>
public abstract class EmptyRequiredDateTests(CopilFactory factory)
{
    [Theory]
    [InlineData("avenants/nouveau", "Input.SignedOn", "Indiquez la date de signature de l'avenant.")]
    [InlineData("resiliation", "Input.ReceivedOn", "Indiquez la date de réception de la notification.")]
    [InlineData("caducite", "Input.On", "Indiquez la date à compter de laquelle la convention est caduque.")]
    public async Task A_required_date_posted_empty_is_refused_next_to_its_field(string page, string field, string message)
    {
        var agreement = await factory.NewAgreementAsync();
        using var secretariat = await factory.SignedInAsync(Scenario.Secretariat);
        var url = $"/conventions/{agreement.Id}/{page}";
        var forms = (await secretariat.GetPageAsync(url)).QuerySelectorAll("main form[method=post]");
        var form = forms[^1];
        var fields = form.QuerySelectorAll("input[name], textarea[name], select[name]")
            .Where(e => e.GetAttribute("type") is not ("checkbox" or "radio"))
            .GroupBy(e => e.GetAttribute("name")!)
            .ToDictionary(g => g.Key, g => g.First().GetAttribute("value") ?? "");
        fields[field] = "";
        fields["Input.Summary"] = "Avenant saisi sans date";
        fields["Input.Reason"] = "Motif";

        var answer = await secretariat.PostAsync(form.GetAttribute("action") is { Length: > 0 } action ? action : url, new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var refused = await Http.ParseAsync(answer);
        Assert.Equal(message, refused.QuerySelector($"#{field.Replace('.', '_')}-error")?.TextContent.Replace("Erreur : ", "", StringComparison.Ordinal).Trim());
        using var api = await factory.ApiAsync(Scenario.Secretariat);
        var after = await Http.OkAsync<Copil.Web.Api.AgreementDto>(await api.GetAsync($"/api/v1/agreements/{agreement.Id}"));
        Assert.Empty(after.Amendments);
        Assert.Null(after.Termination);
        Assert.Null(after.VoidOn);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteEmptyRequiredDateTests(SqliteFactory factory) : EmptyRequiredDateTests(factory);

[Collection(PostgresCollection.Name)]
public sealed class PostgresEmptyRequiredDateTests(PostgresFactory factory) : EmptyRequiredDateTests(factory);
