using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Copil.Web.Data;
using Copil.Web.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Support;

/// <summary>Signs in as a person through the login form, or as a script with a personal access token.</summary>
public static class Http
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<HttpClient> SignedInAsync(this CopilFactory factory, string email)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var response = await client.SubmitFormAsync("/connexion", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DemoData.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    public static async Task<HttpClient> ApiAsync(this CopilFactory factory, string email)
    {
        var secret = await factory.WithScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<CopilDbContext>();
            var userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            var (_, s) = await sp.GetRequiredService<PersonalAccessTokenService>().CreateAsync(userId, "tests", Copil.Web.Infrastructure.Clock.TodayInParis(sp.GetRequiredService<TimeProvider>()).AddYears(1));
            return s;
        });
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return client;
    }

    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        return await ParseAsync(response);
    }

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());

    /// <summary>Loads the page, takes the antiforgery token of its form (the first, or the one posting to handler), and posts the fields.</summary>
    public static async Task<HttpResponseMessage> SubmitFormAsync(this HttpClient client, string url, IDictionary<string, string> fields, string? handler = null, string? tokenFrom = null)
    {
        var page = await client.GetPageAsync(tokenFrom ?? url);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"No antiforgery token on {tokenFrom ?? url}.");
        var values = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = token };
        var target = handler is null ? url : $"{url}?handler={handler}";
        return await client.PostAsync(target, new FormUrlEncodedContent(values));
    }

    /// <summary>The body of a response that must have succeeded; otherwise the test fails with the status and the body.</summary>
    /// <summary>The number of database commands the request sent, from its Server-Timing header (<c>sql;dur=…;desc="n"</c>).</summary>
    public static int QueryCount(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}");
        var timing = Assert.Single(response.Headers.GetValues("Server-Timing"), v => v.StartsWith("sql;", StringComparison.Ordinal));
        return int.Parse(System.Text.RegularExpressions.Regex.Match(timing, "desc=\"(\\d+)\"").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.ReadAsync<T>();
    }

    /// <summary>The agreement's current version, to send with a PUT that edits it.</summary>
    public static async Task<int> AgreementVersionAsync(this HttpClient api, Guid agreementId) =>
        (await OkAsync<Copil.Web.Api.AgreementDto>(await api.GetAsync($"/api/v1/agreements/{agreementId}"))).Version;

    /// <summary>The meeting's current version, to send with a PUT that edits it.</summary>
    public static async Task<int> MeetingVersionAsync(this HttpClient api, string meetingUrl) =>
        (await OkAsync<Copil.Web.Api.MeetingDto>(await api.GetAsync(meetingUrl))).Version;

    public static async Task<T> ReadAsync<T>(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return JsonSerializer.Deserialize<T>(body, Json) ?? throw new InvalidOperationException(body);
    }

    public static Task<HttpResponseMessage> PostJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJsonAsync<T>(this HttpClient client, string url, T body) =>
        client.PutAsJsonAsync(url, body, Json);
}
