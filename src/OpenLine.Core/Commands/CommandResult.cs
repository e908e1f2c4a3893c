namespace OpenLine.Core;

/// <summary>
/// What the engine answers to a command. Results may reference live engine objects
/// (<see cref="Account"/>, <see cref="Game"/>); read them on the engine's own thread only.
/// </summary>
public abstract record CommandResult;

/// <summary>The command was refused; nothing changed.</summary>
public sealed record Rejected(RejectReason Reason, string Message) : CommandResult;

/// <summary>The command succeeded and has nothing more to say.</summary>
public sealed record Done : CommandResult
{
    public static readonly Done Instance = new();
}

public sealed record AccountResult(Account Account) : CommandResult;

public sealed record GameResult(Game Game) : CommandResult;

/// <summary>One outcome per input order, in input order.</summary>
public sealed record PlaceResult(IReadOnlyList<OrderOutcome> Outcomes) : CommandResult;

public sealed record CancelResult(CancelReport Report) : CommandResult;
