using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api;

/// <summary>
/// What one settled fill's graded row (API §3.3, §4.9) needs, from the caller's side, copied on the
/// engine thread by <see cref="CallerBets.GradedFacts"/>. Every field is a value or an immutable
/// object, so the row can be built (<see cref="ToDto()"/>), sorted and summed after the sequencer
/// query returns, on the request thread: a long history then costs the single engine thread one
/// copy per row, not the building of a response.
/// </summary>
/// <param name="Taker">The caller took the fill (<c>origin: wager</c>); false: its resting order was hit (<c>offer</c>).</param>
/// <param name="Id">The row id: the caller's order, or for a taker whose order never rested its wager request (<see cref="CallerBets.RowId"/>).</param>
/// <param name="Side">The caller's side token (a participant id, over/under or yes/no).</param>
/// <param name="Market">The 1x2 market token; null for other market types.</param>
/// <param name="Number">The caller's spread or the total; null for moneyline and 1x2.</param>
/// <param name="Odds">The caller's American odds.</param>
/// <param name="CreatedAt">When the caller's order was made (a taker's: when it matched).</param>
/// <param name="TakenRatio">Maker rows: the share of the order's volume filled (0 for a taker).</param>
/// <param name="Expiry">Maker rows: the order's effective expiry (Unix ms), if any.</param>
/// <param name="Cancelled">Maker rows: the rest of the order was cancelled (by its owner, an expiry, or the market closing at grading).</param>
/// <param name="Platform">Where the caller's order came from (API §4.9).</param>
public readonly record struct GradedRowFacts(
    bool Taker,
    ObjectId Id,
    ObjectId TxId,
    ObjectId WagerRequestId,
    MarketType Type,
    string Side,
    string? Market,
    LineNumber? Number,
    Money Stake,
    int Odds,
    GradedFigures Figures,
    long MatchedAt,
    long CreatedAt,
    long SettledAt,
    bool AdminRefund,
    bool IsPostArb,
    string? UserReference,
    decimal TakenRatio,
    long? Expiry,
    bool Cancelled,
    Platform Platform,
    GradedRowFacts.GameState Game)
{
    public string Origin => Taker ? "wager" : "offer";

    /// <summary>The row, with its own game object.</summary>
    public GradedWagerDto ToDto() => ToDto(Game.ToDto());

    /// <summary>The row, embedding <paramref name="game"/> (the <see cref="GameState.ToDto"/> of <see cref="Game"/>, which rows of one game may share).</summary>
    public GradedWagerDto ToDto(GradedGameDto game)
    {
        decimal? spread = Type == MarketType.Spread ? Wire.Number(Number) : null;
        decimal? total = Type == MarketType.Total ? Wire.Number(Number) : null;
        GradedWagerDto row = Taker
            ? new TakerGradedWagerDto { Spread = spread, Total = total }
            : new MakerGradedWagerDto
            {
                Spread = spread,
                Total = total,
                TakenRatio = decimal.Round(TakenRatio, 8, MidpointRounding.AwayFromZero),
                Expiry = Wire.Time(Expiry),
                Cancelled = Cancelled,
            };
        return row with
        {
            Id = Id.ToString(),
            TxID = TxId.ToString(),
            TicketNumber = CallerBets.TicketNumber(TxId, Origin),
            Type = Type.ToWire(),
            Outcome = Figures.Outcome.ToWire(),
            Bet = Wire.Amount(Stake),
            Odds = Odds,
            OU = Type == MarketType.Total ? Side : null,
            ParticipantID = Type is MarketType.Moneyline or MarketType.Spread ? Side : null,
            Market = Market,
            Side = Type == MarketType.Moneyline1x2 ? Side : null,
            MatchedTime = Wire.Time(MatchedAt),
            SettledAt = Wire.Time(SettledAt),
            CreatedAt = Wire.Time(CreatedAt),
            AdminRefund = AdminRefund,
            Platform = Wire.Platform(Platform),
            Risk = AccountViews.Figure(Figures.Risk),
            Win = AccountViews.Figure(Figures.Win),
            Fee = AccountViews.Figure(Figures.Fee),
            Result = AccountViews.Figure(Figures.Result),
            Origin = Origin,
            WagerRequestID = WagerRequestId.ToString(),
            UserReference = UserReference,
            IsPostArb = IsPostArb ? true : null,
            Game = game,
        };
    }

    /// <summary>
    /// A game as graded rows show it, copied once per game and query (<see cref="Game"/> changes when
    /// it is regraded or goes live; <see cref="Participant"/> never changes).
    /// </summary>
    public sealed record GameState(ObjectId Id, string League, string Sport, long StartsAt, string? EventName, bool Ended, bool Live,
        FinalScore? Score, Participant Away, Participant Home)
    {
        /// <summary>Engine thread only.</summary>
        public static GameState Of(Game game) =>
            new(game.Id, game.League, game.Sport, game.StartsAt, game.EventName, game.Ended, game.Live, game.Score, game.Away, game.Home);

        /// <summary>
        /// The game inside a graded row (API §4.3 as the service's graded schema has it): the fields of
        /// <see cref="Views.Game"/> it allows, and each participant's score once the game has a final one.
        /// </summary>
        public GradedGameDto ToDto() => new()
        {
            EventName = EventName,
            Id = Id.ToString(),
            Ended = Ended,
            League = League,
            Live = Live,
            Start = Wire.Time(StartsAt),
            Sport = Sport,
            Participants =
            [
                new GradedParticipantDto
                {
                    Id = Away.IdText, LongName = Away.LongName, ShortName = Away.ShortName, HomeAway = "away", Score = Score?.Away,
                },
                new GradedParticipantDto
                {
                    Id = Home.IdText, LongName = Home.LongName, ShortName = Home.ShortName, HomeAway = "home", Score = Score?.Home,
                },
            ],
        };
    }
}
