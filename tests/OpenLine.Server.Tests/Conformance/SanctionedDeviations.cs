using System.Text.Json.Nodes;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>
/// The allow-list: every way OpenLine's live responses may differ from 4casters' own OpenAPI
/// documents, each citing the rule that sanctions it. Anything not listed here fails the
/// conformance tests. Do not widen it to make a test pass: a new entry needs a rule to cite.
/// </summary>
internal static class SanctionedDeviations
{
    public static IReadOnlyList<Sanction> All { get; } =
    [
        // ---- Extensions: fields the documents do not declare --------------------------------------
        // rules §5: `available = displayBalance − creditLimit + liability` is part of OpenLine's User
        // (every surface that shows a User: login, getMe, the operator API).
        Sanction.Extra("User", "available", """{"type":"number"}""", "rules §5 (available)"),
        // rules §3 (postArb): "Its fills and offers carry `isPostArb: true` in feeds and history, never in
        // the place response." The history rows' schemas do not declare it (OrderbookOrder does).
        Sanction.Extra("MatchedBet", "isPostArb", """{"type":"boolean","enum":[true]}""", "rules §3 (isPostArb in history)"),
        Sanction.Extra("UnmatchedOrder", "isPostArb", """{"type":"boolean","enum":[true]}""", "rules §3 (isPostArb in history)"),
        Sanction.Extra("GradedWager", "isPostArb", """{"type":"boolean","enum":[true]}""", "rules §3 (isPostArb in history)"),

        // Checked and NOT needed (the documents already agree with the rules), so not listed:
        // - rules §1 `number` null for moneyline/1x2: MatchedFill.number and UnmatchedOffer.number are nullable.
        // - rules §1 decimal amounts: every amount the current endpoints return (amount, risk, win, offered,
        //   filled, remaining, bet, sumUntaken, openInterest, matchedVolume, liability, balances) is `number`.
        //   GameAveragePrice's *PriceLimit / *MaxBet are `integer`, as API §3.1 says ("all integers"); OpenLine
        //   writes them as whole dollars, so no sanction.
        // - rules §1 optional strings omitted, never null: the schemas declare them as non-nullable strings,
        //   so a null fails, as it should.
        // - rules §3 `isPostArb` on book entries: OrderbookOrder declares it; the place response never has it.
        // - getSingleOrderbook `orderSummary` items (OpenLine adds `gameID`): the document leaves them open objects.

        // ---- Statuses the operation does not list ------------------------------------------------
        // (Their bodies are still checked against the error envelope, API §1.)
        // rules §3 (order of checks): "The request fails as a whole (400) only when the body is not a
        // JSON object, `orders` is missing or empty, or it has more than OpenLine:MaxBatchSize orders".
        Sanction.Status("POST", "/session/v3/place", 400, "rules §3 (whole-request 400)"),
        // rules §8: "A user may read and cancel only their own orders (403)"; API §3.2 cancel: "403 not yours".
        Sanction.Status("POST", "/session/cancel", 403, "rules §8 (own orders only, 403)"),
        // The same rule for editOrder, which API §3.2 defines as cancel-then-replace: the cancel of
        // another user's order is refused with 403 before anything is placed.
        Sanction.Status("POST", "/session/editOrder", 403, "rules §8 (own orders only, 403); API §3.2 editOrder = cancel-then-replace"),
        // getBetByID: an id of another user's answers 403, never that user's data (rules §8: a user may read only their own orders).
        Sanction.Status("GET", "/user/getBetByID", 403, "rules §8 (own orders only, 403)"),
    ];

    /// <summary>Statuses an endpoint may answer beyond those its operation lists.</summary>
    public static bool AllowsStatus(string method, string path, int status) =>
        All.Any(s => s.Kind == Sanction.Change.Status
            && s.Target == $"{method} {path}"
            && s.Property == status.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Applies every schema sanction of <paramref name="sanctions"/> to <paramref name="document"/> (a private copy of a document's JSON).</summary>
    public static void Apply(JsonObject document, IEnumerable<Sanction> sanctions)
    {
        foreach (Sanction sanction in sanctions.Where(s => s.Kind != Sanction.Change.Status))
        {
            JsonObject target = Navigate(document, sanction.Target);
            switch (sanction.Kind)
            {
                case Sanction.Change.ExtraProperty:
                    if (FindProperty(target, sanction.Property) is not null)
                    {
                        throw new InvalidOperationException($"Stale allow-list entry, the document already declares it: {sanction}");
                    }
                    PropertiesToExtend(target)[sanction.Property] = sanction.Schema!.DeepClone();
                    break;
                case Sanction.Change.Nullable:
                    (JsonObject owner, JsonNode property) = FindProperty(target, sanction.Property)
                        ?? throw new InvalidOperationException($"Allow-list entry names no declared property: {sanction}");
                    owner[sanction.Property] = property["$ref"] is null
                        ? WithNullable(property)
                        : new JsonObject { ["anyOf"] = new JsonArray(property.DeepClone(), new JsonObject { ["type"] = "null" }) };
                    break;
                case Sanction.Change.Retype:
                    (JsonObject declaring, _) = FindProperty(target, sanction.Property)
                        ?? throw new InvalidOperationException($"Allow-list entry names no declared property: {sanction}");
                    declaring[sanction.Property] = sanction.Schema!.DeepClone();
                    break;
            }
        }
    }

    private static JsonNode WithNullable(JsonNode property)
    {
        JsonObject copy = property.DeepClone().AsObject();
        copy["nullable"] = true;
        return copy;
    }

    /// <summary>Resolves a <see cref="Sanction.Target"/> to the object schema it names.</summary>
    private static JsonObject Navigate(JsonObject document, string target)
    {
        string[] parts = target.Split(' ');
        JsonNode node;
        string? path;
        if (parts.Length >= 3)
        {
            // "METHOD /path STATUS [a.b]"
            JsonNode response = document["paths"]?[parts[1]]?[parts[0].ToLowerInvariant()]?["responses"]?[parts[2]]
                ?? throw new InvalidOperationException($"Allow-list target names no documented response: {target}");
            node = OpenApiDocument.JsonSchemaOf(document, response)
                ?? throw new InvalidOperationException($"Allow-list target has no JSON schema: {target}");
            path = parts.Length > 3 ? parts[3] : null;
        }
        else
        {
            string[] dotted = target.Split('.', 2);
            node = document["components"]?["schemas"]?[dotted[0]]
                ?? throw new InvalidOperationException($"Allow-list target names no component: {target}");
            path = dotted.Length > 1 ? dotted[1] : null;
        }
        foreach (string name in path?.Split('.') ?? [])
        {
            node = FindProperty(node.AsObject(), name)?.Property
                ?? throw new InvalidOperationException($"Allow-list target: no property '{name}' in {target}");
        }
        if (node["$ref"] is not null)
        {
            throw new InvalidOperationException($"Allow-list target {target} is a $ref: name the component it refers to instead.");
        }
        return node.AsObject();
    }

    /// <summary>The <c>properties</c> object that declares <paramref name="name"/>, looking into inline <c>allOf</c> branches.</summary>
    private static (JsonObject Owner, JsonNode Property)? FindProperty(JsonObject schema, string name)
    {
        if (schema["properties"] is JsonObject properties && properties[name] is { } property)
        {
            return (properties, property);
        }
        foreach (JsonNode? branch in schema["allOf"] as JsonArray ?? [])
        {
            if (branch is JsonObject inline && inline["$ref"] is null && FindProperty(inline, name) is { } found)
            {
                return found;
            }
        }
        return null;
    }

    /// <summary>Where an extension property goes: the schema's own <c>properties</c>, or its last inline <c>allOf</c> branch.</summary>
    private static JsonObject PropertiesToExtend(JsonObject schema)
    {
        if (schema["allOf"] is JsonArray branches
            && branches.LastOrDefault(b => b is JsonObject o && o["$ref"] is null) is JsonObject inline)
        {
            return PropertiesToExtend(inline);
        }
        if (schema["properties"] is not JsonObject properties)
        {
            properties = [];
            schema["properties"] = properties;
        }
        return properties;
    }
}
