using System.Text.Json;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Api;

[Collection(SqliteCollection.Name)]
public sealed class OpenApiTests(SqliteFactory factory)
{
    [Fact]
    public async Task The_openapi_document_lists_every_endpoint_of_the_api()
    {
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var documented = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name.TrimEnd('/')}"))
            .ToHashSet();
        var mapped = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m =>
                $"{m} {System.Text.RegularExpressions.Regex.Replace(e.RoutePattern.RawText!, @":[a-z]+\}", "}").TrimEnd('/')}"))
            .ToList();
        Assert.True(mapped.Count >= 20);
        Assert.All(mapped, route => Assert.Contains(route, documented));
        Assert.True(document.RootElement.GetProperty("paths").EnumerateObject().Count() >= 15);
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/reference");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
