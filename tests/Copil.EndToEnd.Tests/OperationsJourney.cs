using System.Net;
using System.Net.Http.Headers;

namespace Copil.EndToEnd.Tests;

/// <summary>What only the real web server shows: its request-size limit, on pages and on the API.</summary>
[Collection(BrowserCollection.Name)]
public sealed class OperationsJourney(BrowserFixture browser)
{
    private static HttpRequestMessage Upload(string url, int megabytes)
    {
        var form = new MultipartFormDataContent { { new ByteArrayContent(new byte[megabytes * 1024 * 1024]), "File", "gros.pdf" } };
        // As browsers and curl do for large bodies: the server may refuse before the body is sent.
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
        request.Headers.ExpectContinue = true;
        return request;
    }

    /// <summary>The address of a sheet the demo carrier carries (in the demo agreement).</summary>
    private static async Task<string> CarriedSheetAsync(HttpClient http)
    {
        using var agreements = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/v1/agreements"));
        foreach (var agreement in agreements.RootElement.EnumerateArray())
        {
            var id = agreement.GetProperty("id").GetString();
            using var sheets = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync($"/api/v1/agreements/{id}/action-sheets"));
            var items = sheets.RootElement.ValueKind == System.Text.Json.JsonValueKind.Array ? sheets.RootElement : sheets.RootElement.EnumerateObject().First(p => p.Value.ValueKind == System.Text.Json.JsonValueKind.Array).Value;
            foreach (var sheet in items.EnumerateArray())
            {
                return $"/api/v1/agreements/{id}/action-sheets/{sheet.GetProperty("id").GetString()}";
            }
        }

        throw new InvalidOperationException("The demo carrier carries no sheet.");
    }

    [Fact]
    public async Task A_body_over_the_limit_answers_413_in_French_on_pages_and_on_the_api_multipart_included()
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };

        // A page's form of 50 MB: the French status page, with the site's headers.
        using var page = await http.SendAsync(Upload("/connexion", 50));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("Envoi trop volumineux", html, StringComparison.Ordinal);
        Assert.True(page.Headers.Contains("Content-Security-Policy"));

        // The API, signed in: multipart and JSON alike answer problem+json in French.
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await browser.TokenForAsync("porteur@copil.test"));
        var sheets = await CarriedSheetAsync(http);
        using var upload = await http.SendAsync(Upload($"{sheets}/attachments", 50));
        var json = new HttpRequestMessage(HttpMethod.Post, "/api/v1/agreements") { Content = new ByteArrayContent(new byte[12 * 1024 * 1024]) };
        json.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        json.Headers.ExpectContinue = true;
        using var large = await http.SendAsync(json);
        foreach (var response in new[] { upload, large })
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(text.Contains("La requête dépasse la taille autorisée", StringComparison.Ordinal), text);
        }
    }

    [Fact]
    public async Task Metrics_are_exported_for_prometheus_with_requests_and_the_outbox()
    {
        using var http = new HttpClient { BaseAddress = new Uri(browser.BaseUrl) };
        (await http.GetAsync("/connexion")).EnsureSuccessStatusCode();

        // The exporter collects on request; the first scrape may come before the first request is counted.
        var metrics = "";
        for (var i = 0; i < 20 && !metrics.Contains("http_server_request_duration", StringComparison.Ordinal); i++)
        {
            metrics = await http.GetStringAsync("/metrics");
        }

        Assert.Contains("copil_outbox_waiting", metrics, StringComparison.Ordinal);
        Assert.Contains("copil_outbox_oldest_age", metrics, StringComparison.Ordinal);
        Assert.Contains("http_server_request_duration", metrics, StringComparison.Ordinal);
    }
}
