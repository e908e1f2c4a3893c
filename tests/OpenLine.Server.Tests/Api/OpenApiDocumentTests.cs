using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>The server publishes its own OpenAPI document and an interactive reference that works offline.</summary>
public sealed class OpenApiDocumentTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task The_document_covers_every_mapped_endpoint_with_a_documented_200_response()
    {
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());
        OpenLineClient.Response response = await anonymous.GetAsync("/openapi.json");
        JsonObject paths = response.Body!["paths"]!.AsObject();
        var mapped = fixture.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // WebSocket upgrades (/orders/ws, /v2/user, /price-stream) are not REST operations; they say so explicitly.
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => p is not "/openapi.json" and not "/health" && !p.StartsWith("/docs", StringComparison.Ordinal))
            .Distinct()
            .ToList();

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.StartsWith("3.", response.Body!["openapi"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotEmpty(mapped);
        foreach (string path in mapped)
        {
            Assert.True(paths.ContainsKey(path), $"{path} is mapped but missing from /openapi.json");
            foreach ((string method, JsonNode? operation) in paths[path]!.AsObject())
            {
                if (method is "parameters" or "summary" or "description")
                {
                    continue;
                }
                // JSON everywhere, except downloads that say what they stream (the settlement export: CSV or NDJSON).
                JsonObject? content = operation!["responses"]?["200"]?["content"]?.AsObject();
                Assert.True(content is not null && content.Count > 0 && content.All(c => c.Value?["schema"] is not null)
                    && (content.ContainsKey("application/json") || path == "/admin/export"),
                    $"{method.ToUpperInvariant()} {path} documents no 200 JSON schema");
                Assert.False(string.IsNullOrEmpty(operation["summary"]?.GetValue<string>()), $"{method.ToUpperInvariant()} {path} has no summary");
            }
        }
        Assert.NotNull(paths["/session/v3/place"]!["post"]!["requestBody"]);
        JsonObject export = paths["/admin/export"]!["get"]!["responses"]!["200"]!["content"]!.AsObject();
        Assert.True(export.ContainsKey("text/csv") && export.ContainsKey("application/x-ndjson"), export.ToJsonString());
    }

    [Fact]
    public async Task The_graded_history_operations_say_that_volume_counts_refunded_rows_too()
    {
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());
        JsonObject paths = (await anonymous.GetAsync("/openapi.json")).Body!["paths"]!.AsObject();

        foreach (string path in new[] { "/user/v2/getGraded", "/user/getGradedWagers" })
        {
            foreach (string method in new[] { "get", "post" })
            {
                string? description = paths[path]![method]!["description"]?.GetValue<string>();
                Assert.True(description is not null && description.Contains("`volume` includes refunded rows", StringComparison.Ordinal),
                    $"{method.ToUpperInvariant()} {path}: {description}");
            }
        }
    }

    [Fact]
    public async Task The_reference_page_at_docs_serves_its_script_from_this_server_not_a_cdn()
    {
        using HttpClient http = fixture.Server.CreateHttpClient();

        HttpResponseMessage page = await http.GetAsync("/docs/", TestContext.Current.CancellationToken);
        string html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        HttpResponseMessage script = await http.GetAsync("/docs/scalar.js", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("scalar.js", html, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
    }
}
