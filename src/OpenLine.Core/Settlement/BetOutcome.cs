namespace OpenLine.Core;

/// <summary>How a bet ended for one side (API §4.9 outcomes; <c>refunded</c> covers pushes and voids).</summary>
public enum BetOutcome : byte
{
    Winner = 0,
    Loser = 1,
    /// <summary>A push (tie on the line, or a moneyline tie): stakes back, no commission.</summary>
    Refunded = 2,
    /// <summary>Quarter line: half the stake won, half pushed.</summary>
    HalfWin = 3,
    /// <summary>Quarter line: half the stake lost, half pushed.</summary>
    HalfLoss = 4,
}

public static class BetOutcomes
{
    public static string ToWire(this BetOutcome outcome) => outcome switch
    {
        BetOutcome.Winner => "winner",
        BetOutcome.Loser => "loser",
        BetOutcome.Refunded => "refunded",
        BetOutcome.HalfWin => "half-win",
        _ => "half-loss",
    };

    /// <summary>The other side's outcome of the same bet.</summary>
    public static BetOutcome Opposite(this BetOutcome outcome) => outcome switch
    {
        BetOutcome.Winner => BetOutcome.Loser,
        BetOutcome.Loser => BetOutcome.Winner,
        BetOutcome.HalfWin => BetOutcome.HalfLoss,
        BetOutcome.HalfLoss => BetOutcome.HalfWin,
        _ => BetOutcome.Refunded,
    };
}
