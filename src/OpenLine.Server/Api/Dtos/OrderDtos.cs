using System.Text.Json.Serialization;

namespace OpenLine.Server.Api.Dtos;

/// <summary>A successful entry of <c>createdSessions</c>; <c>Unmatched</c> is an <see cref="UnmatchedOfferDto"/> or <see cref="EmptyObject"/>.</summary>
public sealed record PlaceSuccessDto(IReadOnlyList<MatchedFillDto> Matched, object Unmatched);

/// <summary>A failed entry of <c>createdSessions</c>: the order was not processed (API §3.2).</summary>
public sealed record PlaceErrorDto(string Error, string ErrorType);

/// <summary>A failed entry of a WebSocket <c>placeV3</c>: the same, with the legacy snake-case <c>error_type</c> (API §5.2).</summary>
public sealed record PlaceSocketErrorDto(string Error, [property: JsonPropertyName("error_type")] string ErrorType);

/// <summary>A fill from the taker's side (API MatchedFill).</summary>
public sealed record MatchedFillDto(
    decimal Amount,
    int Odds,
    decimal? Number,
    string Type,
    string Side,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Market,
    [property: JsonPropertyName("orderID")] string OrderID,
    [property: JsonPropertyName("txID")] string TxID,
    [property: JsonPropertyName("wagerRequestID")] string WagerRequestID,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserReference,
    decimal Risk,
    decimal Win,
    decimal WinWithoutCommission);

/// <summary>The resting remainder (API UnmatchedOffer).</summary>
public sealed record UnmatchedOfferDto(
    [property: JsonPropertyName("orderID")] string OrderID,
    [property: JsonPropertyName("wagerRequestID")] string WagerRequestID,
    decimal Offered,
    int Odds,
    string Type,
    string Side,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Market,
    decimal? Number,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserReference);

/// <summary>Serializes as <c>{}</c>: the <c>unmatched</c> of an order that left nothing resting.</summary>
public sealed record EmptyObject
{
    public static readonly EmptyObject Instance = new();
}

/// <summary>Positional with the request's orders; each entry a <see cref="PlaceSuccessDto"/> or a <see cref="PlaceErrorDto"/>.</summary>
public sealed record CreatedSessionsDto(IReadOnlyList<object> CreatedSessions);

/// <summary>The result of a cancel (API CancelResult).</summary>
public sealed record CancelResultDto(
    bool Success,
    [property: JsonPropertyName("sessionID")] string SessionID,
    string Description,
    int Odds,
    decimal Filled,
    decimal Offered,
    decimal Remaining,
    [property: JsonPropertyName("gameID")] string GameID,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserReference);

/// <summary>A failed entry of a bulk cancel (API cancelMultiple): no order id is echoed.</summary>
public sealed record CancelFailureDto(bool Success, string Reason);

/// <summary>A cancelled order with its side and line: the old order of an edit (API editOrder <c>cancelled</c>) and the WebSocket cancel payload (API §5.3).</summary>
public sealed record CancelledOrderDto(
    bool Success,
    [property: JsonPropertyName("orderID")] string OrderID,
    int Odds,
    decimal Filled,
    decimal Offered,
    decimal Remaining,
    string Side,
    decimal? Number,
    [property: JsonPropertyName("gameID")] string GameID,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? UserReference,
    string Description);

/// <summary>An edit's result; <c>Unmatched</c> is absent when the v4 volume guard stopped the edit after the cancel.</summary>
public sealed record EditResultDto(
    CancelledOrderDto Cancelled,
    IReadOnlyList<MatchedFillDto> Matched,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Unmatched);
