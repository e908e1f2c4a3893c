using System.Globalization;
using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api;

/// <summary>
/// Projections for the nested order book (API §3.1 <c>getSingleOrderbook</c>, v1 <c>getOrderbook</c>)
/// and the caller's order summary. Like <see cref="Views"/>, they read live engine state and run on
/// the sequencer thread only.
/// </summary>
internal static class NestedBooks
{
    /// <summary>
    /// The nested, taker-facing book of a game (API §8.3). Each resting order appears once, in the
    /// bucket of the side a taker gets, keyed by the taker's number; lines without offers on that
    /// side are left out; keys ascend numerically. <paramref name="caller"/> sees <c>createdBy</c> on its own orders.
    /// </summary>
    public static GameOrderbookNestedDto Game(Game game, Account? caller)
    {
        List<OrderbookOrderDto> awayMl = [], homeMl = [];
        var awaySpreads = new SortedDictionary<LineNumber, List<OrderbookOrderDto>>();
        var homeSpreads = new SortedDictionary<LineNumber, List<OrderbookOrderDto>>();
        var over = new SortedDictionary<LineNumber, List<OrderbookOrderDto>>();
        var under = new SortedDictionary<LineNumber, List<OrderbookOrderDto>>();
        // [outcome][taker side]: outcome 0 = away, 1 = home, 2 = draw (BookKey); taker side 0 = yes, 1 = no.
        List<OrderbookOrderDto>[][] threeWay = [[[], []], [[], []], [[], []]];
        decimal openInterest = 0;

        foreach (OrderBook book in game.Books)
        {
            for (int restingSide = 0; restingSide < 2; restingSide++)
            {
                int takerSide = 1 - restingSide;
                List<OrderbookOrderDto> bucket = book.Type switch
                {
                    MarketType.Moneyline => takerSide == 0 ? awayMl : homeMl,
                    MarketType.Spread => Bucket(takerSide == 0 ? awaySpreads : homeSpreads, book.NumberFor(takerSide)!.Value),
                    MarketType.Total => Bucket(takerSide == 0 ? over : under, book.NumberFor(takerSide)!.Value),
                    _ => threeWay[book.Key.Line][takerSide],
                };
                foreach (PriceLevel level in book.Side(restingSide).LevelsBestFirst)
                {
                    foreach (Order order in level.Orders)
                    {
                        openInterest += Wire.Amount(order.Offered);
                        bucket.Add(Views.BookEntry(order, takerSide, caller));
                    }
                }
            }
        }

        MainLines main = MainLines.Of(game);
        return new GameOrderbookNestedDto(Views.Game(game))
        {
            AwayMoneylines = awayMl,
            HomeMoneylines = homeMl,
            AwaySpreads = Keyed(awaySpreads),
            HomeSpreads = Keyed(homeSpreads),
            Over = Keyed(over),
            Under = Keyed(under),
            AwayMoneylines1x2 = game.HasThreeWay ? new AwayThreeWayDto(threeWay[BookKey.AwayOutcome][0], threeWay[BookKey.AwayOutcome][1]) : null,
            HomeMoneylines1x2 = game.HasThreeWay ? new HomeThreeWayDto(threeWay[BookKey.HomeOutcome][0], threeWay[BookKey.HomeOutcome][1]) : null,
            Draw1x2 = game.HasThreeWay ? new DrawThreeWayDto(threeWay[BookKey.DrawOutcome][0], threeWay[BookKey.DrawOutcome][1]) : null,
            MainHomeSpread = main.HomeSpread,
            MainAwaySpread = main.AwaySpread,
            MainTotal = main.Total,
            OpenInterest = openInterest,
            MatchedVolume = Wire.Amount(game.MatchedVolume),
        };
    }

    /// <summary>
    /// The caller's open orders on the games of <paramref name="league"/>, one summary per game that
    /// has any (4casters documents <c>orderSummary</c> as an array of objects), summed by the side
    /// each order backs. Risk is the remaining stake; win is what that stake would win at the
    /// order's own price, <c>floor(remaining × m(odds))</c> per order (the same rounding as
    /// <c>sumUntaken</c>). 1x2 orders have no place in this model and are left out.
    /// </summary>
    public static IReadOnlyList<OrderSummaryDto> Summary(Account caller, string league)
    {
        var games = new SortedDictionary<ObjectId, (decimal[,] Risk, decimal[,] Win)>();
        foreach (Order order in caller.OpenOrders)
        {
            if (order.Book.Type == MarketType.Moneyline1x2 || !string.Equals(order.Game.League, league, StringComparison.Ordinal))
            {
                continue;
            }
            if (!games.TryGetValue(order.Game.Id, out (decimal[,] Risk, decimal[,] Win) sums))
            {
                // [market: 0 moneyline, 1 spread, 2 total][side 0 = away/over, 1 = home/under]
                games[order.Game.Id] = sums = (new decimal[3, 2], new decimal[3, 2]);
            }
            int market = (int)order.Book.Type;
            sums.Risk[market, order.Side] += Wire.Amount(order.Remaining);
            sums.Win[market, order.Side] += order.Odds.WinOnInDollars(order.Remaining);
        }
        return [.. games.Select(g => new OrderSummaryDto(
            g.Key.ToString(),
            Sides(g.Value.Risk, g.Value.Win, (int)MarketType.Moneyline),
            Sides(g.Value.Risk, g.Value.Win, (int)MarketType.Spread),
            new TotalsSummaryDto(g.Value.Risk[2, 0], g.Value.Risk[2, 1], g.Value.Win[2, 0], g.Value.Win[2, 1])))];
    }

    /// <summary>A line number as a JSON object key: invariant, no trailing zeros, no plus sign (<c>"-3.5"</c>, <c>"6"</c>, <c>"0.25"</c>).</summary>
    public static string Key(LineNumber number) => number.ToDecimal().ToString("0.##", CultureInfo.InvariantCulture);

    private static SidesSummaryDto Sides(decimal[,] risk, decimal[,] win, int market) =>
        new(HomeRisk: risk[market, 1], AwayRisk: risk[market, 0], HomeWin: win[market, 1], AwayWin: win[market, 0]);

    private static List<OrderbookOrderDto> Bucket(SortedDictionary<LineNumber, List<OrderbookOrderDto>> byLine, LineNumber number)
    {
        if (!byLine.TryGetValue(number, out List<OrderbookOrderDto>? bucket))
        {
            bucket = [];
            byLine.Add(number, bucket);
        }
        return bucket;
    }

    private static OrderedDictionary<string, IReadOnlyList<OrderbookOrderDto>> Keyed(SortedDictionary<LineNumber, List<OrderbookOrderDto>> byLine)
    {
        var keyed = new OrderedDictionary<string, IReadOnlyList<OrderbookOrderDto>>(StringComparer.Ordinal);
        foreach ((LineNumber number, List<OrderbookOrderDto> orders) in byLine)
        {
            if (orders.Count > 0)
            {
                keyed.Add(Key(number), orders);
            }
        }
        return keyed;
    }
}

/// <summary>
/// A game's main spread and total: the line whose book holds the most resting stake (Σ remaining
/// stake of the orders on both sides). Ties go to the line nearest zero, then the lower line.
/// </summary>
internal readonly record struct MainLines(OrderBook? SpreadBook, OrderBook? TotalBook)
{
    public decimal? AwaySpread => SpreadBook?.NumberFor(0)?.ToDecimal();
    public decimal? HomeSpread => SpreadBook?.NumberFor(1)?.ToDecimal();
    public decimal? Total => TotalBook?.NumberFor(0)?.ToDecimal();

    public static MainLines Of(Game game) => new(MostStaked(game, MarketType.Spread), MostStaked(game, MarketType.Total));

    private static OrderBook? MostStaked(Game game, MarketType type)
    {
        OrderBook? main = null;
        Int128 mainStake = 0;
        foreach (OrderBook book in game.Books)
        {
            if (book.Type != type)
            {
                continue;
            }
            Int128 stake = RestingStake(book);
            if (stake > 0 && (main is null || stake > mainStake || (stake == mainStake && Nearer(book.Key.Line, main.Key.Line))))
            {
                main = book;
                mainStake = stake;
            }
        }
        return main;
    }

    private static bool Nearer(int line, int than) =>
        Math.Abs(line) < Math.Abs(than) || (Math.Abs(line) == Math.Abs(than) && line < than);

    private static Int128 RestingStake(OrderBook book)
    {
        Int128 stake = 0;
        for (int side = 0; side < 2; side++)
        {
            foreach (PriceLevel level in book.Side(side).LevelsBestFirst)
            {
                stake += level.TotalRemaining.Micros;
            }
        }
        return stake;
    }
}
