namespace OpenLine.Core;

/// <summary>
/// The exchange engine: accounts, games, books, matching and timers. Pure and deterministic: no
/// I/O, no clock, no threads. Every change goes through <see cref="Execute"/> with the time the
/// sequencer stamped on the command, and the same commands at the same times always produce the
/// same events, results, ids and <see cref="StateHash"/>. Not thread-safe: one writer owns it.
/// </summary>
public sealed partial class Exchange
{
    private readonly IdGenerator _ids = new();
    private readonly Dictionary<ObjectId, Account> _accounts = [];
    private readonly Dictionary<string, Account> _accountsByUsername = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<ObjectId, Game> _games = [];
    private readonly Dictionary<(string League, string LongName), Participant> _participants = [];
    private readonly Dictionary<ObjectId, Order> _orders = [];
    private readonly Dictionary<ObjectId, Bet> _bets = [];
    private readonly Dictionary<ObjectId, WagerRequest> _wagerRequests = [];
    private readonly Dictionary<string, TokenGrant> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, HeldOrder> _held = [];
    private readonly PriorityQueue<Timer, (long Due, ulong Sequence)> _timers = new();
    private readonly List<PlannedFill> _fillBuffer = [];
    private ulong _timerSequence;
    private ulong _prioritySequence;
    private ulong _holdSequence;
    private ulong _settleSequence;
    private readonly List<(ulong Sequence, Bet Bet)> _settlements = [];
    private readonly List<long> _settlementTimes = [];

    public Exchange(ExchangeOptions? options = null) => Options = options ?? new ExchangeOptions();

    public ExchangeOptions Options { get; private set; }

    /// <summary>The time of the last command applied (Unix milliseconds); never goes backwards.</summary>
    public long Now { get; private set; }

    /// <summary>How many commands have been applied.</summary>
    public ulong CommandCount { get; private set; }

    public Money TotalDeposits { get; private set; }
    public Money TotalWithdrawals { get; private set; }

    /// <summary>
    /// Every (re)settlement of any bet, in settle-sequence order (so also in settlement time). A bet
    /// settled again appears again; an entry whose sequence is not its bet's current
    /// <see cref="Bet.SettleSequence"/> is stale.
    /// </summary>
    public IReadOnlyList<(ulong Sequence, Bet Bet)> Settlements => _settlements;

    /// <summary>The index in <see cref="Settlements"/> of the first (re)settlement made after <paramref name="at"/> (Unix ms); the count when none.</summary>
    public int SettlementIndexAfter(long at) => IndexAfter(_settlementTimes, at);

    /// <summary>The first index of a non-decreasing list whose value is greater than <paramref name="at"/>.</summary>
    internal static int IndexAfter(List<long> times, long at)
    {
        int low = 0, high = times.Count;
        while (low < high)
        {
            int middle = low + ((high - low) / 2);
            if (times[middle] <= at)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }
        return low;
    }

    /// <summary>Every money movement, append-only and double-entry.</summary>
    public Ledger Ledger { get; } = new();

    /// <summary>Σ commission the house holds (rules §9's identity: deposits − withdrawals = Σ balances + this).</summary>
    public Money HouseCommission => Ledger.HouseBalance;

    public IReadOnlyDictionary<ObjectId, Account> Accounts => _accounts;
    public IReadOnlyDictionary<ObjectId, Game> Games => _games;
    public IReadOnlyDictionary<ObjectId, Order> Orders => _orders;
    public IReadOnlyDictionary<ObjectId, Bet> Bets => _bets;

    /// <summary>Every accepted input order by its wagerRequestID: who placed it and the order its remainder rested as, if any.</summary>
    public IReadOnlyDictionary<ObjectId, WagerRequest> WagerRequests => _wagerRequests;
    public IReadOnlyCollection<Participant> Participants => _participants.Values;

    /// <summary>The earliest time at which something is due (expiry, game start, live release), if any.</summary>
    public long? NextDueAt => _timers.TryPeek(out _, out (long Due, ulong Sequence) priority) ? priority.Due : null;

    public Account? FindAccount(string username) => _accountsByUsername.GetValueOrDefault(username);

    /// <summary>Every recorded login token (by hash), for rebuilding read models after recovery.</summary>
    public IEnumerable<(string TokenHash, ObjectId AccountId, long ExpiresAt)> TokenGrants =>
        _tokens.Select(t => (t.Key, t.Value.AccountId, t.Value.ExpiresAt));

    /// <summary>The account a live token hash belongs to, or null if unknown or expired at <paramref name="now"/>.</summary>
    public Account? FindAccountByToken(string tokenHash, long now) =>
        _tokens.TryGetValue(tokenHash, out TokenGrant grant) && grant.ExpiresAt > now ? _accounts[grant.AccountId] : null;

    /// <summary>
    /// Applies one command at time <paramref name="now"/> (Unix ms). First runs everything due at
    /// or before that time, then the command. Events of both are appended to <paramref name="events"/>.
    /// </summary>
    public CommandResult Execute(Command command, long now, List<ExchangeEvent> events)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(events);
        now = Math.Max(now, Now);
        RunTimersUntil(now, events);
        Now = now;
        CommandCount++;
        return command switch
        {
            AdvanceTime => Done.Instance,
            PlaceOrders place => Place(place, events),
            CancelOrder cancel => CancelByOwner(cancel, events),
            CreateAccount create => CreateAccount(create, events),
            Deposit deposit => ApplyDeposit(deposit, events),
            Withdraw withdraw => ApplyWithdraw(withdraw, events),
            CreateGame game => CreateGame(game, events),
            SetGameLive live => SetLive(live, events),
            IssueToken token => Issue(token, events),
            RevokeToken revoke => Revoke(revoke, events),
            ConfigureExchange configure => Configure(configure),
            CancelOrders cancel => CancelMany(cancel, events),
            CancelAllOrders cancel => CancelSelected(cancel, events),
            Heartbeat beat => Beat(beat),
            EditOrder edit => Edit(edit, events),
            PauseOrders pause => Pause(pause, events),
            ResumeOrders resume => Resume(resume, events),
            GradeGame grade => Grade(grade, events),
            VoidGame voidGame => Void(voidGame, events),
            _ => new Rejected(RejectReason.InvalidRequest, $"Unknown command {command.GetType().Name}."),
        };
    }

    private CommandResult Configure(ConfigureExchange command)
    {
        ExchangeOptions options = command.Options;
        if (options.MinimumOffer < Money.OneCent || options.DefaultLiveDelayMilliseconds < 0
            || options.LiveDelayMilliseconds.Values.Any(d => d < 0) || options.LiveOrderDefaultLifetimeMilliseconds <= 0
            || options.MaxExpirationMinutes <= 0 || options.MaxOpenOrdersPerAccount < 0)
        {
            return new Rejected(RejectReason.InvalidRequest, "invalid exchange options");
        }
        Options = options;
        return Done.Instance;
    }

    private void RunTimersUntil(long now, List<ExchangeEvent> events)
    {
        while (_timers.TryPeek(out Timer? timer, out (long Due, ulong Sequence) priority) && priority.Due <= now)
        {
            _timers.Dequeue();
            Now = Math.Max(Now, priority.Due);
            switch (timer.Kind)
            {
                case TimerKind.OrderExpiry when timer.Order!.State == OrderState.Open:
                    CancelOpenOrder(timer.Order, CancelReason.Expired, events);
                    break;
                case TimerKind.GameStart when !timer.Game!.Started && !timer.Game.Ended:
                    StartGame(timer.Game, events);
                    break;
                case TimerKind.HoldRelease:
                    ReleaseHeld(timer.HoldId, events);
                    break;
                case TimerKind.HeartbeatLapse:
                    HeartbeatLapse(timer.Account, priority.Due, events);
                    break;
            }
        }
    }

    private void Schedule(long due, Timer timer) => _timers.Enqueue(timer, (due, ++_timerSequence));

    private enum TimerKind : byte
    {
        OrderExpiry,
        GameStart,
        HoldRelease,
        HeartbeatLapse,
    }

    private sealed record Timer(TimerKind Kind, Order? Order = null, Game? Game = null, ulong HoldId = 0, ObjectId Account = default);

    private readonly record struct TokenGrant(ObjectId AccountId, long ExpiresAt);

    private sealed record HeldOrder(ulong HoldId, Account Account, OrderRequest Request, long ReleaseAt);

    private readonly record struct PlannedFill(Order Maker, Money TakerStake, Money MakerStake);

    /// <summary>An accepted input order: its owner and, if its remainder rested, that order.</summary>
    public readonly record struct WagerRequest(Account Owner, Order? Rest);
}
