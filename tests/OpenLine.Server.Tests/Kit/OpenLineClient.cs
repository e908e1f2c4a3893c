using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLine.Server.Tests.Kit;

/// <summary>A thin HTTP client for tests: sends JSON with a raw <c>Authorization</c> token and returns status and parsed body.</summary>
public sealed class OpenLineClient(HttpClient http, string? token = null)
{
    public HttpClient Http { get; } = http;
    public string? Token { get; } = token;

    public sealed record Response(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Message)
    {
        public JsonNode Data => Body?["data"] ?? throw new InvalidOperationException($"No data in {Status}: {Body?.ToJsonString()}");
        public string? Error => Body?["error"]?.GetValue<string>();
        public string Raw => Body?.ToJsonString() ?? "";
    }

    public Task<Response> PostAsync(string path, object? body = null) => SendAsync(HttpMethod.Post, path, body);

    public Task<Response> GetAsync(string path) => SendAsync(HttpMethod.Get, path, null);

    public Task<Response> PostRawAsync(string path, string rawBody) => SendAsync(HttpMethod.Post, path, rawBody);

    public async Task<Response> SendAsync(HttpMethod method, string path, object? body, Action<HttpRequestMessage>? configure = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (Token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", Token);
        }
        if (body is not null)
        {
            string json = body as string ?? JsonSerializer.Serialize(body);
            request.Content = new StringContent(json, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }
        configure?.Invoke(request);
        HttpResponseMessage response = await Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        JsonNode? node = text.Length == 0 ? null : JsonNode.Parse(text);
        return new Response(response.StatusCode, node, response);
    }

    public OpenLineClient WithToken(string token) => new(Http, token);
}
