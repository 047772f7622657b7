using System.Net;
using System.Net.Http.Headers;
using Copil.Web.Api;
using Copil.Web.Tests.Support;

namespace Copil.Web.Tests.Reference;

[Collection(SqliteCollection.Name)]
public sealed class TradesCampusTests(SqliteFactory factory)
{
    private static MultipartFormDataContent Upload(string csv, string token)
    {
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return new MultipartFormDataContent { { file, "File", "campus.csv" }, { new StringContent(token), "__RequestVerificationToken" } };
    }

    [Fact]
    public async Task A_csv_file_imports_campuses_and_updates_those_already_known()
    {
        using var admin = await factory.SignedInAsync(Scenario.Admin);
        var name = $"Campus d'essai {Guid.NewGuid():N}"[..30];
        var token = (await admin.GetPageAsync("/referentiels")).QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var first = await admin.PostAsync("/referentiels?handler=Import", Upload($"nom;région;secteur;excellence\n{name};28;Transport et logistique;non\n\"{name} bis\";84;Aéronautique;oui\n", token));
        var second = await admin.PostAsync("/referentiels?handler=Import", Upload($"nom;région;secteur;excellence\n{name};28;Mobilités;oui\n", token));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        using var api = await factory.ApiAsync(Scenario.Reader);
        var campuses = await (await api.GetAsync("/api/v1/reference/trades-campuses")).ReadAsync<List<TradesCampusDto>>();
        var updated = Assert.Single(campuses, c => c.Name == name);
        Assert.Equal(("28", "Mobilités", true), (updated.RegionCode, updated.Sector, updated.IsExcellence));
        Assert.Contains(campuses, c => c.Name == $"{name} bis" && c.RegionCode == "84");
    }

    [Fact]
    public async Task A_csv_file_with_a_wrong_line_imports_nothing_and_names_each_wrong_line()
    {
        using var admin = await factory.SignedInAsync(Scenario.Admin);
        var name = $"Campus refusé {Guid.NewGuid():N}"[..30];
        var token = (await admin.GetPageAsync("/referentiels")).QuerySelector("form[enctype] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var response = await admin.PostAsync("/referentiels?handler=Import", Upload($"nom;région;secteur;excellence\n{name};28;Transport;non\nAutre;99;Transport;non\nTroisième;28;Transport;peut-être\n", token));

        var page = await Http.ParseAsync(response);
        var errors = page.QuerySelector("#File-error")!.TextContent;
        Assert.Contains("Ligne 3 : Choisissez une région académique de la liste.", errors, StringComparison.Ordinal);
        Assert.Contains("Ligne 4 : la colonne « excellence » vaut oui ou non.", errors, StringComparison.Ordinal);
        using var api = await factory.ApiAsync(Scenario.Reader);
        var campuses = await (await api.GetAsync("/api/v1/reference/trades-campuses")).ReadAsync<List<TradesCampusDto>>();
        Assert.DoesNotContain(campuses, c => c.Name == name);
    }

    [Fact]
    public async Task Editing_a_campus_with_a_stale_version_is_a_conflict()
    {
        using var api = await factory.ApiAsync(Scenario.Admin);
        var created = await (await api.PostJsonAsync("/api/v1/reference/trades-campuses", new TradesCampusInput("Campus à modifier", "53", "Maritime", false))).ReadAsync<TradesCampusDto>();

        var first = await api.PutJsonAsync($"/api/v1/reference/trades-campuses/{created.Id}", new TradesCampusUpdate("Campus modifié", "53", "Maritime", true, created.Version));
        var second = await api.PutJsonAsync($"/api/v1/reference/trades-campuses/{created.Id}", new TradesCampusUpdate("Campus modifié autrement", "53", "Maritime", false, created.Version));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
    }

    [Fact]
    public async Task The_reference_data_lists_18_academic_regions_and_the_academies_with_their_dates()
    {
        using var api = await factory.ApiAsync(Scenario.Reader);

        var regions = await (await api.GetAsync("/api/v1/reference/academic-regions")).ReadAsync<List<AcademicRegionDto>>();
        var academies = await (await api.GetAsync("/api/v1/reference/academies")).ReadAsync<List<AcademyDto>>();

        Assert.Equal(18, regions.Count);
        var today = new DateOnly(2026, 3, 10);
        Assert.Equal(30, academies.Count(a => a.ValidFrom <= today && (a.ValidTo is null || a.ValidTo >= today)));
        Assert.Contains(academies, a => a is { Code: "70", Name: "Normandie" } && a.ValidFrom == new DateOnly(2020, 1, 1));
        Assert.Contains(academies, a => a is { Code: "05", Name: "Caen" } && a.ValidTo == new DateOnly(2019, 12, 31));
    }
}
