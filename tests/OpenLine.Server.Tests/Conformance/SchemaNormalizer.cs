using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>
/// Turns an OpenAPI response schema into one self-contained JSON Schema that NJsonSchema validates
/// the way 4casters' README says to read the documents:
/// <list type="bullet">
/// <item><c>$ref</c>s to <c>#/components/...</c> are inlined (the documents have no cycles).</item>
/// <item>OpenAPI 3.0's <c>nullable: true</c> becomes <c>type: [t, "null"]</c> (the REST document says
/// 3.1.0 but uses the 3.0 keyword throughout).</item>
/// <item>A <c>oneOf</c> whose branches have no required fields (e.g. <c>PlaceOrderResult</c>) is read as <c>anyOf</c>.</item>
/// <item><c>allOf</c> of object schemas is merged into one object schema, so that it can be closed.</item>
/// <item>Strict mode: every object schema that declares <c>properties</c> is closed
/// (<c>additionalProperties: false</c>), so that a misspelt or undocumented field fails unless the
/// allow-list (<see cref="SanctionedDeviations"/>) documents it. Objects the documents leave open
/// (<c>{"type":"object"}</c> with no properties, e.g. <c>orderSummary</c> items) stay open.</item>
/// </list>
/// </summary>
internal static class SchemaNormalizer
{
    public static JsonNode Normalize(JsonObject document, JsonNode schema) => Normalize(document, schema, []);

    private static JsonNode Normalize(JsonObject document, JsonNode schema, Stack<string> refs)
    {
        if (schema is not JsonObject obj)
        {
            return schema.DeepClone();
        }
        if (obj["$ref"] is JsonValue reference)
        {
            string target = reference.GetValue<string>();
            if (refs.Contains(target))
            {
                throw new NotSupportedException($"Recursive schema through {target}");
            }
            refs.Push(target);
            JsonNode inlined = Normalize(document, OpenApiDocument.Resolve(document, target), refs);
            refs.Pop();
            return inlined;
        }

        var result = new JsonObject();
        foreach ((string key, JsonNode? value) in obj)
        {
            switch (key)
            {
                case "properties" when value is JsonObject properties:
                    var normalized = new JsonObject();
                    foreach ((string name, JsonNode? property) in properties)
                    {
                        normalized[name] = Normalize(document, property!, refs);
                    }
                    result[key] = normalized;
                    break;
                case "items" or "additionalProperties" or "not" when value is JsonObject:
                    result[key] = Normalize(document, value, refs);
                    break;
                case "allOf" or "anyOf" or "oneOf" when value is JsonArray branches:
                    result[key] = new JsonArray(branches.Select(b => (JsonNode?)Normalize(document, b!, refs)).ToArray());
                    break;
                // Documentation-only keywords: not validation, and `example` would only be noise.
                case "description" or "example" or "examples" or "deprecated" or "tags" or "summary":
                    break;
                default:
                    result[key] = value?.DeepClone();
                    break;
            }
        }

        ApplyNullable(result);
        OneOfWithoutRequiredIsAnyOf(result);
        MergeAllOf(result);
        Close(result);
        return result;
    }

    private static void ApplyNullable(JsonObject schema)
    {
        if (!schema.Remove("nullable", out JsonNode? nullable) || nullable?.GetValue<bool>() != true)
        {
            return;
        }
        switch (schema["type"])
        {
            case JsonValue single:
                schema["type"] = new JsonArray(single.GetValue<string>(), "null");
                break;
            case JsonArray many when !many.Any(t => t?.GetValue<string>() == "null"):
                many.Add("null");
                break;
            case null:
                JsonObject copy = schema.DeepClone().AsObject();
                schema.Clear();
                schema["anyOf"] = new JsonArray(copy, new JsonObject { ["type"] = "null" });
                return;
        }
        if (schema["enum"] is JsonArray values)
        {
            values.Add(null);
        }
    }

    // README: "where a oneOf lists branches that have no required fields ... read such a oneOf as anyOf".
    private static void OneOfWithoutRequiredIsAnyOf(JsonObject schema)
    {
        if (schema["oneOf"] is JsonArray branches && branches.All(b => b?["required"] is null))
        {
            schema.Remove("oneOf");
            schema["anyOf"] = branches;
        }
    }

    private static void MergeAllOf(JsonObject schema)
    {
        if (schema["allOf"] is not JsonArray branches || !branches.All(IsPlainObjectSchema))
        {
            return;
        }
        schema.Remove("allOf");
        var properties = schema["properties"] as JsonObject ?? [];
        var required = schema["required"] as JsonArray ?? [];
        foreach (JsonObject branch in branches.Cast<JsonObject>())
        {
            foreach ((string name, JsonNode? property) in branch["properties"] as JsonObject ?? [])
            {
                properties[name] = property?.DeepClone();
            }
            foreach (JsonNode? name in branch["required"] as JsonArray ?? [])
            {
                required.Add(name?.DeepClone());
            }
        }
        schema["type"] = "object";
        schema["properties"] = properties;
        if (required.Count > 0)
        {
            schema["required"] = required;
        }
    }

    private static bool IsPlainObjectSchema(JsonNode? node) =>
        node is JsonObject branch
        && branch.All(p => p.Key is "type" or "properties" or "required" or "additionalProperties")
        && (branch["additionalProperties"] is null
            || branch["additionalProperties"]!.GetValueKind() == JsonValueKind.False);

    private static void Close(JsonObject schema)
    {
        if (schema["properties"] is JsonObject && !schema.ContainsKey("additionalProperties"))
        {
            schema["additionalProperties"] = false;
        }
    }
}
