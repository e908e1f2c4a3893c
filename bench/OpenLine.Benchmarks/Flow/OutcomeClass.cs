namespace OpenLine.Benchmarks.Flow;

/// <summary>What one flow operation did on OpenLine; the replay reports time and allocations by it.</summary>
public enum OutcomeClass : byte
{
    /// <summary>An <c>L</c> that filled nothing and rested whole (place-rest).</summary>
    Rest = 0,

    /// <summary>An <c>L</c> that filled and rested its remainder.</summary>
    FillThenRest = 1,

    /// <summary>An <c>L</c> that filled completely.</summary>
    FillAll = 2,

    /// <summary>An <c>I</c> that filled (all or part; the rest is killed).</summary>
    ImmediateFill = 3,

    /// <summary>An <c>I</c> that found nothing to fill (the engine rejects it: fill and kill has no matches).</summary>
    ImmediateKilled = 4,

    /// <summary>A cancel that took an open order off the book.</summary>
    Cancel = 5,

    /// <summary>A cancel of an order that had filled or never rested (rejected: not open / not found).</summary>
    CancelNotOpen = 6,

    /// <summary>Anything else (a rejection the flow should never cause; the replay reports it as inconsistent).</summary>
    Unexpected = 7,
}
