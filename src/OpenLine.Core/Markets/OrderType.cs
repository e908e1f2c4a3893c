namespace OpenLine.Core;

/// <summary>Order types of rules §3 / API §8.5.</summary>
public enum OrderType : byte
{
    /// <summary>Takes what it can at its price or better; the rest rests. The default.</summary>
    Limit = 0,
    /// <summary>Rests whole, or is rejected if it would fill.</summary>
    Post = 1,
    /// <summary>Like post, but may fill (without taker commission) within 1% of the book.</summary>
    PostArb = 2,
    /// <summary>Fills what it can now; the rest is dropped; nothing filled is a rejection.</summary>
    FillAndKill = 3,
    /// <summary>Fills entirely (up to a residual ≤ the minimum offer) or not at all.</summary>
    FillOrKill = 4,
}
