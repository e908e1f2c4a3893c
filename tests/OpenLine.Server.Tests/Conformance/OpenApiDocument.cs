using System.Text.Json.Nodes;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>One of 4casters' OpenAPI documents, as raw JSON: operations, responses and <c>$ref</c> targets.</summary>
internal sealed class OpenApiDocument
{
    private OpenApiDocument(string fileName, JsonObject root)
    {
        FileName = fileName;
        Root = root;
    }

    /// <summary>The hand-written REST document (29 paths).</summary>
    public static OpenApiDocument Rest { get; } = Load("4casters-rest.openapi.json");

    /// <summary>The document the live 4casters service generates (graded bets, the strict <c>Error</c> schema).</summary>
    public static OpenApiDocument Core { get; } = Load("4casters-core.openapi.json");

    public string FileName { get; }

    /// <summary>The document itself; callers must not change it (build schemas from <see cref="JsonNode.DeepClone"/>).</summary>
    public JsonObject Root { get; }

    public static OpenApiDocument Load(string fileName)
    {
        string text = File.ReadAllText(Path.Combine(SpecFolder.OpenApi, fileName));
        return new OpenApiDocument(fileName, JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>The operation object of <paramref name="method"/> <paramref name="path"/>, or null when the document lacks it.</summary>
    public JsonObject? Operation(string method, string path) =>
        Root["paths"]?[path]?[method.ToLowerInvariant()] as JsonObject;

    /// <summary>The documented status codes of an operation (e.g. <c>200</c>, <c>400</c>).</summary>
    public IReadOnlyList<string> Statuses(string method, string path) =>
        Operation(method, path)?["responses"]?.AsObject().Select(p => p.Key).ToList() ?? [];

    /// <summary>
    /// The <c>application/json</c> schema of one documented response, following a response-level
    /// <c>$ref</c> (e.g. <c>#/components/responses/BadRequest</c>); null when the response has no body schema.
    /// </summary>
    public static JsonNode? JsonSchemaOf(JsonObject root, JsonNode response)
    {
        if (response["$ref"] is JsonValue reference)
        {
            response = Resolve(root, reference.GetValue<string>());
        }
        return response["content"]?["application/json"]?["schema"];
    }

    /// <summary>Resolves a local reference such as <c>#/components/schemas/User</c>.</summary>
    public static JsonNode Resolve(JsonObject root, string reference)
    {
        if (!reference.StartsWith("#/", StringComparison.Ordinal))
        {
            throw new NotSupportedException($"Only local references are supported: {reference}");
        }
        JsonNode node = root;
        foreach (string raw in reference[2..].Split('/'))
        {
            string segment = raw.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            node = node[segment] ?? throw new KeyNotFoundException($"{reference}: no '{segment}'");
        }
        return node;
    }
}
