using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api;

/// <summary>
/// The caller's orders and bets as the account endpoints show them (API §3.3, §4.7, §4.8). Like
/// <see cref="Views"/>, every member reads live engine state and runs on the sequencer thread only.
/// </summary>
public static class AccountViews
{
    public static GameSummaryDto GameSummary(Game game) => new(
        game.Id.ToString(), game.League, game.Sport, Wire.Time(game.StartsAt), game.Ended, game.EventName, IsFutures: false,
        Views.Participants(game));

    /// <summary>Bet-history figures (rules §1): a string with exactly 2 decimals, half away from zero.</summary>
    public static string Figure(Money value) => Wire.Cents(value);

    /// <summary>An order from its owner's side (API §4.7, §8.3: <c>participantID</c> = backed, <c>otherParticipantID</c> = offered to takers).</summary>
    public static UnmatchedOrderDto UnmatchedOrder(Order order)
    {
        OrderBook book = order.Book;
        bool hasParticipant = book.Type is MarketType.Moneyline or MarketType.Spread;
        bool open = order.State == OrderState.Open;
        return new UnmatchedOrderDto
        {
            Id = order.Id.ToString(),
            TxID = order.WagerRequestId.ToString(),
            Type = book.Type.ToWire(),
            Bet = Wire.Amount(order.Offered),
            Odds = order.Odds.Value,
            Spread = book.Type == MarketType.Spread ? Wire.Number(book.NumberFor(order.Side)) : null,
            Total = book.Type == MarketType.Total ? Wire.Number(book.NumberFor(order.Side)) : null,
            ParticipantID = hasParticipant ? Exchange.SideToken(book, order.Side) : null,
            OtherParticipantID = hasParticipant ? Exchange.SideToken(book, 1 - order.Side) : null,
            Filled = Wire.Amount(order.Filled),
            Offered = open ? Wire.Amount(order.Remaining) : 0,
            Remaining = Wire.Amount(order.Remaining),
            TakenRatio = decimal.Round(order.TakenRatio, 8, MidpointRounding.AwayFromZero),
            Expiry = Wire.Time(order.EffectiveExpiresAt),
            CreatedAt = Wire.Time(order.CreatedAt),
            Origin = "offer",
            UserReference = order.UserReference,
            WagerRequestID = order.WagerRequestId.ToString(),
            Closed = !open,
            IsPostArb = order.IsPostArb ? true : null,
            Game = GameSummary(order.Game),
        };
    }

    /// <summary>
    /// An order as a taker of it sees it (API §3.2 lookupOrder, §8.3). <c>isTheBestOffer</c>: the order
    /// is open and no order on its side of the book offers takers a better price (an equal price
    /// still counts as best); a closed order is no offer at all.
    /// </summary>
    public static LookupOrderDto LookupOrder(Order order)
    {
        OrderBook book = order.Book;
        Game game = book.Game;
        int takerSide = 1 - order.Side;
        bool open = order.State == OrderState.Open;
        Participant? participant = book.Type switch
        {
            MarketType.Moneyline or MarketType.Spread => takerSide == 0 ? game.Away : game.Home,
            MarketType.Moneyline1x2 => book.Key.Line switch
            {
                BookKey.AwayOutcome => game.Away,
                BookKey.HomeOutcome => game.Home,
                _ => null, // the draw
            },
            _ => null,
        };
        return new LookupOrderDto
        {
            Id = order.Id.ToString(),
            Cancelled = order.State == OrderState.Cancelled,
            IsTheBestOffer = open && book.Side(order.Side).Best is { } best && best.MakerOdds == order.Odds,
            Odds = order.Odds.Counter.Value,
            Type = book.Type.ToWire(),
            OU = book.Type == MarketType.Total ? Exchange.SideToken(book, takerSide) : null,
            Participant = participant?.Id.ToString(),
            ParticipantLongName = participant?.LongName,
            Spread = book.Type == MarketType.Spread ? Wire.Number(book.NumberFor(takerSide)) : null,
            Total = book.Type == MarketType.Total ? Wire.Number(book.NumberFor(takerSide)) : null,
            MatchedRisk = Figure(order.Filled),
            UnmatchedRisk = Figure(open ? order.Remaining : Money.Zero),
            Game = GameSummary(game),
        };
    }

    /// <summary>Ascending by game start, then by time, then by id: the order of every list here (API §3.3).</summary>
    public static IEnumerable<Order> Sorted(IEnumerable<Order> orders) => orders
        .OrderBy(o => o.Game.StartsAt).ThenBy(o => o.CreatedAt).ThenBy(o => o.Id);
}
