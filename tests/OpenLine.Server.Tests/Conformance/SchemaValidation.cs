using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>Validates a response body (the exact text) and lists every mismatch with its JSON path.</summary>
internal static class SchemaValidation
{
    public static IReadOnlyList<SchemaMismatch> Validate(JsonSchema schema, string body)
    {
        JToken token;
        try
        {
            // Keep strings as strings (no date sniffing) and numbers exact, as the wire has them.
            using var reader = new JsonTextReader(new StringReader(body))
            {
                DateParseHandling = DateParseHandling.None,
                FloatParseHandling = FloatParseHandling.Decimal,
            };
            token = JToken.ReadFrom(reader);
        }
        catch (JsonReaderException e)
        {
            return [new SchemaMismatch("$", "NotJson", "a JSON body", $"{Shorten(body)} ({e.Message})")];
        }
        return [.. schema.Validate(token).SelectMany(Flatten).Distinct()];
    }

    /// <summary>
    /// One mismatch per leaf error. For a failed <c>anyOf</c>/<c>oneOf</c>, the branch that comes
    /// closest (fewest leaf errors) explains the failure, e.g. a place result that is neither a
    /// success nor an error.
    /// </summary>
    private static IEnumerable<SchemaMismatch> Flatten(ValidationError error)
    {
        switch (error)
        {
            case ChildSchemaValidationError { Kind: ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf } choice
                when choice.Errors.Count > 0:
                return choice.Errors.Values
                    .Select(branch => branch.SelectMany(Flatten).ToList())
                    .OrderBy(branch => branch.Count)
                    .First();
            case ChildSchemaValidationError nested when nested.Errors.Count > 0:
                return nested.Errors.Values.SelectMany(e => e).SelectMany(Flatten);
            default:
                return [Leaf(error)];
        }
    }

    private static SchemaMismatch Leaf(ValidationError error)
    {
        string path = error.Path ?? "";
        path = path.StartsWith("#/", StringComparison.Ordinal) ? path[2..] : path.TrimStart('#');
        string expected = error.Kind switch
        {
            ValidationErrorKind.NoAdditionalPropertiesAllowed => "property not declared",
            ValidationErrorKind.PropertyRequired => $"required property '{error.Property}'",
            _ => Describe(error.Schema),
        };
        string actual = error.Token is null ? "(none)" : Shorten(error.Token.ToString(Formatting.None));
        return new SchemaMismatch(path.Length == 0 ? "$" : path, error.Kind.ToString(), expected, actual);
    }

    private static string Describe(JsonSchema? schema)
    {
        if (schema is null)
        {
            return "?";
        }
        schema = schema.ActualSchema;
        var parts = new List<string>();
        if (schema.Type != JsonObjectType.None)
        {
            parts.Add($"type {schema.Type}");
        }
        if (!string.IsNullOrEmpty(schema.Format))
        {
            parts.Add($"format {schema.Format}");
        }
        if (schema.Enumeration.Count > 0)
        {
            parts.Add($"enum [{string.Join(", ", schema.Enumeration.Select(v => v?.ToString() ?? "null"))}]");
        }
        return parts.Count == 0 ? "(any)" : string.Join(", ", parts);
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
