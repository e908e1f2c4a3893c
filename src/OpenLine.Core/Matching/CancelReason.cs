namespace OpenLine.Core;

/// <summary>Why an open order left the book without being filled.</summary>
public enum CancelReason : byte
{
    /// <summary>Its owner asked.</summary>
    User = 0,
    /// <summary><c>expirationMinutes</c> (or the 5-minute live default) ran out.</summary>
    Expired = 1,
    /// <summary>The game started or was marked live while the order was a pre-game order.</summary>
    GameStart = 2,
    /// <summary>The game closed (live turned off after the start, or the game ended).</summary>
    MarketClosed = 3,
    /// <summary>The owner's dead-man-switch heartbeat lapsed.</summary>
    HeartbeatLapsed = 4,
    /// <summary>The operator cancelled it.</summary>
    Operator = 5,

    /// <summary>Its owner paused their orders (they may resume them).</summary>
    Paused = 6,

    /// <summary>Its owner edited it: a replacement took its place.</summary>
    Edited = 7,
}
