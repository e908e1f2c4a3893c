using System.Text;
using System.Text.Json;

namespace OpenLine.LoadGen;

/// <summary>
/// Reads the few things the load generator needs from a reply with <see cref="Utf8JsonReader"/>
/// (no document, no allocation but the ids it keeps):
/// <list type="bullet">
/// <item>place (REST <c>{"data":{"createdSessions":[…]}}</c>, WebSocket <c>{"requestID","data":[…]}</c>):
/// per entry, whether it matched on arrival, the resting <c>unmatched.orderID</c>, or its error;</item>
/// <item>cancels: how many succeeded, and each failure's text;</item>
/// <item>any <c>{"error": "…"}</c> envelope.</item>
/// </list>
/// </summary>
internal static class ReplyParser
{
    private const int MaxErrorText = 100;

    /// <summary>Finds the array named <paramref name="arrayName"/> (at any depth) and calls <paramref name="entry"/> for each object in it.</summary>
    public static bool ForEachEntry<TState>(ReadOnlySpan<byte> json, ReadOnlySpan<byte> arrayName, ref TState state, EntryReader<TState> entry)
    {
        var reader = new Utf8JsonReader(json);
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.ValueTextEquals(arrayName))
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return false;
                }
                while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                {
                    if (reader.TokenType == JsonTokenType.StartObject)
                    {
                        entry(ref reader, ref state);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
                return true;
            }
        }
        return false;
    }

    public delegate void EntryReader<TState>(ref Utf8JsonReader reader, ref TState state);

    /// <summary>One place entry: reader on its StartObject; leaves it on the matching EndObject.</summary>
    public static PlaceEntry ReadPlaceEntry(ref Utf8JsonReader reader)
    {
        var entry = default(PlaceEntry);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("matched"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartArray)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                    {
                        entry.Matched = true;
                        reader.Skip();
                    }
                }
            }
            else if (reader.ValueTextEquals("unmatched"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
                    {
                        bool isOrderId = reader.ValueTextEquals("orderID"u8);
                        reader.Read();
                        if (isOrderId && reader.TokenType == JsonTokenType.String)
                        {
                            entry.RestingOrderId = reader.GetString();
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }
                }
                else
                {
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("errorType"u8) || reader.ValueTextEquals("error_type"u8))
            {
                reader.Read();
                entry.ErrorType = reader.TokenType == JsonTokenType.String ? reader.GetString() : "?";
            }
            else if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                entry.Error = reader.TokenType == JsonTokenType.String ? Truncate(reader.GetString()) : "?";
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return entry;
    }

    /// <summary>One cancel entry: whether it succeeded, and if not, its reason.</summary>
    public static (bool Success, string? Reason) ReadCancelEntry(ref Utf8JsonReader reader)
    {
        bool success = false;
        string? reason = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            if (reader.ValueTextEquals("success"u8))
            {
                reader.Read();
                success = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("reason"u8) || reader.ValueTextEquals("description"u8) || reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    reason = Truncate(reader.GetString());
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
        return (success, success ? null : reason);
    }

    /// <summary>The top-level <c>error</c> string, or null.</summary>
    public static string? Error(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                bool isError = reader.ValueTextEquals("error"u8);
                reader.Read();
                if (isError && reader.TokenType == JsonTokenType.String)
                {
                    return Truncate(reader.GetString());
                }
                reader.Skip();
            }
        }
        catch (JsonException)
        {
            // not JSON: the caller shows the raw text
        }
        return null;
    }

    /// <summary>The error text of a non-JSON or unexpected body.</summary>
    public static string Describe(ReadOnlySpan<byte> body) => Error(body) ?? Truncate(Encoding.UTF8.GetString(body[..Math.Min(body.Length, MaxErrorText)]));

    public static string Truncate(string? text) =>
        text is null ? "" : text.Length <= MaxErrorText ? text : text[..MaxErrorText] + "…";
}
