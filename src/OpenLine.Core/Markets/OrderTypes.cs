namespace OpenLine.Core;

/// <summary>Wire names of <see cref="OrderType"/>.</summary>
public static class OrderTypes
{
    public static string ToWire(this OrderType type) => type switch
    {
        OrderType.Limit => "limit",
        OrderType.Post => "post",
        OrderType.PostArb => "postArb",
        OrderType.FillAndKill => "fillAndKill",
        OrderType.FillOrKill => "fillOrKill",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string? text, out OrderType type)
    {
        switch (text?.ToUpperInvariant())
        {
            case "LIMIT": type = OrderType.Limit; return true;
            case "POST": type = OrderType.Post; return true;
            case "POSTARB": type = OrderType.PostArb; return true;
            case "FILLANDKILL": type = OrderType.FillAndKill; return true;
            case "FILLORKILL": type = OrderType.FillOrKill; return true;
            default: type = default; return false;
        }
    }
}
