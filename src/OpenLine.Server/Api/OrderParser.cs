using System.Text.Json;
using OpenLine.Core;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api;

/// <summary>
/// Receive: turns one element of a place request's <c>orders</c> array into an
/// <see cref="OrderRequest"/>, or a <c>validation_error</c> message. Amounts are read from the
/// JSON text as decimals, never through <c>double</c> (rules §1).
/// </summary>
public static class OrderParser
{
    /// <summary>The longest <c>userReference</c> accepted.</summary>
    public const int MaxUserReferenceLength = 256;

    /// <param name="acceptRiskAsBet">The legacy v2 path accepts <c>risk</c> as a synonym of <c>bet</c>.</param>
    public static bool TryParse(JsonElement element, bool acceptRiskAsBet, out OrderRequest? order, out string? error)
    {
        order = null;
        if (element.ValueKind != JsonValueKind.Object)
        {
            error = "order must be a JSON object";
            return false;
        }

        // WebSocket clients send gameId; REST clients gameID. Accept both everywhere.
        if (!TryGetString(element, "gameID", out string? gameText, out error, alias: "gameId"))
        {
            return false;
        }
        if (gameText is null || !ObjectId.TryParse(gameText, out ObjectId gameId))
        {
            error = gameText is null ? "gameID is required" : "game not found: invalid gameID";
            return false;
        }

        if (!TryGetString(element, "type", out string? typeText, out error))
        {
            return false;
        }
        if (typeText is null || !MarketTypes.TryParse(typeText, out MarketType type))
        {
            error = typeText is null
                ? "type is required: moneyline, spread, total or moneyline1x2"
                : "invalid type: must be moneyline, spread, total or moneyline1x2";
            return false;
        }

        if (!TryGetString(element, "side", out string? side, out error))
        {
            return false;
        }
        if (string.IsNullOrEmpty(side))
        {
            error = "side is required";
            return false;
        }
        side = side.Trim().ToLowerInvariant();

        if (!TryGetString(element, "market", out string? market, out error))
        {
            return false;
        }
        market = string.IsNullOrEmpty(market) ? null : market.Trim().ToLowerInvariant();
        if (type == MarketType.Moneyline1x2 && market is null)
        {
            error = "market is required for moneyline1x2 orders: \"draw\" or a participant id";
            return false;
        }

        if (!TryGetDecimal(element, "odds", out decimal? oddsValue, out error))
        {
            return false;
        }
        if (oddsValue is not { } oddsNumber)
        {
            error = "odds is required";
            return false;
        }
        if (oddsNumber != decimal.Truncate(oddsNumber))
        {
            error = "odds must be a whole number of American odds";
            return false;
        }
        if (oddsNumber is > int.MaxValue or < int.MinValue || !AmericanOdds.TryCreate((long)oddsNumber, out AmericanOdds odds))
        {
            error = "odds must be American odds from 100 to 100000 in magnitude (e.g. -110 or 150)";
            return false;
        }

        string betName = "bet";
        if (acceptRiskAsBet && !element.TryGetProperty("bet", out _) && element.TryGetProperty("risk", out _))
        {
            betName = "risk";
        }
        if (!TryGetDecimal(element, betName, out decimal? betValue, out error))
        {
            return false;
        }
        if (betValue is not { } betNumber)
        {
            error = "bet is required";
            return false;
        }
        if (betNumber <= 0)
        {
            error = "bet must be greater than 0";
            return false;
        }
        if (betNumber > Money.MaxStake.ToDecimal())
        {
            error = "bet must be at most 1000000000000";
            return false;
        }
        if (!Money.TryFromDecimal(betNumber, out Money bet))
        {
            error = "bet must have at most 6 decimals";
            return false;
        }

        LineNumber? number = null;
        if (type.HasNumber())
        {
            if (!TryGetDecimal(element, "number", out decimal? numberValue, out error))
            {
                return false;
            }
            if (numberValue is { } n)
            {
                if (!LineNumber.TryFromDecimal(n, out LineNumber line))
                {
                    error = "invalid number: spreads and totals are multiples of 0.25 up to 10000";
                    return false;
                }
                number = line;
            }
        }

        if (!TryGetString(element, "orderType", out string? orderTypeText, out error))
        {
            return false;
        }
        OrderType orderType = OrderType.Limit;
        if (orderTypeText is not null && !OrderTypes.TryParse(orderTypeText, out orderType))
        {
            error = "invalid orderType: must be limit, post, postArb, fillAndKill or fillOrKill";
            return false;
        }

        if (!TryGetDecimal(element, "expirationMinutes", out decimal? expiryValue, out error))
        {
            return false;
        }
        int? expirationMinutes = null;
        if (expiryValue is { } expiry)
        {
            if (expiry != decimal.Truncate(expiry) || expiry < 1 || expiry > 10_080)
            {
                error = "expirationMinutes must be a whole number from 1 to 10080";
                return false;
            }
            expirationMinutes = (int)expiry;
        }

        if (!TryGetString(element, "userReference", out string? userReference, out error))
        {
            return false;
        }
        if (userReference is { Length: > MaxUserReferenceLength })
        {
            error = $"userReference must be at most {MaxUserReferenceLength} characters";
            return false;
        }
        if (userReference is { Length: 0 })
        {
            userReference = null;
        }

        order = new OrderRequest(gameId, type, side, market, odds, bet, number, orderType, expirationMinutes, userReference);
        error = null;
        return true;
    }

    /// <summary>Reads an optional string; a value of another JSON type is an error, null counts as absent.</summary>
    private static bool TryGetString(JsonElement element, string name, out string? value, out string? error, string? alias = null)
    {
        value = null;
        error = null;
        if (!element.TryGetProperty(name, out JsonElement property) && (alias is null || !element.TryGetProperty(alias, out property)))
        {
            return true;
        }
        switch (property.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                if (!JsonText.TryGetString(property, out value))
                {
                    error = $"{name} is not valid Unicode text";
                    return false;
                }
                return true;
            default:
                error = $"{name} must be a string";
                return false;
        }
    }

    /// <summary>Reads an optional JSON number exactly; strings, booleans and numbers beyond decimal are errors.</summary>
    private static bool TryGetDecimal(JsonElement element, string name, out decimal? value, out string? error)
    {
        value = null;
        error = null;
        if (!element.TryGetProperty(name, out JsonElement property) || property.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (property.ValueKind != JsonValueKind.Number)
        {
            error = $"{name} must be a number";
            return false;
        }
        if (!property.TryGetDecimal(out decimal number))
        {
            error = $"{name} is out of range";
            return false;
        }
        value = number;
        return true;
    }
}
