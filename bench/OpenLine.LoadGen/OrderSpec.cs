namespace OpenLine.LoadGen;

/// <summary>One moneyline limit order to send: the side, American odds, and the stake in whole dollars.</summary>
internal readonly record struct OrderSpec(bool Home, int Odds, int Bet, bool PricedToCross);
