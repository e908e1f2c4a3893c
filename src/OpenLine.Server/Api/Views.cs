using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api;

/// <summary>
/// Projections of engine objects into response DTOs. They read live engine state, so they run on
/// the sequencer thread only (inside <c>ExecuteAsync</c>/<c>QueryAsync</c> callbacks).
/// </summary>
public static class Views
{
    public static UserDto User(Account account) => new(
        account.Id.ToString(), account.Username, "p2p", "american",
        Wire.Amount(account.Balance), Wire.Amount(account.CreditLimit), Wire.Amount(account.Liability),
        Wire.Amount(account.Available), account.Commission.ToDecimal(),
        HasMarketMakerAccess: false, IsAdmin: false, IsPro: false, Wire.Time(account.CreatedAt));

    public static UserDto AuthenticatedUser(Account account, string token) => User(account) with { Auth = token };

    public static OverdrawnAccountDto Overdrawn(Account account) =>
        new(account.Id.ToString(), account.Username, Wire.Amount(account.Balance), Wire.Amount(account.Available));

    public static GameDto Game(Game game) => new()
    {
        Id = game.Id.ToString(),
        CheapDataUID = CheapDataUid(game),
        League = game.League,
        Sport = game.Sport,
        Start = Wire.Time(game.StartsAt),
        Ended = game.Ended,
        Live = game.Live,
        EventName = game.EventName,
        Participants = Participants(game),
    };

    /// <summary>The flat, taker-facing book of a game (API §8.3). <paramref name="caller"/> sees <c>createdBy</c> on its own orders.</summary>
    public static GameOrderbookFlatDto FlatOrderbook(Game game, Account? caller)
    {
        List<OrderbookOrderDto> awayMl = [], homeMl = [], awaySpreads = [], homeSpreads = [], over = [], under = [];
        List<OrderbookOrderDto>? away1x2 = game.HasThreeWay ? [] : null;
        List<OrderbookOrderDto>? home1x2 = game.HasThreeWay ? [] : null;
        List<OrderbookOrderDto>? draw1x2 = game.HasThreeWay ? [] : null;
        Money openInterest = Money.Zero;

        foreach (OrderBook book in game.Books)
        {
            for (int restingSide = 0; restingSide < 2; restingSide++)
            {
                int takerSide = 1 - restingSide;
                List<OrderbookOrderDto>? bucket = book.Type switch
                {
                    MarketType.Moneyline => takerSide == 0 ? awayMl : homeMl,
                    MarketType.Spread => takerSide == 0 ? awaySpreads : homeSpreads,
                    MarketType.Total => takerSide == 0 ? over : under,
                    _ => book.Key.Line switch
                    {
                        BookKey.AwayOutcome => away1x2,
                        BookKey.HomeOutcome => home1x2,
                        _ => draw1x2,
                    },
                };
                foreach (PriceLevel level in book.Side(restingSide).LevelsBestFirst)
                {
                    foreach (Order order in level.Orders)
                    {
                        openInterest += order.Offered;
                        bucket?.Add(BookEntry(order, takerSide, caller));
                    }
                }
            }
        }

        // Spreads and totals are flattened across lines: by line, then best price first (already so within a line).
        return new GameOrderbookFlatDto(Game(game))
        {
            AwayMoneylines = awayMl,
            HomeMoneylines = homeMl,
            AwaySpreads = awaySpreads,
            HomeSpreads = homeSpreads,
            Over = over,
            Under = under,
            AwayMoneylines1x2 = away1x2,
            HomeMoneylines1x2 = home1x2,
            Draw1x2 = draw1x2,
            OpenInterest = Wire.Amount(openInterest),
            MatchedVolume = Wire.Amount(game.MatchedVolume),
        };
    }

    /// <summary>A resting order as a taker of <paramref name="takerSide"/> sees it.</summary>
    public static OrderbookOrderDto BookEntry(Order order, int takerSide, Account? caller)
    {
        OrderBook book = order.Book;
        Game game = book.Game;
        AmericanOdds takerOdds = order.Odds.Counter;
        LineNumber? takerNumber = book.NumberFor(takerSide);
        return new OrderbookOrderDto
        {
            Id = order.Id.ToString(),
            Type = book.Type.ToWire(),
            CreatedBy = caller is not null && ReferenceEquals(order.Owner, caller) ? caller.Username : null,
            // The stake a taker can still put up: the maker's remaining potential win.
            SumUntaken = order.Odds.WinOnInDollars(order.Remaining),
            Odds = takerOdds.Value,
            Bet = Wire.Amount(order.Offered),
            GameID = game.Id.ToString(),
            TakenRatio = decimal.Round(order.TakenRatio, 8, MidpointRounding.AwayFromZero),
            Expiry = Wire.Time(order.EffectiveExpiresAt),
            CreatedAt = Wire.Time(order.CreatedAt),
            GameStartExpiry = order.GameStartExpiry,
            IsPostArb = order.IsPostArb ? true : null,
            ParticipantID = book.Type is MarketType.Moneyline or MarketType.Spread
                ? (takerSide == 0 ? game.Away : game.Home).Id.ToString()
                : null,
            Spread = book.Type == MarketType.Spread ? Wire.Number(takerNumber) : null,
            Total = book.Type == MarketType.Total ? Wire.Number(takerNumber) : null,
            OU = book.Type == MarketType.Total ? (takerSide == 0 ? "over" : "under") : null,
            Market = book.Type == MarketType.Moneyline1x2 ? Exchange.MarketToken(book) : null,
            Side = book.Type == MarketType.Moneyline1x2 ? (takerSide == 0 ? "yes" : "no") : null,
        };
    }

    /// <summary>A game's participants, away first (API §4.1), each with its <c>score</c> once the game is graded.</summary>
    public static ParticipantDto[] Participants(Game game) =>
    [
        new(game.Away.Id.ToString(), game.Away.LongName, game.Away.ShortName, "away", null, null, "") { Score = game.Score?.Away },
        new(game.Home.Id.ToString(), game.Home.LongName, game.Home.ShortName, "home", null, null, "") { Score = game.Score?.Home },
    ];

    private static string CheapDataUid(Game game) =>
        $"openline-{game.Id}-{DateTimeOffset.FromUnixTimeMilliseconds(game.StartsAt).UtcDateTime:yyyy-MM-dd}";

    /// <summary>A fill from the taker's side; <paramref name="figure"/> rounds risk, win and win-without-commission (REST: 3 decimals).</summary>
    public static MatchedFillDto Fill(FillReport fill, Func<Money, decimal> figure) => new(
        Wire.Amount(fill.Amount), fill.Odds.Value, Wire.Number(fill.Number), fill.Type.ToWire(), fill.Side, fill.Market,
        fill.MakerOrderId.ToString(), fill.TxId.ToString(), fill.WagerRequestId.ToString(), fill.UserReference,
        figure(fill.Risk), figure(fill.Win), figure(fill.WinWithoutCommission));

    public static CancelledOrderDto CancelledOrder(CancelReport c) => new(
        Success: true, c.OrderId.ToString(), c.Odds.Value, Wire.Amount(c.Filled), Offered: 0, Wire.Amount(c.Remaining), c.Side,
        Wire.Number(c.Number), c.GameId.ToString(), c.UserReference, c.Description);

    public static UnmatchedOfferDto Rest(RestReport rest) => new(
        rest.OrderId.ToString(), rest.WagerRequestId.ToString(), Wire.Amount(rest.Offered), rest.Odds.Value,
        rest.Type.ToWire(), rest.Side, rest.Market, Wire.Number(rest.Number), rest.UserReference);

    public static CancelResultDto Cancel(CancelReport report) => new(
        Success: true, report.OrderId.ToString(), report.Description, report.Odds.Value, Wire.Amount(report.Filled),
        Offered: 0, Wire.Amount(report.Remaining), report.GameId.ToString(), report.UserReference);
}
