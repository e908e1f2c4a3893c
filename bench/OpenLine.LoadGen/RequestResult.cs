namespace OpenLine.LoadGen;

/// <summary>One request's outcome, for the live totals: its kind, the orders it placed, and its unexpected errors.</summary>
internal readonly record struct RequestResult(RequestKind Kind, int OrdersPlaced, int UnexpectedErrors);
