using System.Text.Json.Serialization;

namespace OpenLine.Server.Api.Dtos;

/// <summary>
/// One settled fill from the caller's side (API §4.9 GradedWager, in the shape of the service's own
/// schema for <c>/user/v2/getGraded</c>, API §3.3): a taker row (<see cref="TakerGradedWagerDto"/>,
/// <c>origin: wager</c>) or a maker row (<see cref="MakerGradedWagerDto"/>, <c>origin: offer</c>).
/// The figures are ledger-anchored strings with 2 decimals (rules §1): <c>fee</c> is the commission
/// actually charged, <c>risk</c> = stake + fee, <c>win</c> = gross potential win − fee and
/// <c>result</c> the signed cash change the settlement made.
/// </summary>
/// <remarks>
/// The shared fields have defaults instead of <c>required</c> so that one <c>with</c> expression fills
/// them on either variant; <see cref="GradedRowFacts.ToDto(GradedGameDto)"/> is the one place that builds rows.
/// </remarks>
[JsonDerivedType(typeof(TakerGradedWagerDto))]
[JsonDerivedType(typeof(MakerGradedWagerDto))]
public abstract record GradedWagerDto
{
    /// <summary>The caller's order (session) id, as in MatchedBet rows.</summary>
    public string Id { get; init; } = "";

    /// <summary>The fill id.</summary>
    [JsonPropertyName("txID")]
    public string TxID { get; init; } = "";

    /// <summary>A 32-hex display ticket, the same for the same fill and side on every call.</summary>
    public string TicketNumber { get; init; } = "";

    public string Type { get; init; } = "";

    /// <summary><c>winner</c>, <c>loser</c>, <c>half-win</c>, <c>half-loss</c> or <c>refunded</c> (pushes and voids), from the caller's side.</summary>
    public string Outcome { get; init; } = "";

    /// <summary>The caller's stake on this fill.</summary>
    public decimal Bet { get; init; }

    /// <summary>The caller's price.</summary>
    public int Odds { get; init; }

    [JsonPropertyName("OU")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? OU { get; init; }

    [JsonPropertyName("participantID")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ParticipantID { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Market { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Side { get; init; }

    public string MatchedTime { get; init; } = "";

    /// <summary>When the current settlement was made (a regrade or void moves it).</summary>
    public string SettledAt { get; init; } = "";

    public string CreatedAt { get; init; } = "";
    public bool Graded { get; init; } = true;
    public bool Closed { get; init; }
    public bool Cancelled { get; init; }

    /// <summary>The operator voided the game and every stake went back.</summary>
    public bool AdminRefund { get; init; }

    /// <summary>Where the caller's order came from: <c>api</c>, or <c>web</c> for the web page.</summary>
    public string Platform { get; init; } = "api";
    public string Risk { get; init; } = "";
    public string Win { get; init; } = "";
    public string Fee { get; init; } = "";
    public string Result { get; init; } = "";
    public string Origin { get; init; } = "";

    [JsonPropertyName("wagerRequestID")]
    public string WagerRequestID { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? UserReference { get; init; }

    /// <summary>Only when true (rules §3: postArb fills carry it in history).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? IsPostArb { get; init; }

    public GradedGameDto Game { get; init; } = null!;
}

/// <summary>A fill the caller took. <c>spread</c> and <c>total</c> appear only on their own market types (the schema's taker row has no nullable numbers).</summary>
public sealed record TakerGradedWagerDto : GradedWagerDto
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Spread { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public decimal? Total { get; init; }
}

/// <summary>A fill of the caller's resting order. <c>spread</c> and <c>total</c> are always present (null off their market types), as the schema's maker row requires.</summary>
public sealed record MakerGradedWagerDto : GradedWagerDto
{
    public decimal? Spread { get; init; }
    public decimal? Total { get; init; }

    /// <summary>How much of the order's volume was filled, 0–1.</summary>
    public decimal TakenRatio { get; init; }

    public string? Expiry { get; init; }
}

/// <summary>
/// The game embedded in a graded row, as the service's schema has it (API §4.3 with [CORE-OAS]'s
/// fields): no <c>isFutures</c>, no null <c>eventName</c>, and each participant's final score once graded.
/// </summary>
public sealed record GradedGameDto
{
    public bool IsSpecials { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? EventName { get; init; }

    public string? TournamentName { get; init; }
    public string PeriodName { get; init; } = "Full Time";
    public required string Id { get; init; }
    public bool Ended { get; init; }
    public required string League { get; init; }
    public bool Live { get; init; }
    public required string Start { get; init; }
    public required string Sport { get; init; }
    public required IReadOnlyList<GradedParticipantDto> Participants { get; init; }
}

/// <summary>A participant of a graded game (API §4.2); <c>score</c> only when the game has a final score (not when voided).</summary>
public sealed record GradedParticipantDto
{
    public required string Id { get; init; }
    public required string LongName { get; init; }
    public required string ShortName { get; init; }
    public required string HomeAway { get; init; }
    public string FuturesSide { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Score { get; init; }
}

/// <summary>
/// Whole dollars, each rounded once from exact sums over the rows: <c>pnl</c> = Σ result, <c>volume</c> =
/// Σ min(risk, win), refunded rows (pushes, voids) included, as API §3.3 writes the formula.
/// </summary>
public sealed record GradedSummaryDto(long Pnl, long Volume);

/// <summary><c>getGraded</c> and <c>getGradedWagers</c>: the rows, game start descending, and their summary.</summary>
public sealed record GradedDto(IReadOnlyList<GradedWagerDto> Graded, GradedSummaryDto Summary);

/// <summary>
/// One page of <c>getGradedSince</c>: up to 100 rows in settlement order, whether more follow, the
/// opaque cursor to send next, and <c>settledThrough</c> (every settlement at or before it is delivered).
/// </summary>
public sealed record GradedSinceDto(IReadOnlyList<GradedWagerDto> Graded, bool HasMore, string Cursor, string SettledThrough);
