namespace OpenLine.Core.Tests;

/// <summary>
/// A deliberately simple reference implementation of rules §1–§5 for pre-game books, used as the
/// oracle of the model-based property test. It shares no code with the engine: plain lists, a
/// linear scan sorted on every match, amounts as <c>long</c> micro-dollars and prices as the
/// integer fractions of API §8.2. Readability over speed.
/// </summary>
internal sealed class ReferenceExchange(long minimumOffer)
{
    private const long Cent = 10_000;
    private readonly List<ModelOrder> _orders = [];
    private readonly List<ModelAccount> _accounts = [];
    private readonly Dictionary<int, (int Away, int Home)?> _results = []; // ended games: their score, or null when voided
    private readonly HashSet<int> _threeWayGames = [];
    private long _priority;

    /// <summary>Graded scores stay within the brute-force range of the netting, so the lines' regions are all reachable.</summary>
    public const int MaxGradedScore = ModelAccount.MaxScore;

    public long MinimumOffer { get; } = minimumOffer;

    public IReadOnlyList<ModelOrder> AllOrders => _orders;

    public ModelAccount AddAccount(long balance, long creditLimit, int commissionPpm)
    {
        var account = new ModelAccount(this) { Cash = balance, CreditLimit = creditLimit, CommissionPpm = commissionPpm };
        _accounts.Add(account);
        return account;
    }

    /// <summary>Offers 1x2 markets on a game (a soccer game); orders for them on any other game are refused.</summary>
    public void OfferThreeWay(int game) => _threeWayGames.Add(game);

    public bool IsEnded(int game) => _results.ContainsKey(game);

    /// <summary>The final score a bet's game was graded on: null while ungraded or voided (stakes back).</summary>
    public (int Away, int Home)? ScoreOf(int game) => _results.GetValueOrDefault(game);

    /// <summary>Σ taker commission of every bet on a graded game: c·G on a win, c·min(A, G) on a loss, half of one on a half, none on a push (rules §7).</summary>
    public long House => _accounts.Sum(a => a.Bets.Sum(b => ScoreOf(b.Game) is { } s ? b.Fee(s.Away, s.Home) : 0));

    /// <summary>Grades (or regrades) a game: its open orders close; balances follow from the score (they are recomputed, never moved).</summary>
    public void Grade(int game, int away, int home) => End(game, (away, home));

    public void Void(int game) => End(game, null);

    private void End(int game, (int Away, int Home)? score)
    {
        foreach (ModelOrder o in _orders.Where(o => o.IsOpen && o.Book.Game == game))
        {
            Close(o, cancelled: true);
        }
        _results[game] = score;
    }

    public RejectReason Deposit(ModelAccount account, long amount)
    {
        if (amount <= 0 || amount > 1_000_000_000_000_000_000)
        {
            return RejectReason.InvalidAmount;
        }
        account.Cash += amount;
        return RejectReason.None;
    }

    /// <summary>Only cash that backs nothing may leave: at most max(0, balance + liability).</summary>
    public RejectReason Withdraw(ModelAccount account, long amount)
    {
        if (amount <= 0 || amount > 1_000_000_000_000_000_000)
        {
            return RejectReason.InvalidAmount;
        }
        if (amount > Math.Max(0, account.Balance + account.Liability))
        {
            return RejectReason.InsufficientFunds;
        }
        account.Cash -= amount;
        return RejectReason.None;
    }

    /// <summary>m(o) as a fraction: o/100 for positive odds, 100/|o| for negative (API §8.2).</summary>
    public static (long Num, long Den) M(int odds) => odds > 0 ? (odds, 100) : (100, -odds);

    /// <summary>Cancels every open order whose expiry is at or before <paramref name="now"/>.</summary>
    public void ExpireUntil(long now)
    {
        foreach (ModelOrder o in _orders.Where(o => o.IsOpen && o.ExpiresAt is { } at && at <= now))
        {
            Close(o, cancelled: true);
        }
    }

    public RejectReason Cancel(ModelAccount account, ModelOrder? order)
    {
        if (order is null)
        {
            return RejectReason.UnknownOrder;
        }
        if (order.Owner != account)
        {
            return RejectReason.NotYourOrder;
        }
        if (!order.IsOpen)
        {
            return RejectReason.OrderNotOpen;
        }
        Close(order, cancelled: true);
        return RejectReason.None;
    }

    public ModelOutcome Place(ModelAccount taker, (int Game, int Market, int Line) book, int side, int odds, long bet,
        OrderType type, int? expirationMinutes, long now)
    {
        if (book.Market == 3 && !_threeWayGames.Contains(book.Game))
        {
            return ModelOutcome.Rejected(RejectReason.MarketNotOffered); // 1x2 is a soccer market (rules §3)
        }
        if (IsEnded(book.Game))
        {
            return ModelOutcome.Rejected(RejectReason.GameNotOpen);
        }
        bool mustRest = type is OrderType.Post or OrderType.PostArb;
        if (mustRest && bet < MinimumOffer)
        {
            return ModelOutcome.Rejected(RejectReason.BelowMinimumOffer);
        }

        // Simulate: counter-side orders of other accounts whose taker price −M is at least as good as
        // the order's odds, best taker price first (largest m(−M) = smallest m(M)), then oldest.
        (long on, long od) = M(odds);
        List<ModelOrder> candidates = [.. _orders
            .Where(o => o.IsOpen && o.Book == book && o.Side != side && o.Owner != taker)
            .Where(o => { (long n, long d) = M(o.Odds); return d * od >= on * n; })
            .OrderBy(o => o, Comparer<ModelOrder>.Create(ByMakerMultiplierThenAge))];
        var fills = new List<ModelFill>();
        long remaining = bet;
        foreach (ModelOrder maker in candidates)
        {
            if (remaining == 0)
            {
                break;
            }
            (long n, long d) = M(maker.Odds);
            long cap = (long)((Int128)maker.Remaining * n / d);        // floor(R × m(M))
            long a = remaining >= cap ? cap : remaining;
            long g = (long)((Int128)a * d / n);                        // floor(A × m(−M))
            if (g == 0)
            {
                break;
            }
            fills.Add(new ModelFill(maker, a, g));
            remaining -= a;
        }
        long filled = bet - remaining;

        switch (type)
        {
            case OrderType.Post when fills.Count > 0:
                return ModelOutcome.Rejected(RejectReason.PostWouldMatch);
            case OrderType.PostArb when fills.Count > 0:
                {
                    (long pn, long pd) = M(-fills[0].Maker.Odds); // p = the best taker price, −M
                    if (100 * on * pd < 99 * pn * od)
                    {
                        return ModelOutcome.Rejected(RejectReason.PostArbOutsideBand);
                    }
                    break;
                }
            case OrderType.FillAndKill when fills.Count == 0:
                return ModelOutcome.Rejected(RejectReason.FillAndKillNoMatch);
            case OrderType.FillOrKill when fills.Count == 0:
                return ModelOutcome.Rejected(RejectReason.FillOrKillNoMatch);
            case OrderType.FillOrKill when bet - filled > MinimumOffer:
                return ModelOutcome.Rejected(RejectReason.FillOrKillPartial);
        }
        if (type == OrderType.Limit && fills.Count == 0 && bet < MinimumOffer)
        {
            return ModelOutcome.Rejected(RejectReason.BelowMinimumOffer);
        }

        long rest = type is OrderType.FillAndKill or OrderType.FillOrKill ? 0 : bet - filled;
        if (rest > 0 && rest < MinimumOffer && fills.Count > 0)
        {
            rest = 0;
        }
        bool free = type == OrderType.PostArb;
        // Rules §5 with netting: the resting stake plus how much the fills worsen the taker's worst case on this game.
        ModelBet[] takerBets = [.. fills.Select(f => new ModelBet(book.Game, book.Market, book.Line, side, Win(taker, f, free), Risk(taker, f, free)))];
        long needed = rest + taker.ExposureOn(book.Game, takerBets) - taker.ExposureOn(book.Game, []);
        if (needed > taker.Available)
        {
            return ModelOutcome.Rejected(RejectReason.InsufficientBalance);
        }

        foreach (ModelFill f in fills)
        {
            ModelOrder maker = f.Maker;
            maker.Remaining -= f.G;
            maker.Owner.Resting -= f.G;
            maker.Owner.Bets.Add(new ModelBet(book.Game, book.Market, book.Line, 1 - side, f.A, f.G));
            taker.Bets.Add(new ModelBet(book.Game, book.Market, book.Line, side, Win(taker, f, free), Risk(taker, f, free))
            {
                WinFee = free ? 0 : Commission(f.G, taker.CommissionPpm),
                LossFee = free ? 0 : Commission(Math.Min(f.A, f.G), taker.CommissionPpm),
            });
            if (maker.Remaining < Cent)
            {
                Close(maker, cancelled: false);
            }
        }
        ModelOrder? resting = null;
        if (rest > 0)
        {
            resting = new ModelOrder
            {
                Id = _orders.Count,
                Owner = taker,
                Book = book,
                Side = side,
                Odds = odds,
                Remaining = rest,
                Priority = ++_priority,
                ExpiresAt = expirationMinutes is { } m ? now + (m * 60_000L) : null,
            };
            _orders.Add(resting);
            taker.Resting += rest;
        }
        return new ModelOutcome(RejectReason.None, fills, resting);
    }

    /// <summary>Taker risk: A + c·min(A, G) rounded half away from zero; postArb pays none (rules §1, §3).</summary>
    private static long Risk(ModelAccount taker, ModelFill f, bool free) =>
        free ? f.A : f.A + Commission(Math.Min(f.A, f.G), taker.CommissionPpm);

    /// <summary>Taker win: G − c·G rounded half away from zero; postArb pays none.</summary>
    private static long Win(ModelAccount taker, ModelFill f, bool free) =>
        free ? f.G : f.G - Commission(f.G, taker.CommissionPpm);

    private static long Commission(long amount, int ppm) => (long)(((Int128)amount * ppm + 500_000) / 1_000_000);

    private static int ByMakerMultiplierThenAge(ModelOrder x, ModelOrder y)
    {
        (long xn, long xd) = M(x.Odds);
        (long yn, long yd) = M(y.Odds);
        int byPrice = (xn * yd).CompareTo(yn * xd);
        return byPrice != 0 ? byPrice : x.Priority.CompareTo(y.Priority);
    }

    private static void Close(ModelOrder order, bool cancelled)
    {
        order.Owner.Resting -= order.Remaining;
        order.Remaining = 0;
        order.IsOpen = false;
        order.WasCancelled = cancelled;
    }
}

internal sealed class ModelAccount(ReferenceExchange exchange)
{
    /// <summary>Deposits − withdrawals.</summary>
    public long Cash { get; set; }

    /// <summary>Settled cash: what came in and went out, plus every bet on a graded game settled from its score.</summary>
    public long Balance => Cash + Bets.Sum(b => exchange.ScoreOf(b.Game) is { } s ? b.Pnl(s.Away, s.Home) : 0);

    public long CreditLimit { get; init; }
    public int CommissionPpm { get; init; }
    /// <summary>Final scores from 0 to this, for each team, cover every region the flow's lines cut.</summary>
    public const int MaxScore = 8;

    public long Resting { get; set; }
    public List<ModelBet> Bets { get; } = [];

    /// <summary>Σ over games of the worst-case loss of the matched bets, by brute force over every final score.</summary>
    public long Matched => Bets.Select(b => b.Game).Distinct().Where(g => !exchange.IsEnded(g)).Sum(g => ExposureOn(g, []));

    public long Liability => -(Resting + Matched);

    /// <summary>
    /// The worst-case loss on one game (rules §5): the least, over every final score, of what settlement would pay
    /// (<see cref="ModelBet.Pnl"/>, quarter-line halves rounded down as settlement rounds them) — never understated.
    /// </summary>
    public long ExposureOn(int game, IEnumerable<ModelBet> extra)
    {
        ModelBet[] bets = [.. Bets.Where(b => b.Game == game), .. extra];
        long worst = 0;
        for (int away = 0; away <= MaxScore; away++)
        {
            for (int home = 0; home <= MaxScore; home++)
            {
                worst = Math.Min(worst, bets.Sum(b => b.Pnl(away, home)));
            }
        }
        return -worst;
    }
    public long Available => Balance - CreditLimit + Liability;
}

internal sealed class ModelOrder
{
    public int Id { get; init; }
    public required ModelAccount Owner { get; init; }
    public (int Game, int Market, int Line) Book { get; init; }
    public int Side { get; init; }
    public int Odds { get; init; }
    public long Remaining { get; set; }
    public long Priority { get; init; }
    public long? ExpiresAt { get; init; }
    public bool IsOpen { get; set; } = true;
    public bool WasCancelled { get; set; }
}

internal sealed record ModelFill(ModelOrder Maker, long A, long G);

/// <summary>
/// One side of a matched bet: what it wins and loses, settled from a final score by the plain rules of §7. A quarter line
/// (x.25, x.75) is two bets of half the stake on the lines a quarter either side; a half that wins or loses moves half of the
/// stored stake and half of the stored commission, each rounded down (the odd micro-dollar stays with the payer), and a
/// pushed half moves nothing.
/// </summary>
/// <param name="Market">0 moneyline, 1 spread, 2 total, 3 1x2 (as <see cref="OrderSpec"/>).</param>
/// <param name="Line">Spread and total: an index into the flow's lines; 1x2: the outcome (0 away wins, 1 home wins, 2 draw).</param>
/// <param name="Side">0 away / over / yes, 1 home / under / no.</param>
/// <param name="Win">What this side nets when it wins: the counter-stake less the commission on it.</param>
/// <param name="Loss">What this side pays when it loses: its stake plus the commission on the lesser stake.</param>
internal sealed record ModelBet(int Game, int Market, int Line, int Side, long Win, long Loss)
{
    /// <summary>The taker commission inside <see cref="Win"/> and <see cref="Loss"/> (zero for a maker or a postArb taker).</summary>
    public long WinFee { get; init; }
    public long LossFee { get; init; }

    /// <summary>What the house collects from this side at a final score.</summary>
    public long Fee(int away, int home) => Halves(away, home) switch
    {
        (1, 1) => WinFee,
        (-1, -1) => LossFee,
        (1, 0) or (0, 1) => Half(WinFee),
        (-1, 0) or (0, -1) => Half(LossFee),
        _ => 0,
    };

    /// <summary>This side's cash change at a final score.</summary>
    public long Pnl(int away, int home) => Halves(away, home) switch
    {
        (1, 1) => Win,
        (-1, -1) => -Loss,
        (1, 0) or (0, 1) => Half(Win + WinFee) - Half(WinFee),     // half the counter-stake, less half the win commission
        (-1, 0) or (0, -1) => -(Half(Loss - LossFee) + Half(LossFee)), // half the stake, plus half the loss commission
        _ => 0,
    };

    private static long Half(long micros) => micros / 2;

    /// <summary>For each half of the stake: +1 this side wins, 0 push, −1 it loses (all but quarter lines settle both halves alike).</summary>
    private (int First, int Second) Halves(int away, int home)
    {
        // Side 0 is away / over / yes. Results from side 0's point of view.
        (int first, int second) = Market switch
        {
            0 => Both(Math.Sign(away - home)),
            1 => Split(OrderFlow.SpreadLines[Line], n => Math.Sign(away + n - home)),
            2 => Split(OrderFlow.TotalLines[Line], t => Math.Sign(away + home - t)),
            _ => Both(Line switch
            {
                0 => away > home,
                1 => home > away,
                _ => away == home, // the draw is an outcome: a 1x2 never pushes
            } ? 1 : -1),
        };
        if (first * second < 0)
        {
            throw new InvalidOperationException($"lines half a point apart split a whole score: {this} at {away}-{home}");
        }
        return Side == 0 ? (first, second) : (-first, -second);
    }

    private static (int, int) Both(int result) => (result, result);

    private static (int, int) Split(decimal line, Func<decimal, int> result) =>
        decimal.Remainder(line * 4, 2) != 0 ? (result(line - 0.25m), result(line + 0.25m)) : Both(result(line));
}

internal sealed record ModelOutcome(RejectReason Reason, IReadOnlyList<ModelFill> Fills, ModelOrder? Rest)
{
    public static ModelOutcome Rejected(RejectReason reason) => new(reason, [], null);
}
