using System.Text.Json;
using Copil.Web.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Copil.Web.Tests.Api;

[Collection(SqliteCollection.Name)]
public sealed class OpenApiTests(SqliteFactory factory)
{
    [Fact]
    public void Every_api_endpoint_is_a_named_handler_whose_signature_states_its_answers()
    {
        var handlers = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Select(e => (Route: e.DisplayName, Method: e.Metadata.GetMetadata<System.Reflection.MethodInfo>()))
            .ToList();
        var untyped = handlers
            .Where(x => x.Method is null
                || x.Method.Name.Contains('<', StringComparison.Ordinal)
                || x.Method.ReturnType == typeof(Microsoft.AspNetCore.Http.IResult)
                || x.Method.ReturnType == typeof(Task<Microsoft.AspNetCore.Http.IResult>))
            .Select(x => $"{x.Route}: {x.Method?.Name ?? "(no handler)"} returns {x.Method?.ReturnType.Name}")
            .ToList();

        Assert.True(handlers.Count >= 80, $"{handlers.Count} endpoints");
        Assert.True(untyped.Count == 0, string.Join(Environment.NewLine, untyped));
    }

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
    public async Task Every_operation_declares_the_bearer_token_and_a_schema_for_each_answer_with_a_body()
    {
        using var client = factory.CreateClient();

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var scheme = document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        var missing = new List<string>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var name = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                if (!operation.Value.TryGetProperty("security", out var security) || !security.EnumerateArray().Any(r => r.TryGetProperty("Bearer", out _)))
                {
                    missing.Add($"{name}: no bearer security");
                }

                var responses = operation.Value.GetProperty("responses").EnumerateObject().ToList();
                if (!responses.Any(r => r.Name.StartsWith('2')))
                {
                    missing.Add($"{name}: no success response");
                }

                foreach (var response in responses.Where(r => r.Name != "204"))
                {
                    var hasSchema = response.Value.TryGetProperty("content", out var content)
                        && content.EnumerateObject().Any(c => c.Value.TryGetProperty("schema", out _));
                    if (!hasSchema)
                    {
                        missing.Add($"{name} {response.Name}: no schema");
                    }
                }
            }
        }

        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing));
    }

    [Fact]
    public async Task The_openapi_document_passes_an_independent_validator()
    {
        using var client = factory.CreateClient();
        var file = Path.Combine(Path.GetTempPath(), $"copil-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, await client.GetStringAsync("/openapi/v1.json"));
        var root = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(root, "Copil.slnx")))
        {
            root = Path.GetDirectoryName(root.TrimEnd(Path.DirectorySeparatorChar)) ?? throw new InvalidOperationException("repository root not found");
        }

        // @apidevtools/swagger-parser, installed by scripts/test.sh into tools/openapi.
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("node", [Path.Combine(root, "tools", "openapi", "validate.mjs"), file])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(file);

        Assert.True(process.ExitCode == 0, output);
        Assert.StartsWith("valid: API Copil", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_api_reference_page_is_served()
    {
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/api/reference");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }
}
