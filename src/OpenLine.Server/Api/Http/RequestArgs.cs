using System.Text.Json;

namespace OpenLine.Server.Api.Http;

/// <summary>
/// The arguments of a request, wherever the client put them: read endpoints accept GET with a
/// query string and POST with a JSON body (rules §8). The body is parsed once, as a
/// <see cref="JsonDocument"/>, so amounts can be read from the JSON text as exact decimals.
/// </summary>
public sealed class RequestArgs : IDisposable
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = 32,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    private readonly JsonDocument? _document;
    private readonly IQueryCollection _query;

    private RequestArgs(JsonDocument? document, IQueryCollection query)
    {
        _document = document;
        _query = query;
    }

    /// <summary>The parsed body, or null when the request had none.</summary>
    public JsonElement? Body => _document?.RootElement;

    /// <summary>The body when it is a JSON object.</summary>
    public JsonElement? BodyObject => Body is { ValueKind: JsonValueKind.Object } body ? body : null;

    /// <summary>
    /// Reads the body (if any). A body that is not well-formed JSON gives a 400 error result
    /// instead of arguments.
    /// </summary>
    public static async Task<(RequestArgs? Args, IResult? Error)> ReadAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        JsonDocument? document = null;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && request.ContentLength != 0)
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            if (buffer.Length > 0)
            {
                try
                {
                    document = JsonDocument.Parse(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), DocumentOptions);
                }
                catch (JsonException ex)
                {
                    return (null, ApiResults.BadRequest($"Malformed JSON body: {ex.Message}"));
                }
            }
        }
        return (new RequestArgs(document, request.Query), null);
    }

    /// <summary>A property of the body object, if present.</summary>
    public bool TryGetBody(string name, out JsonElement value)
    {
        if (BodyObject is { } body && body.TryGetProperty(name, out value))
        {
            return true;
        }
        value = default;
        return false;
    }

    /// <summary>
    /// A scalar argument from the body (strings, numbers and booleans as their text) or else
    /// the query string; null when absent or JSON null.
    /// </summary>
    public string? GetString(string name)
    {
        if (TryGetBody(name, out JsonElement value))
        {
            return value.ValueKind switch
            {
                JsonValueKind.String => JsonText.GetString(value, name),
                JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
                _ => null,
            };
        }
        string? query = _query[name];
        return string.IsNullOrEmpty(query) ? null : query;
    }

    public void Dispose() => _document?.Dispose();
}
