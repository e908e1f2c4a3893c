namespace OpenLine.Core.Tests;

/// <summary>
/// Named commands of every type, with the values a journal must carry exactly: nulls, quarter
/// lines, 1x2 markets, every market and order type, unicode text and the extremes of each field.
/// </summary>
internal static class CommandSamples
{
    private static readonly ObjectId SomeId = new(1_760_003_200, 42);
    private static readonly ObjectId MaxId = new(uint.MaxValue, ulong.MaxValue);
    private static readonly string Participant = new ObjectId(1_760_003_200, 7).ToString();

    public static readonly IReadOnlyDictionary<string, Command> All = Build();

    public static TheoryData<string> Names => [.. All.Keys];

    /// <summary>Every sample's encoding, in a stable order (for fuzzing).</summary>
    public static readonly byte[][] Encodings = [.. All.Values.Select(CommandCodec.Encode)];

    private static Dictionary<string, Command> Build()
    {
        var samples = new Dictionary<string, Command>(StringComparer.Ordinal)
        {
            ["advance time"] = AdvanceTime.Instance,
            ["create account"] = new CreateAccount("alice", "pbkdf2$abc", Money.FromDollars(1_000), Money.FromDollars(-500), CommissionRate.OnePercent),
            ["create account, unicode and empty"] = new CreateAccount("Zoë 🏈 Ünïcødé 名前", "", Money.Zero, Money.Zero, CommissionRate.FromPpm(0)),
            ["create account, extremes"] = new CreateAccount(new string('x', 300), "h", Money.MaxStake, -Money.MaxStake, CommissionRate.FromPpm(999_999)),
            ["create account, money at the limits of a long"] = new CreateAccount("m", "h", Money.FromMicros(long.MaxValue), Money.FromMicros(long.MinValue), CommissionRate.FromPpm(77_777)),
            ["deposit"] = new Deposit(SomeId, Money.FromDecimal(12.345678m)),
            ["deposit, extremes"] = new Deposit(MaxId, Money.FromMicros(long.MaxValue)),
            ["withdraw"] = new Withdraw(SomeId, Money.MaxStake),
            ["withdraw, empty id and negative amount"] = new Withdraw(ObjectId.Empty, Money.FromMicros(long.MinValue)),
            ["create game"] = new CreateGame("NBA", "basketball", 1_760_089_600_000, "Finals, game 7",
                new ParticipantSpec("Los Angeles Lakers", "LAL"), new ParticipantSpec("Boston Celtics", "BOS")),
            ["create game, no event name"] = new CreateGame("EPL", "soccer", 0, null, new ParticipantSpec("Arsenal", "ARS"), new ParticipantSpec("Chelsea", "CHE")),
            ["create game, unicode and extremes"] = new CreateGame("Bundesliga ⚽", "soccer", long.MaxValue, "",
                new ParticipantSpec("Bayern München", "FCB"), new ParticipantSpec("1. FC Köln 🐐", "KOE")),
            ["create game, start at long.MinValue"] = new CreateGame("x", "y", long.MinValue, "e", new ParticipantSpec("a", "a"), new ParticipantSpec("b", "b")),
            ["set game live"] = new SetGameLive(SomeId, true),
            ["set game not live"] = new SetGameLive(MaxId, false),
            ["place, no orders"] = new PlaceOrders(SomeId, []),
            ["place, moneyline limit"] = Place(Moneyline(100, 10m, OrderType.Limit)),
            ["place, odds -100000 and +100000"] = Place(Moneyline(-100_000, 1m, OrderType.Post), Moneyline(100_000, 1m, OrderType.PostArb)),
            ["place, odds -101 and +101"] = Place(Moneyline(-101, 1m, OrderType.FillAndKill), Moneyline(101, 1m, OrderType.FillOrKill)),
            ["place, max stake"] = Place(Moneyline(-110, 1_000_000_000_000m, OrderType.Limit)),
            ["place, one micro-dollar and non-positive stakes"] = new PlaceOrders(SomeId,
            [
                Moneyline(-110, 0.000001m, OrderType.Limit),
                Moneyline(-110, 0m, OrderType.Limit) with { Bet = Money.Zero },
                Moneyline(-110, 0m, OrderType.Limit) with { Bet = Money.FromMicros(long.MinValue) },
            ]),
            ["place, quarter spreads"] = Place(
                Spread(2.25m, OrderType.Limit), Spread(-0.75m, OrderType.Post), Spread(0m, OrderType.PostArb), Spread(-10_000m, OrderType.FillAndKill), Spread(10_000m, OrderType.FillOrKill)),
            ["place, totals"] = Place(Total("over", 200.5m), Total("under", 0.25m), Total("over", 0m)),
            ["place, line number extremes"] = Place(Total("over", 0m) with { Number = new LineNumber(int.MaxValue) }, Total("under", 0m) with { Number = new LineNumber(int.MinValue) }),
            ["place, 1x2 every outcome"] = Place(OneXTwo("yes", "draw"), OneXTwo("no", Participant), OneXTwo("yes", Participant), OneXTwo("no", null)),
            ["place, every order type of every market type"] = new PlaceOrders(MaxId,
                [.. Enum.GetValues<MarketType>().SelectMany(m => Enum.GetValues<OrderType>().Select(t => Moneyline(-115, 25m, t) with { Type = m }))]),
            ["place, expirations and references"] = Place(
                Moneyline(120, 50m, OrderType.Limit) with { ExpirationMinutes = 1, UserReference = "" },
                Moneyline(120, 50m, OrderType.Limit) with { ExpirationMinutes = 10_080, UserReference = "ref-Ω-🎯" },
                Moneyline(120, 50m, OrderType.Limit) with { ExpirationMinutes = int.MinValue, UserReference = new string('r', 1_000) },
                Moneyline(120, 50m, OrderType.Limit) with { ExpirationMinutes = int.MaxValue, Side = "" }),
            ["cancel order"] = new CancelOrder(SomeId, MaxId),
            ["cancel order, empty ids"] = new CancelOrder(ObjectId.Empty, ObjectId.Empty),
            ["issue token"] = new IssueToken(SomeId, "sha256:0123456789abcdef", 1_760_089_600_000),
            ["issue token, unicode and extremes"] = new IssueToken(MaxId, "jeton-été-🔑", long.MaxValue),
            ["issue token, expired long ago"] = new IssueToken(ObjectId.Empty, "", long.MinValue),
            ["revoke token"] = new RevokeToken("sha256:0123456789abcdef"),
            ["revoke token, empty"] = new RevokeToken(""),
            ["place with an idempotency key"] = new PlaceOrders(SomeId, [Moneyline(100, 10m, OrderType.Limit)], "retry-Ω-1"),
            ["cancel order with an idempotency key"] = new CancelOrder(SomeId, MaxId, ""),
            ["cancel orders"] = new CancelOrders(SomeId, [SomeId, MaxId, ObjectId.Empty]),
            ["cancel orders, none"] = new CancelOrders(SomeId, []),
            ["cancel all"] = new CancelAllOrders(SomeId, CancelScope.Everything),
            ["cancel all, every criterion"] = new CancelAllOrders(SomeId, new CancelScope(MaxId, MarketType.Moneyline1x2, "yes", "draw", "EPL", ["a", "", "ü"])),
            ["cancel all, no references"] = new CancelAllOrders(SomeId, new CancelScope(UserReferences: [])),
            ["heartbeat"] = new Heartbeat(SomeId, 10_000),
            ["heartbeat, extremes"] = new Heartbeat(MaxId, long.MinValue),
            ["edit"] = new EditOrder(SomeId, MaxId, AmericanOdds.FromInt32(-110), Money.FromDollars(50), OrderType.Limit, null, null, null, false),
            ["edit, v4 guards"] = new EditOrder(SomeId, MaxId, AmericanOdds.FromInt32(100_000), Money.MaxStake, OrderType.PostArb, "ref", 10_080,
                Money.FromDecimal(12.5m), true),
            ["pause"] = new PauseOrders(SomeId),
            ["resume"] = new ResumeOrders(MaxId),
            ["grade"] = new GradeGame(SomeId, 0, 117),
            ["grade, extremes"] = new GradeGame(MaxId, int.MinValue, int.MaxValue),
            ["void"] = new VoidGame(SomeId),
            ["configure, defaults"] = new ConfigureExchange(new ExchangeOptions()),
            ["configure, empty delay table"] = new ConfigureExchange(new ExchangeOptions
            {
                MinimumOffer = Money.OneCent,
                LiveDelayMilliseconds = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase),
                DefaultLiveDelayMilliseconds = 0,
                LiveOrderDefaultLifetimeMilliseconds = 1,
                MaxExpirationMinutes = 1,
            }),
            ["configure, extremes"] = new ConfigureExchange(new ExchangeOptions
            {
                MinimumOffer = Money.FromMicros(long.MaxValue),
                LiveDelayMilliseconds = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase)
                {
                    ["NBA"] = long.MaxValue, ["Liga Açores ⚽"] = 0, ["x"] = long.MinValue, [""] = 1,
                },
                DefaultLiveDelayMilliseconds = long.MinValue,
                LiveOrderDefaultLifetimeMilliseconds = long.MaxValue,
                MaxExpirationMinutes = int.MinValue,
            }),
            ["configure, with an open-orders limit"] = new ConfigureExchange(new ExchangeOptions { MaxOpenOrdersPerAccount = 1_000 }),
            ["configure, the largest open-orders limit"] = new ConfigureExchange(new ExchangeOptions { MaxOpenOrdersPerAccount = int.MaxValue, MinimumOffer = Money.OneCent }),
        };
        return samples;
    }

    private static PlaceOrders Place(params OrderRequest[] orders) => new(SomeId, orders);

    private static OrderRequest Moneyline(int odds, decimal bet, OrderType type) =>
        new(SomeId, MarketType.Moneyline, Participant, null, AmericanOdds.FromInt32(odds), Money.FromDecimal(bet), null, type, null, null);

    private static OrderRequest Spread(decimal number, OrderType type) =>
        new(SomeId, MarketType.Spread, Participant, null, AmericanOdds.FromInt32(-110), Money.FromDollars(10), LineNumber.FromDecimal(number), type, 30, "s");

    private static OrderRequest Total(string side, decimal number) =>
        new(SomeId, MarketType.Total, side, null, AmericanOdds.FromInt32(105), Money.FromDollars(10), LineNumber.FromDecimal(number), OrderType.Limit, null, null);

    private static OrderRequest OneXTwo(string side, string? market) =>
        new(SomeId, MarketType.Moneyline1x2, side, market, AmericanOdds.FromInt32(250), Money.FromDollars(10), null, OrderType.Limit, 5, "1x2");

    /// <summary>Asserts that two commands are equal field by field (lists and option tables by content).</summary>
    public static void AssertSame(Command expected, Command actual)
    {
        Assert.Equal(expected.GetType(), actual.GetType());
        switch (expected)
        {
            case PlaceOrders place:
                {
                    var other = (PlaceOrders)actual;
                    Assert.Equal(place with { Orders = other.Orders }, other); // every field but the list
                    Assert.Equal(place.AccountId, other.AccountId);
                    Assert.Equal(place.Orders.Count, other.Orders.Count);
                    for (int i = 0; i < place.Orders.Count; i++)
                    {
                        AssertSame(place.Orders[i], other.Orders[i]);
                    }
                    break;
                }
            case CancelOrders cancel:
                Assert.Equal(cancel.AccountId, ((CancelOrders)actual).AccountId);
                Assert.Equal(cancel.OrderIds, ((CancelOrders)actual).OrderIds);
                break;
            case CancelAllOrders all:
                {
                    CancelScope scope = ((CancelAllOrders)actual).Scope;
                    Assert.Equal(all.AccountId, ((CancelAllOrders)actual).AccountId);
                    Assert.Equal(all.Scope with { UserReferences = scope.UserReferences }, scope);
                    Assert.Equal(all.Scope.UserReferences, scope.UserReferences);
                    break;
                }
            case ConfigureExchange configure:
                Assert.Equal(configure with { Options = ((ConfigureExchange)actual).Options }, actual); // every field but the options
                AssertSame(configure.Options, ((ConfigureExchange)actual).Options);
                break;
            default:
                // The other commands are records of values, strings and ParticipantSpec records.
                Assert.Equal(expected, actual);
                break;
        }
    }

    public static void AssertSame(OrderRequest expected, OrderRequest actual)
    {
        Assert.Equal(expected.GameId, actual.GameId);
        Assert.Equal(expected.Type, actual.Type);
        Assert.Equal(expected.Side, actual.Side);
        Assert.Equal(expected.Market, actual.Market);
        Assert.Equal(expected.Odds, actual.Odds);
        Assert.Equal(expected.Bet, actual.Bet);
        Assert.Equal(expected.Number, actual.Number);
        Assert.Equal(expected.OrderType, actual.OrderType);
        Assert.Equal(expected.ExpirationMinutes, actual.ExpirationMinutes);
        Assert.Equal(expected.UserReference, actual.UserReference);
        Assert.Equal(expected, actual); // and nothing else differs
    }

    public static void AssertSame(ExchangeOptions expected, ExchangeOptions actual)
    {
        Assert.Equal(expected.MinimumOffer, actual.MinimumOffer);
        Assert.Equal(expected.DefaultLiveDelayMilliseconds, actual.DefaultLiveDelayMilliseconds);
        Assert.Equal(expected.LiveOrderDefaultLifetimeMilliseconds, actual.LiveOrderDefaultLifetimeMilliseconds);
        Assert.Equal(expected.MaxExpirationMinutes, actual.MaxExpirationMinutes);
        Assert.Equal(expected.MaxOpenOrdersPerAccount, actual.MaxOpenOrdersPerAccount);
        Assert.Equal(
            expected.LiveDelayMilliseconds.OrderBy(d => d.Key, StringComparer.Ordinal),
            actual.LiveDelayMilliseconds.OrderBy(d => d.Key, StringComparer.Ordinal));
        Assert.True(expected.SameAs(actual));
        Assert.Equal(expected.LiveDelayFor("nba"), actual.LiveDelayFor("nba")); // still case-insensitive
    }
}
