using System.Text.Json;

namespace OpenLine.Server.Api.Http;

/// <summary>Reading JSON strings safely: a string with a lone surrogate escape (<c>"\ud800"</c>) is not text.</summary>
public static class JsonText
{
    public static bool TryGetString(JsonElement element, out string? value)
    {
        try
        {
            value = element.GetString();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = null;
            return false;
        }
    }

    /// <summary>The string, or a <see cref="BadInputException"/> naming <paramref name="name"/>.</summary>
    public static string? GetString(JsonElement element, string name) =>
        TryGetString(element, out string? value) ? value : throw new BadInputException($"{name} is not valid Unicode text.");
}
