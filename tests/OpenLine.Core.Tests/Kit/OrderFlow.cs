using CsCheck;

namespace OpenLine.Core.Tests;

/// <summary>One step of a generated order flow.</summary>
internal abstract record FlowOp;

/// <param name="Market">0 moneyline, 1 spread, 2 total, 3 1x2 (offered on soccer games only: elsewhere the order is refused).</param>
/// <param name="Line">Spread and total: an index into the market's lines (spread: the away handicap; total: the number);
/// 1x2: the outcome (0 away wins, 1 home wins, 2 draw).</param>
/// <param name="Side">0 away / over / yes, 1 home / under / no.</param>
internal sealed record OrderSpec(int Game, int Market, int Line, int Side, int Odds, long BetMicros, OrderType Type, int? ExpirationMinutes);

internal sealed record PlaceOp(int Account, OrderSpec[] Orders) : FlowOp;

/// <param name="Pick">Which order to cancel: an index into every order ever rested (modulo), or an unknown id when negative.</param>
internal sealed record CancelOp(int Account, int Pick) : FlowOp;

internal sealed record AdvanceOp(long Milliseconds) : FlowOp;

internal sealed record SetLiveOp(int Game, bool Live) : FlowOp;

/// <summary>Grades (or regrades) a game with a final score.</summary>
internal sealed record GradeOp(int Game, int Away, int Home) : FlowOp;

internal sealed record VoidOp(int Game) : FlowOp;

internal sealed record AccountSpec(long BalanceMicros, long CreditLimitMicros, int CommissionPpm);

internal sealed record Flow(AccountSpec[] Accounts, int GameCount, FlowOp[] Ops)
{
    public override string ToString() =>
        $"accounts: [{string.Join(", ", Accounts.Select(a => a.ToString()))}], games: {GameCount}\n" +
        string.Join('\n', Ops.Select(o => o is PlaceOp p ? $"Place(a{p.Account}: {string.Join("; ", p.Orders.Select(s => s.ToString()))})" : o.ToString()));
}

/// <summary>
/// The seeded order-flow generator shared by the property tests: a few accounts with random cash,
/// credit and commission, one to three games, and places of every order type on moneyline, spread,
/// total (whole, half and quarter lines) and 1x2 markets priced near each other so that orders cross
/// often. Game 0 is not soccer, so its 1x2 orders are refused; runners make the other games soccer.
/// </summary>
internal static class OrderFlow
{
    // Small lines (with a whole number each, so pushes happen, and two quarter lines each, so half-wins and
    // half-losses happen) keep the reference model's brute-force netting over every final score cheap:
    // scores from 0 to ReferenceExchange.MaxScore cover every region. Spread: the away handicap.
    public static readonly decimal[] SpreadLines = [-1.5m, 2m, -1.25m, -0.75m];
    public static readonly decimal[] TotalLines = [2.5m, 3m, 2.25m, 2.75m];

    // Markets 1 and 2 index their lines; market 3 (1x2) has three outcomes. The moneyline is a single book and
    // crosses often at any weight; the others are spread over several books, so they are drawn more often.
    private static readonly Gen<int> Market = Gen.Frequency((2, Gen.Const(0)), (3, Gen.Const(1)), (3, Gen.Const(2)), (3, Gen.Const(3)));

    private static readonly Gen<int> Odds = Gen.Frequency(
        (4, Gen.OneOf(-130, -120, -115, -110, -105, -102, -101, 100, 101, 102, 105, 110, 115, 120, 130, 190, 198, 200, -200, -202)),
        (1, Gen.Int[-300, 300].Select(v => v < 0 ? v - 100 : v + 100)));

    private static readonly Gen<long> Bet = Gen.Frequency(
        (3, Gen.OneOf(5_000_000L, 9_999_999L, 10_000_000L, 25_000_000L, 50_000_000L, 100_000_000L, 123_456_789L, 500_000_000L)),
        (2, Gen.Long[1_000_000L, 300_000_000L]));

    private static readonly Gen<OrderType> Type = Gen.Frequency(
        (5, Gen.Const(OrderType.Limit)), (2, Gen.Const(OrderType.Post)), (2, Gen.Const(OrderType.PostArb)),
        (2, Gen.Const(OrderType.FillAndKill)), (2, Gen.Const(OrderType.FillOrKill)));

    private static readonly Gen<int?> Expiry = Gen.Frequency(
        (4, Gen.Const((int?)null)), (1, Gen.OneOf<int?>(1, 5, 30)));

    private static readonly Gen<AccountSpec> Account = Gen.Select(
        Gen.OneOf(0L, 100_000_000L, 1_000_000_000L, 50_000_000_000L),
        Gen.OneOf(0L, -500_000_000L),
        Gen.OneOf(0, 10_000, 25_000, 77_777),
        (b, c, p) => new AccountSpec(b, c, p));

    private static Gen<OrderSpec> Spec(int games) => Gen.Select(
        Gen.Int[0, games - 1], Market, Gen.Int[0, 11], Gen.Int[0, 1], Odds, Bet, Type, Expiry,
        (g, m, l, s, o, b, t, e) => new OrderSpec(
            m == 3 && games > 1 ? 1 + (g % (games - 1)) : g, // 1x2 on a soccer game, when the flow has one
            m,
            m switch { 0 => 0, 3 => l % 3, _ => l % SpreadLines.Length }, // both line lists have four
            s, o, b, t, e));

    /// <summary>Pre-game flows: places, cancels and time advances that stay well before the games start.</summary>
    public static Gen<Flow> PreGame(int maxOps) =>
        from accounts in Account.Array[2, 4]
        from games in Gen.Int[1, 2]
        from ops in Op(accounts.Length, games, live: false).Array[1, maxOps]
        select new Flow(accounts, games, ops);

    /// <summary>Flows that also mark games live and run past their start (live delays, game-start cancels).</summary>
    public static Gen<Flow> WithLive(int maxOps) =>
        from accounts in Account.Array[2, 4]
        from games in Gen.Int[1, 2]
        from ops in Op(accounts.Length, games, live: true).Array[1, maxOps]
        select new Flow(accounts, games, ops);

    /// <summary>
    /// Pre-game flows that also grade, regrade and void games (scores small enough for the reference
    /// model's brute force) and move cash in and out: the ledger's property tests. A first stretch of
    /// trading without results builds up bets on every market before the first grade can end a game
    /// (otherwise most orders would go to games already ended and few bets would reach a result).
    /// </summary>
    public static Gen<Flow> WithSettlement(int maxOps) =>
        from accounts in Account.Array[2, 4]
        from games in Gen.Int[1, 3]
        from trading in Op(accounts.Length, games, live: false).Array[0, maxOps / 2]
        from settling in SettlementOp(accounts.Length, games).Array[1, maxOps - (maxOps / 2)]
        select new Flow(accounts, games, [.. trading, .. settling]);

    private static Gen<FlowOp> SettlementOp(int accounts, int games)
    {
        // Mostly soccer-like scores, where the lines cut (pushes on whole lines, halves on quarter lines), now and then any score.
        Gen<int> score = Gen.Frequency((3, Gen.Int[0, 3]), (1, Gen.Int[0, ReferenceExchange.MaxGradedScore]));
        Gen<FlowOp> grade = Gen.Select(Gen.Int[0, games - 1], score, score, (g, a, h) => (FlowOp)new GradeOp(g, a, h));
        Gen<FlowOp> voidGame = Gen.Int[0, games - 1].Select(g => (FlowOp)new VoidOp(g));
        Gen<long> amount = Gen.Frequency((3, Gen.OneOf(1L, 10_000L, 50_000_000L, 1_000_000_000L)), (2, Gen.Long[1, 2_000_000_000L]), (1, Gen.OneOf(0L, -5L)));
        Gen<FlowOp> deposit = Gen.Select(Gen.Int[0, accounts - 1], amount, (a, m) => (FlowOp)new DepositOp(a, m));
        Gen<FlowOp> withdraw = Gen.Select(Gen.Int[0, accounts - 1], amount, (a, m) => (FlowOp)new WithdrawOp(a, m));
        return Gen.Frequency((20, Op(accounts, games, live: false)), (2, grade), (1, voidGame), (1, deposit), (2, withdraw));
    }

    private static Gen<FlowOp> Op(int accounts, int games, bool live)
    {
        Gen<FlowOp> place = Gen.Select(Gen.Int[0, accounts - 1], Spec(games).Array[1, 3], (a, s) => (FlowOp)new PlaceOp(a, s));
        Gen<FlowOp> cancel = Gen.Select(Gen.Int[0, accounts - 1], Gen.Int[-1, 50], (a, p) => (FlowOp)new CancelOp(a, p));
        Gen<FlowOp> advance = live
            ? Gen.OneOf(1_000L, 4_000L, 30_000L, 400_000L, 3_600_000L).Select(ms => (FlowOp)new AdvanceOp(ms))
            : Gen.OneOf(1_000L, 30_000L, 120_000L, 600_000L).Select(ms => (FlowOp)new AdvanceOp(ms));
        Gen<FlowOp> setLive = Gen.Select(Gen.Int[0, games - 1], Gen.Bool, (g, l) => (FlowOp)new SetLiveOp(g, l));
        return live
            ? Gen.Frequency((10, place), (2, cancel), (2, advance), (1, setLive))
            : Gen.Frequency((10, place), (2, cancel), (2, advance));
    }

    /// <summary>Games for a flow start this long after <see cref="TestExchange.T0"/>; pre-game flows never reach it.</summary>
    public const long LiveFlowGameStart = 2 * 3_600_000;

    public static OrderRequest ToRequest(OrderSpec spec, Game game)
    {
        AmericanOdds odds = AmericanOdds.FromInt32(spec.Odds);
        Money bet = Money.FromMicros(spec.BetMicros);
        Participant backed = spec.Side == 0 ? game.Away : game.Home;
        return spec.Market switch
        {
            0 => new OrderRequest(game.Id, MarketType.Moneyline, backed.Id.ToString(), null, odds, bet, null, spec.Type, spec.ExpirationMinutes, null),
            1 => new OrderRequest(game.Id, MarketType.Spread, backed.Id.ToString(), null, odds, bet,
                LineNumber.FromDecimal(spec.Side == 0 ? SpreadLines[spec.Line] : -SpreadLines[spec.Line]), spec.Type, spec.ExpirationMinutes, null),
            2 => new OrderRequest(game.Id, MarketType.Total, spec.Side == 0 ? "over" : "under", null, odds, bet,
                LineNumber.FromDecimal(TotalLines[spec.Line]), spec.Type, spec.ExpirationMinutes, null),
            _ => new OrderRequest(game.Id, MarketType.Moneyline1x2, spec.Side == 0 ? "yes" : "no",
                spec.Line switch { 0 => game.Away.Id.ToString(), 1 => game.Home.Id.ToString(), _ => "draw" },
                odds, bet, null, spec.Type, spec.ExpirationMinutes, null),
        };
    }
}
