namespace OpenLine.Core;

public enum OrderState : byte
{
    /// <summary>Resting on the book with a positive remaining stake.</summary>
    Open = 0,
    /// <summary>Matched in full (or down to less than a cent, which is released).</summary>
    Filled = 1,
    /// <summary>Cancelled by its owner or by the system (expiry, game start, live change).</summary>
    Cancelled = 2,
}
