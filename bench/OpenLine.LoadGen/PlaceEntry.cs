namespace OpenLine.LoadGen;

/// <summary>What one order's place entry said.</summary>
internal struct PlaceEntry
{
    public bool Matched;
    public string? RestingOrderId;
    public string? ErrorType;
    public string? Error;
}
