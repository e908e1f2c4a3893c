using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>
/// JSON Schemas for live responses, built from 4casters' documents with the allow-list applied
/// (<see cref="SanctionedDeviations"/>) and normalised (<see cref="SchemaNormalizer"/>).
/// </summary>
internal static class ResponseSchemas
{
    private static readonly Lazy<JsonObject> s_patchedRest = new(() =>
    {
        JsonObject copy = OpenApiDocument.Rest.Root.DeepClone().AsObject();
        SanctionedDeviations.Apply(copy, SanctionedDeviations.All);
        return copy;
    });

    private static readonly Lazy<JsonObject> s_patchedCore = new(() =>
    {
        JsonObject copy = OpenApiDocument.Core.Root.DeepClone().AsObject();
        SanctionedDeviations.Apply(copy, SanctionedDeviations.Core);
        return copy;
    });

    private static readonly ConcurrentDictionary<string, Task<JsonSchema?>> s_cache = new(StringComparer.Ordinal);

    /// <summary>
    /// The schema of the <c>application/json</c> body that <paramref name="source"/> (default: the REST
    /// document) gives for <paramref name="method"/> <paramref name="path"/> answering
    /// <paramref name="status"/>; null when that response is documented without a body schema.
    /// </summary>
    public static Task<JsonSchema?> ForResponseAsync(string method, string path, string status, OpenApiDocument? source = null) =>
        s_cache.GetOrAdd($"{(source ?? OpenApiDocument.Rest).FileName} {method.ToUpperInvariant()} {path} {status}", _ =>
        {
            JsonObject document = source == OpenApiDocument.Core ? s_patchedCore.Value : s_patchedRest.Value;
            JsonNode response = document["paths"]?[path]?[method.ToLowerInvariant()]?["responses"]?[status]
                ?? throw new KeyNotFoundException($"{(source ?? OpenApiDocument.Rest).FileName} documents no {status} for {method} {path}");
            JsonNode? schema = OpenApiDocument.JsonSchemaOf(document, response);
            return schema is null ? Task.FromResult<JsonSchema?>(null) : FromOpenApiAsync(document, schema);
        });

    /// <summary>
    /// The error envelope as the live 4casters service documents it (core document,
    /// <c>#/components/schemas/Error</c>: <c>{"error": string}</c>, required, nothing else).
    /// API §1: every HTTP error is <c>{ "error": "&lt;message&gt;" }</c>.
    /// </summary>
    public static Task<JsonSchema?> ErrorEnvelopeAsync() =>
        s_cache.GetOrAdd("core Error", _ =>
        {
            JsonObject document = OpenApiDocument.Core.Root;
            return FromOpenApiAsync(document, OpenApiDocument.Resolve(document, "#/components/schemas/Error"));
        });

    private static async Task<JsonSchema?> FromOpenApiAsync(JsonObject document, JsonNode schema)
    {
        JsonNode normalized = SchemaNormalizer.Normalize(document, schema);
        return await JsonSchema.FromJsonAsync(normalized.ToJsonString());
    }
}
