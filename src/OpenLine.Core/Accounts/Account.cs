namespace OpenLine.Core;

/// <summary>
/// A user's money and exposure (rules §5). <see cref="Balance"/> is settled cash; placing,
/// matching and cancelling change only the liability. All amounts are exact.
/// </summary>
public sealed class Account
{
    private readonly OpenOrderList _openOrders = new();
    private readonly List<Bet> _bets = [];
    private readonly Dictionary<Game, GamePosition> _positions = [];
    private readonly List<(ulong Sequence, Bet Bet)> _settlements = [];
    private readonly List<long> _settlementTimes = [];

    internal Account(ObjectId id, string username, string passwordHash, Money creditLimit, CommissionRate commission, long createdAt)
    {
        Id = id;
        Username = username;
        PasswordHash = passwordHash;
        CreditLimit = creditLimit;
        Commission = commission;
        CreatedAt = createdAt;
    }

    public ObjectId Id { get; }
    public string Username { get; }

    /// <summary>The password hash the server computed (the engine never sees a password).</summary>
    public string PasswordHash { get; }
    public long CreatedAt { get; }

    /// <summary>Settled cash: deposits − withdrawals + graded results (<c>displayBalance</c>).</summary>
    public Money Balance { get; internal set; }

    /// <summary>≤ 0; −500 lets the account bet $500 beyond its cash.</summary>
    public Money CreditLimit { get; internal set; }

    public CommissionRate Commission { get; internal set; }

    /// <summary>Σ remaining stake of the account's open orders.</summary>
    public Money RestingStake { get; internal set; }

    /// <summary>
    /// Σ over games of the worst-case loss of the account's ungraded matched bets on that game
    /// (rules §5: hedged bets net out within a game; taker risk includes loss-side commission).
    /// </summary>
    public Money MatchedRisk { get; private set; }

    /// <summary>≤ 0: minus what the account can lose: its resting stakes plus, per game, the worst case of its matched bets.</summary>
    public Money Liability => -(RestingStake + MatchedRisk);

    /// <summary><c>displayBalance − creditLimit + liability</c> (rules §5).</summary>
    public Money Available => Balance - CreditLimit + Liability;

    /// <summary>The account's open orders, oldest first.</summary>
    public OpenOrderList OpenOrders => _openOrders;
    public IReadOnlyList<Bet> Bets => _bets;

    /// <summary>The account's matched position per game.</summary>
    public IReadOnlyDictionary<Game, GamePosition> Positions => _positions;

    /// <summary>≤ 0: the worst case of the account's matched bets on <paramref name="game"/> plus its resting stakes there.</summary>
    public Money GameLiability(Game game)
    {
        Money resting = Money.Zero;
        foreach (Order order in _openOrders)
        {
            if (order.Game == game)
            {
                resting += order.Remaining;
            }
        }
        return -(resting + (_positions.TryGetValue(game, out GamePosition? position) ? position.Exposure : Money.Zero));
    }

    /// <summary>The exposure the account's position on a game would have with more bets on one side of one book.</summary>
    internal Money ExposureWith(Game game, BookKey key, int side, PositionAmounts amounts) =>
        (_positions.GetValueOrDefault(game) ?? new GamePosition(game)).ExposureWith(key, side, amounts);

    internal Money ExposureOn(Game game) => _positions.TryGetValue(game, out GamePosition? position) ? position.Exposure : Money.Zero;

    /// <summary>Adds one matched bet (what this account wins or loses on it) to its game position.</summary>
    internal void AddToPosition(Game game, BookKey key, int side, PositionAmounts amounts)
    {
        if (!_positions.TryGetValue(game, out GamePosition? position))
        {
            position = new GamePosition(game);
            _positions.Add(game, position);
        }
        Money before = position.Exposure;
        position.Add(key, side, amounts);
        MatchedRisk += position.Exposure - before;
    }

    /// <summary>Takes a graded or voided game's bets out of the account's exposure.</summary>
    internal void RemovePosition(Game game)
    {
        if (_positions.Remove(game, out GamePosition? position))
        {
            MatchedRisk -= position.Exposure;
        }
    }

    /// <summary>
    /// Every (re)settlement of the account's bets, in settle-sequence order. A bet settled again
    /// appears again; an entry whose sequence is no longer its bet's <see cref="Bet.SettleSequence"/> is stale.
    /// </summary>
    public IReadOnlyList<(ulong Sequence, Bet Bet)> Settlements => _settlements;

    /// <summary>The index in <see cref="Settlements"/> of the first (re)settlement made after <paramref name="at"/> (Unix ms); the count when none.</summary>
    public int SettlementIndexAfter(long at) => Exchange.IndexAfter(_settlementTimes, at);

    internal void AddSettlement(ulong sequence, Bet bet)
    {
        _settlements.Add((sequence, bet));
        _settlementTimes.Add(bet.SettledAt);
    }

    internal void SortSettlements()
    {
        _settlements.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        _settlementTimes.Clear();
        _settlementTimes.AddRange(_settlements.Select(s => s.Bet.SettledAt));
    }

    internal void AddOpenOrder(Order order) => _openOrders.Add(order);
    internal void RemoveOpenOrder(Order order) => _openOrders.Remove(order);
    internal void AddBet(Bet bet) => _bets.Add(bet);
}
