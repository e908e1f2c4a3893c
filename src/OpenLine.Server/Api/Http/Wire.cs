using System.Globalization;
using OpenLine.Core;

namespace OpenLine.Server.Api.Http;

/// <summary>How values are written on the wire (rules §1, API §1).</summary>
public static class Wire
{
    /// <summary>ISO 8601 UTC with milliseconds and <c>Z</c>, e.g. <c>2022-04-26T18:00:00.000Z</c>.</summary>
    public static string Time(long unixMilliseconds) =>
        DateTimeOffset.FromUnixTimeMilliseconds(unixMilliseconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string? Time(long? unixMilliseconds) => unixMilliseconds is { } ms ? Time(ms) : null;

    /// <summary>Where an order came from (API §4.9): <c>api</c>, <c>web</c> or <c>mobile</c>.</summary>
    public static string Platform(Platform platform) => platform switch
    {
        Core.Platform.Web => "web",
        Core.Platform.Mobile => "mobile",
        _ => "api",
    };

    /// <summary>REST place/edit <c>risk</c>, <c>win</c>, <c>winWithoutCommission</c>: 3 decimals, half away from zero.</summary>
    public static decimal Figure(Money value) => value.ToDecimal(3);

    /// <summary>Stakes (<c>amount</c>, <c>offered</c>, <c>bet</c>) and balances: full storage precision (6 decimals).</summary>
    public static decimal Amount(Money value) => value.ToDecimal();

    /// <summary>Graded figures (<c>risk</c>, <c>win</c>, <c>fee</c>, <c>result</c>): a string with exactly 2 decimals, half away from zero (rules §1).</summary>
    public static string Cents(Money value) => value.ToDecimal(2).ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>An exact amount as a string with all 6 decimals of the storage unit (exports: sums reconcile to the micro-dollar).</summary>
    public static string Exact(Money value) => value.ToDecimal().ToString("0.000000", CultureInfo.InvariantCulture);

    /// <summary>A spread or total number; null for moneyline and 1x2.</summary>
    public static decimal? Number(LineNumber? number) => number?.ToDecimal();
}
