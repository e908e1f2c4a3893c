using OpenLine.Core;

namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// An <see cref="Exchange"/> set up for replaying flows: one NBA game starting a day after
/// <see cref="Now"/> (time never moves, so no timer fires and no order expires) and a pool of
/// accounts with $1,000,000,000 each, so liability never rejects an order.
/// </summary>
/// <remarks>
/// Accounts: <c>B</c> orders come from the first half of the pool and <c>S</c> orders from the
/// second, the account chosen by a hash of the flow's order id. The engine's self-match
/// prevention (an order skips resting orders of its own account) only acts between opposite
/// sides, so with disjoint halves it never fires and the flow matches as a plain price-time
/// book would. A cancel goes out from the account that placed the order.
/// <para>
/// Minimum offer: the flow's sizes are whole dollars, but a partly filled order's remainder is
/// not (fills convert stakes at the odds), and with the default $10 minimum a remainder under
/// $10 would be dropped instead of resting. <see cref="Options"/> sets the minimum to one cent
/// (the smallest the engine accepts), so only the engine's dust rule (less than a cent left
/// closes an order as filled) remains.
/// </para>
/// </remarks>
public sealed class FlowEngine
{
    /// <summary>The instant every command is applied at (Unix ms, 2027-01-15).</summary>
    public const long Now = 1_800_000_000_000;

    /// <summary>Accounts in the pool (half for <c>B</c>, half for <c>S</c>).</summary>
    public const int DefaultAccounts = 1_000;

    /// <summary>The engine options used for flows: everything default except a one-cent minimum offer.</summary>
    public static ExchangeOptions Options(Money? minimumOffer = null) => new() { MinimumOffer = minimumOffer ?? Money.OneCent };

    private readonly ObjectId[] _accounts;
    private readonly List<ExchangeEvent> _events = [];

    public FlowEngine(int accounts = DefaultAccounts, Money? minimumOffer = null)
    {
        if (accounts < 2 || accounts % 2 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(accounts), accounts, "the account pool needs an even number of at least 2 accounts");
        }
        Exchange = new Exchange(Options(minimumOffer));
        var game = (GameResult)Exchange.Execute(new CreateGame("NBA", "basketball", Now + 86_400_000, null,
            new ParticipantSpec("Away Team", "AWY"), new ParticipantSpec("Home Team", "HOM")), Now, _events);
        GameId = game.Game.Id;
        AwaySide = game.Game.Away.Id.ToString();
        HomeSide = game.Game.Home.Id.ToString();
        _accounts = new ObjectId[accounts];
        for (int i = 0; i < accounts; i++)
        {
            var created = (AccountResult)Exchange.Execute(new CreateAccount($"flow-{i:D5}", "-", Money.FromDollars(1_000_000_000),
                Money.Zero, CommissionRate.OnePercent), Now, _events);
            _accounts[i] = created.Account.Id;
        }
        _events.Clear();
    }

    public Exchange Exchange { get; }
    public ObjectId GameId { get; }

    /// <summary>The participant id a <c>B</c> order backs (the away side).</summary>
    public string AwaySide { get; }

    /// <summary>The participant id an <c>S</c> order backs (the home side).</summary>
    public string HomeSide { get; }

    /// <summary>The account that places (and cancels) flow order <paramref name="flowId"/> of <paramref name="side"/>.</summary>
    public ObjectId AccountFor(long flowId, FlowSide side)
    {
        int half = _accounts.Length / 2;
        return _accounts[((int)side * half) + (int)(Mix((ulong)flowId) % (ulong)half)];
    }

    /// <summary>The order request for a flow <c>L</c> or <c>I</c> line.</summary>
    public OrderRequest Request(FlowOp op) => new(GameId, MarketType.Moneyline, op.Side == FlowSide.Buy ? AwaySide : HomeSide, null,
        FlowMarket.Odds(op.Side, op.Price), Money.FromDollars(op.Size), null,
        op.Kind == FlowOpKind.ImmediateOrCancel ? OrderType.FillAndKill : OrderType.Limit, null, null);

    /// <summary>Runs one command at <see cref="Now"/> with an internal events list (for setup and checks, not for timing).</summary>
    public CommandResult Execute(Command command)
    {
        _events.Clear();
        return Exchange.Execute(command, Now, _events);
    }

    // SplitMix64's finaliser: spreads consecutive ids evenly over the pool.
    private static ulong Mix(ulong x)
    {
        x = unchecked((x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL);
        x = unchecked((x ^ (x >> 27)) * 0x94d049bb133111ebUL);
        return x ^ (x >> 31);
    }
}
