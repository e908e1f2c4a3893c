namespace OpenLine.Core;

/// <summary>
/// Why the engine refused a command or an order, grouped by range (as exchange-core does):
/// 1xx request and order validation, 2xx balance and liability, 3xx order-type rules,
/// 4xx order ownership and state, 5xx accounts and games (operator). Returned, never thrown;
/// the server maps each range to the API's error type or HTTP status in one place.
/// </summary>
public enum RejectReason : short
{
    None = 0,

    InvalidRequest = 100,
    UnknownGame = 101,
    GameNotOpen = 102,
    InvalidSide = 103,
    InvalidMarket = 104,
    MissingNumber = 105,
    InvalidNumber = 106,
    InvalidOdds = 107,
    InvalidStake = 108,
    BelowMinimumOffer = 109,
    InvalidExpiration = 110,
    MarketNotOffered = 111,
    TooManyOpenOrders = 112,

    InsufficientBalance = 201,
    InsufficientFunds = 202,

    PostWouldMatch = 301,
    PostArbOutsideBand = 302,
    FillAndKillNoMatch = 303,
    FillOrKillNoMatch = 304,
    FillOrKillPartial = 305,

    UnknownOrder = 401,
    NotYourOrder = 402,
    OrderNotOpen = 403,
    NoOtherSideOrders = 404,
    InvalidHeartbeat = 405,

    UnknownAccount = 501,
    UsernameTaken = 502,
    InvalidAccount = 503,
    InvalidAmount = 504,
    InvalidGame = 505,
    UnknownToken = 506,
    IdempotencyKeyReused = 507,
    InvalidScore = 508,
}
