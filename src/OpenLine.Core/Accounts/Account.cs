namespace OpenLine.Core;

/// <summary>
/// A user's money and exposure (rules §5). <see cref="Balance"/> is settled cash; placing,
/// matching and cancelling change only the liability. All amounts are exact.
/// </summary>
public sealed class Account
{
    private readonly HashSet<Order> _openOrders = [];
    private readonly List<Bet> _bets = [];

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

    /// <summary>Σ risk of the account's ungraded matched bets (taker risk includes loss-side commission).</summary>
    public Money MatchedRisk { get; internal set; }

    /// <summary>≤ 0: minus what the account can lose on its open orders and bets (no netting until step 3).</summary>
    public Money Liability => -(RestingStake + MatchedRisk);

    /// <summary><c>displayBalance − creditLimit + liability</c> (rules §5).</summary>
    public Money Available => Balance - CreditLimit + Liability;

    public IReadOnlyCollection<Order> OpenOrders => _openOrders;
    public IReadOnlyList<Bet> Bets => _bets;

    internal void AddOpenOrder(Order order) => _openOrders.Add(order);
    internal void RemoveOpenOrder(Order order) => _openOrders.Remove(order);
    internal void AddBet(Bet bet) => _bets.Add(bet);
}
