using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLine.Server.Tests.Fuzzing;

/// <summary>
/// Hostile variations of a valid JSON text, for the fuzzers: a value anywhere replaced by something
/// hostile, the whole text replaced, cut short, nested thousands deep, made invalid UTF-8, given a
/// long string or a duplicate key. One seeded random source decides, so a sequence replays exactly.
/// </summary>
internal static class HostileJson
{
    private const string Hole = "__HOSTILE__";

    public static readonly string[] HostileValues =
    [
        "null", "true", "false", "0", "-0", "-1", "1e308", "1e400", "-1e400", "1E-400", "123456789012345678901234567890",
        "0.0000001", "2147483648", "-9223372036854775809", "NaN", "Infinity", "-Infinity", "\"NaN\"", "\"Infinity\"",
        "\"\"", "\" \"", "\"\\u0000\"", "\"\\ud800\"", "\"\\udfff\\ud800\"", "\"💥🏈\"", "\"<script>alert(1)</script>\"",
        "\"=1+1\"", "\"../../etc/passwd\"", "\"' OR 1=1 --\"", "\"1e400\"", "\"-0\"", "\"0x10\"", "\" 42 \"", "\"12-31-9999\"",
        "\"9999-99-99T99:99:99Z\"", "\"ffffffffffffffffffffffff\"", "\"000000000000000000000000\"",
        "[]", "{}", "[null]", "[[[[[[[[[[]]]]]]]]]]", "{\"a\":{\"a\":{\"a\":{\"a\":{}}}}}", "[1,2,3]", "{\"$gt\":\"\"}",
    ];

    public static string AnyValue(Random random) => HostileValues[random.Next(HostileValues.Length)];

    /// <summary>One hostile change to the JSON text <paramref name="body"/>, as the bytes to send.</summary>
    public static byte[] Mutate(Random random, string body)
    {
        string hostile = AnyValue(random);
        switch (random.Next(10))
        {
            case 0: // the whole body
                return Encoding.UTF8.GetBytes(hostile);
            case 1: // cut short
                return Encoding.UTF8.GetBytes(body[..random.Next(body.Length)]);
            case 2: // deep nesting
                int depth = random.Next(2) == 0 ? 5_000 : 40;
                return Encoding.UTF8.GetBytes(new string('[', depth) + new string(']', depth));
            case 3: // invalid UTF-8 inside a string
                byte[] bytes = Encoding.UTF8.GetBytes(body);
                int quote = Array.IndexOf(bytes, (byte)'"', random.Next(bytes.Length));
                if (quote >= 0 && quote + 1 < bytes.Length)
                {
                    bytes[quote + 1] = (byte)(0xC0 + random.Next(64));
                }
                return bytes;
            case 4: // a long string
                return Encoding.UTF8.GetBytes(ReplaceValue(random, body, "\"" + new string('x', random.Next(1, 200_000)) + "\""));
            case 5: // a duplicate key with a hostile value
                JsonObject? first = FirstObject(body);
                string key = first is null || first.Count == 0 ? "orders" : first.ElementAt(random.Next(first.Count)).Key;
                int brace = body.IndexOf('{', StringComparison.Ordinal);
                return Encoding.UTF8.GetBytes(body[..(brace + 1)] + JsonSerializer.Serialize(key) + ":" + hostile + "," + body[(brace + 1)..]);
            default: // one value of the body replaced
                return Encoding.UTF8.GetBytes(ReplaceValue(random, body, hostile));
        }
    }

    /// <summary>Replaces one value somewhere in the JSON (any depth) by <paramref name="raw"/> JSON text.</summary>
    private static string ReplaceValue(Random random, string json, string raw)
    {
        JsonNode root = JsonNode.Parse(json)!;
        var slots = new List<(JsonNode Parent, object Key)>();
        void Walk(JsonNode node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach ((string k, JsonNode? v) in o.ToList())
                    {
                        slots.Add((o, k));
                        if (v is not null)
                        {
                            Walk(v);
                        }
                    }
                    break;
                case JsonArray a:
                    for (int i = 0; i < a.Count; i++)
                    {
                        slots.Add((a, i));
                        if (a[i] is { } item)
                        {
                            Walk(item);
                        }
                    }
                    break;
            }
        }
        Walk(root);
        if (slots.Count == 0)
        {
            return raw;
        }
        (JsonNode parent, object slot) = slots[random.Next(slots.Count)];
        if (parent is JsonObject obj)
        {
            obj[(string)slot] = Hole;
        }
        else
        {
            ((JsonArray)parent)[(int)slot] = Hole;
        }
        return root.ToJsonString().Replace("\"" + Hole + "\"", raw, StringComparison.Ordinal);
    }

    private static JsonObject? FirstObject(string json) => JsonNode.Parse(json) as JsonObject;
}
