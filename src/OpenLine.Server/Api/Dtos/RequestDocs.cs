namespace OpenLine.Server.Api.Dtos;

// Request bodies as the OpenAPI document describes them. The handlers read JSON themselves (amounts
// as exact decimals, every field checked with a clear error), so these types exist for the document.

public sealed record LoginRequest(string Username, string Password);

/// <summary>One order of a place request (API PlaceOrderInput); the v2 alias also takes <c>risk</c> for <c>bet</c>.</summary>
public sealed record PlaceOrderInput(
    string GameID, string Type, string Side, string? Market, int Odds, decimal Bet, decimal? Number,
    string? OrderType, int? ExpirationMinutes, string? UserReference);

public sealed record PlaceRequest(IReadOnlyList<PlaceOrderInput> Orders);

public sealed record CancelRequest(string SessionID);

public sealed record CancelMultipleRequest(IReadOnlyList<string> SessionIDs);

public sealed record CancelByReferenceRequest(string GameID, IReadOnlyList<string> UserReferences);

public sealed record CancelAllForGameRequest(string GameID, string? Type);

public sealed record CancelAllForLeagueRequest(string League);

/// <summary>Cancel-and-replace; <c>intendedOrderVolume</c> and <c>blockIfNoOtherSideOrders</c> are read by v4 only.</summary>
public sealed record EditOrderRequest(
    string SessionID, int? OrderOdds, decimal? OrderVolume, string? OrderType, string? UserReference, decimal? ExpiryChange,
    decimal? IntendedOrderVolume, bool? BlockIfNoOtherSideOrders);

/// <summary>Seconds; more than 5.</summary>
public sealed record HeartbeatRequest(int Timeout);

public sealed record LeagueRequest(string LeagueRequested);

public sealed record CreateUserRequest(string Username, string Password, decimal? Balance, decimal? CreditLimit, decimal? Commission);

public sealed record AmountRequest(decimal Amount);

public sealed record CreateGameRequest(string League, string Sport, string Start, string? EventName, IReadOnlyList<ParticipantInput> Participants);

public sealed record ParticipantInput(string LongName, string ShortName);

public sealed record LiveRequest(bool Live);

public sealed record ResultRequest(int AwayScore, int HomeScore);
