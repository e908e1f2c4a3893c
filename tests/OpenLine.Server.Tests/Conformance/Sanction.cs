using System.Text.Json.Nodes;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>
/// One deviation from 4casters' OpenAPI documents that <c>openline-rules.md</c> (or, where the rules
/// defer to it, <c>4casters-api.md</c>) rules on. Each one patches the document before validation,
/// precisely where the rule applies, and names the rule.
/// </summary>
/// <param name="Target">
/// The schema to patch: a component (<c>User</c>), a property path inside one
/// (<c>GameAveragePrice.odds</c>), or a response schema (<c>GET /exchange/getSingleOrderbook 200</c>,
/// optionally followed by a space and a property path, e.g. <c>... 200 data</c>). For a status
/// sanction: <c>METHOD /path</c>.
/// </param>
internal sealed record Sanction(Sanction.Change Kind, string Target, string Property, JsonNode? Schema, string Rule)
{
    public enum Change
    {
        /// <summary>The live response carries a property the document does not declare.</summary>
        ExtraProperty,

        /// <summary>The value may be <c>null</c> where the document does not say <c>nullable</c>.</summary>
        Nullable,

        /// <summary>The property's schema is replaced (e.g. a whole-dollar <c>integer</c> becomes an exact <c>number</c>).</summary>
        Retype,

        /// <summary>The endpoint answers a status the document does not list (its body is then checked against the error envelope).</summary>
        Status,
    }

    public static Sanction Extra(string target, string property, string type, string rule) =>
        new(Change.ExtraProperty, target, property, JsonNode.Parse(type), rule);

    public static Sanction Null(string target, string property, string rule) => new(Change.Nullable, target, property, null, rule);

    public static Sanction Type(string target, string property, string type, string rule) =>
        new(Change.Retype, target, property, JsonNode.Parse(type), rule);

    public static Sanction Status(string method, string path, int status, string rule) =>
        new(Change.Status, $"{method} {path}", status.ToString(System.Globalization.CultureInfo.InvariantCulture), null, rule);

    public override string ToString() => $"{Kind} {Target} {Property} ({Rule})";
}
