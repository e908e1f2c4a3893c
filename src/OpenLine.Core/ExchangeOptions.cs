namespace OpenLine.Core;

/// <summary>The engine's rule parameters (rules §4, §6). Part of what a replay must reproduce.</summary>
public sealed record ExchangeOptions
{
    /// <summary>The smallest stake that may rest (rules §4); default $10.</summary>
    public Money MinimumOffer { get; init; } = Money.FromDollars(10);

    /// <summary>Live delay per league in milliseconds (rules §6); leagues match case-insensitively.</summary>
    public IReadOnlyDictionary<string, long> LiveDelayMilliseconds { get; init; } =
        new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
        {
            ["NFL"] = 3_000, ["UFCMMA"] = 3_000, ["NCAAF"] = 3_000,
            ["NBA"] = 5_000, ["NCAAB"] = 5_000,
            ["ATP"] = 8_000, ["WTA"] = 8_000,
        };

    /// <summary>Live delay for leagues not listed; default 10 s.</summary>
    public long DefaultLiveDelayMilliseconds { get; init; } = 10_000;

    /// <summary>Lifetime of an order placed on a live game without <c>expirationMinutes</c>; default 5 minutes.</summary>
    public long LiveOrderDefaultLifetimeMilliseconds { get; init; } = 5 * 60_000;

    /// <summary>The largest <c>expirationMinutes</c> accepted: one week.</summary>
    public int MaxExpirationMinutes { get; init; } = 10_080;

    /// <summary>
    /// The most orders one account may have resting at once; an order that would rest beyond it is
    /// rejected (<see cref="RejectReason.TooManyOpenOrders"/>). 0, the engine's default, means no limit
    /// (journals from before the limit replay as they ran); the server configures one.
    /// </summary>
    public int MaxOpenOrdersPerAccount { get; init; }

    public long LiveDelayFor(string league) =>
        LiveDelayMilliseconds.TryGetValue(league, out long delay) ? delay : DefaultLiveDelayMilliseconds;

    /// <summary>Equal when every parameter is equal (the delay table compared by content, leagues case-insensitively).</summary>
    public bool SameAs(ExchangeOptions other) =>
        MinimumOffer == other.MinimumOffer
        && DefaultLiveDelayMilliseconds == other.DefaultLiveDelayMilliseconds
        && LiveOrderDefaultLifetimeMilliseconds == other.LiveOrderDefaultLifetimeMilliseconds
        && MaxExpirationMinutes == other.MaxExpirationMinutes
        && MaxOpenOrdersPerAccount == other.MaxOpenOrdersPerAccount
        && LiveDelayMilliseconds.Count == other.LiveDelayMilliseconds.Count
        && LiveDelayMilliseconds.All(d => other.LiveDelayMilliseconds.TryGetValue(d.Key, out long ms) && ms == d.Value);
}
