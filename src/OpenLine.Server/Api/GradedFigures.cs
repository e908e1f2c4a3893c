using OpenLine.Core;

namespace OpenLine.Server.Api;

/// <summary>
/// One settled fill's figures from one side, exact (rules §1: rounded once, when written):
/// <paramref name="Fee"/> the commission charged (makers: zero), <paramref name="Risk"/> = stake + fee,
/// <paramref name="Win"/> = gross potential win − fee, <paramref name="Result"/> the signed cash change.
/// </summary>
public readonly record struct GradedFigures(BetOutcome Outcome, Money Fee, Money Risk, Money Win, Money Result);
