using System.Globalization;
using System.Text.Json;
using OpenLine.Core;
using OpenLine.Server.Api;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server.Streaming;

/// <summary>
/// The user feed (API §6.2–§6.3): one message per placement, fill (the taker's and the maker's
/// view) and cancel — system cancels included — and, as an OpenLine extension, per settlement of a
/// bet (each side; see <see cref="FeedGraded"/>), with a strictly increasing <c>messageID</c>
/// (<c>&lt;unix-ms&gt;-&lt;seq&gt;</c>). Messages are derived from engine events, so replaying the
/// journal rebuilds them; retained messages go into snapshots. Live connections of a user get each
/// message as it is published; replay serves what a reconnecting client missed.
/// </summary>
public sealed class UserFeed : ISnapshottedSink
{
    private readonly Dictionary<ObjectId, Stream> _streams = [];
    private readonly long _retentionMs;
    private readonly int _maxMessagesPerUser;
    private Exchange? _engine;
    private long _lastMs;
    private int _sequence;

    /// <param name="retentionMilliseconds">How long messages stay available for replay.</param>
    /// <param name="maxMessagesPerUser">How many of a user's newest messages are kept at most, whatever their age.</param>
    public UserFeed(long retentionMilliseconds, int maxMessagesPerUser)
    {
        _retentionMs = retentionMilliseconds;
        _maxMessagesPerUser = Math.Max(1, maxMessagesPerUser);
    }

    public string Name => "user-feed";

    /// <summary>A user's retained messages (oldest first) and live connections. Guarded by its own lock.</summary>
    private sealed class Stream
    {
        public readonly Queue<Retained> Messages = new(); // oldest first; pruning dequeues in O(1)
        public readonly List<SocketConnection> Subscribers = [];
        public MessageId PrunedThrough;
    }

    /// <summary>A retained message, rendered to JSON only when a subscriber, a replay or a snapshot needs it (under its stream's lock).</summary>
    private sealed class Retained(MessageId id, Func<FeedMessage>? render, byte[]? json)
    {
        public MessageId Id { get; } = id;

        public byte[] Json => json ??= JsonSerializer.SerializeToUtf8Bytes(render!(), WireJson.Options);
    }

    /// <summary>A message id: Unix milliseconds and a sequence within that millisecond; ordered as numbers.</summary>
    public readonly record struct MessageId(long Ms, int Seq) : IComparable<MessageId>
    {
        public int CompareTo(MessageId other) => Ms != other.Ms ? Ms.CompareTo(other.Ms) : Seq.CompareTo(other.Seq);

        public static bool operator <(MessageId a, MessageId b) => a.CompareTo(b) < 0;
        public static bool operator >(MessageId a, MessageId b) => a.CompareTo(b) > 0;
        public static bool operator <=(MessageId a, MessageId b) => a.CompareTo(b) <= 0;
        public static bool operator >=(MessageId a, MessageId b) => a.CompareTo(b) >= 0;

        public static bool TryParse(string? text, out MessageId id)
        {
            id = default;
            string[] parts = (text ?? "").Split('-');
            if (parts.Length is < 1 or > 2 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out long ms))
            {
                return false;
            }
            int seq = 0;
            if (parts.Length == 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out seq))
            {
                return false;
            }
            id = new MessageId(ms, seq);
            return true;
        }

        public override string ToString() => $"{Ms.ToString(CultureInfo.InvariantCulture)}-{Seq.ToString(CultureInfo.InvariantCulture)}";
    }

    // ---- Engine side (sequencer thread) ------------------------------------------------------

    public void Restore(Exchange engine)
    {
        _engine = engine;
        lock (_streams)
        {
            _streams.Clear();
        }
        _lastMs = 0;
        _sequence = 0;
    }

    public void Apply(IReadOnlyList<ExchangeEvent> events)
    {
        Exchange engine = _engine ?? throw new InvalidOperationException("The feed was not restored.");
        foreach (ExchangeEvent e in events)
        {
            switch (e)
            {
                // Only references and the values of the moment are captured here, on the engine thread; the
                // message is rendered when someone reads it. The fields read later never change after creation.
                case OrderRested rested when engine.Orders.TryGetValue(rested.OrderId, out Order? order):
                    Publish(rested.AccountId, e.At, order.Game, "offer", order.Game.Live, order.Platform,
                        () => (null, Unmatched(order, filled: Money.Zero, offered: order.Offered, remaining: order.Offered)));
                    break;
                case OrderFilled filled when engine.Bets.TryGetValue(filled.TxId, out Bet? bet):
                    Money makerStake = filled.MakerStake;
                    Money makerRemaining = filled.MakerRemaining;
                    Publish(filled.TakerId, e.At, bet.Game, "wager", bet.Game.Live, bet.TakerPlatform, () => (TakerView(bet), null));
                    Publish(filled.MakerId, e.At, bet.Game, "offer", bet.Game.Live, bet.MakerOrder.Platform,
                        () => (MakerView(bet), Unmatched(bet.MakerOrder, filled: makerStake, offered: bet.MakerOrder.Offered, remaining: makerRemaining)));
                    break;
                case OrderCancelled cancelled when engine.Orders.TryGetValue(cancelled.Report.OrderId, out Order? order):
                    // offered 0 marks a cancellation; filled is what matched before it.
                    Money before = cancelled.Report.Filled;
                    Publish(cancelled.AccountId, e.At, order.Game, "offer", order.Game.Live, order.Platform,
                        () => (null, Unmatched(order, filled: before, offered: Money.Zero, remaining: Money.Zero)));
                    break;
                case BetSettled settled when engine.Bets.TryGetValue(settled.TxId, out Bet? bet):
                    // The bet's settlement may change again (regrade) before this is rendered: use the event's.
                    Publish(settled.TakerId, e.At, bet.Game, "wager", bet.Game.Live, bet.TakerPlatform, () => (null, null),
                        () => Graded(bet, settled, taker: true));
                    Publish(settled.MakerId, e.At, bet.Game, "offer", bet.Game.Live, bet.MakerOrder.Platform, () => (null, null),
                        () => Graded(bet, settled, taker: false));
                    break;
            }
        }
    }

    private void Publish(ObjectId account, long at, Game game, string origin, bool live, Platform platform, Func<(FeedMatched?, FeedUnmatched?)> blocks,
        Func<FeedGraded>? graded = null)
    {
        if (at > _lastMs)
        {
            _lastMs = at;
            _sequence = 0;
        }
        var id = new MessageId(_lastMs, _sequence++);
        var retained = new Retained(id, () =>
        {
            (FeedMatched? matched, FeedUnmatched? unmatched) = blocks();
            return new FeedMessage(matched, unmatched, origin, game.Id.ToString(), null, game.EventName, game.League, game.Sport, live,
                Wire.Time(game.StartsAt), null, Wire.Platform(platform), Wire.Time(at), id.ToString(), graded?.Invoke());
        }, null);
        Stream stream = StreamFor(account);
        lock (stream)
        {
            stream.Messages.Enqueue(retained);
            Prune(stream, _lastMs);
            foreach (SocketConnection subscriber in stream.Subscribers)
            {
                subscriber.Send(retained.Json);
            }
        }
    }

    private void Prune(Stream stream, long now)
    {
        while (stream.Messages.TryPeek(out Retained? oldest)
            && (oldest.Id.Ms < now - _retentionMs || stream.Messages.Count > _maxMessagesPerUser))
        {
            stream.PrunedThrough = stream.Messages.Dequeue().Id;
        }
    }

    private Stream StreamFor(ObjectId account)
    {
        lock (_streams)
        {
            if (!_streams.TryGetValue(account, out Stream? stream))
            {
                _streams[account] = stream = new Stream();
            }
            return stream;
        }
    }

    private static FeedUnmatched Unmatched(Order order, Money filled, Money offered, Money remaining) => new(
        order.Id.ToString(), order.WagerRequestId.ToString(), Wire.Amount(filled), Wire.Amount(offered), Wire.Amount(remaining), order.Odds.Value,
        order.Book.Type.ToWire(), Exchange.SideToken(order), Wire.Number(order.Book.NumberFor(order.Side)), Exchange.MarketToken(order),
        order.UserReference, order.IsPostArb ? true : null);

    private static FeedMatched TakerView(Bet bet) => new(
        bet.TxId.ToString(), bet.MakerOrder.Id.ToString(), bet.TakerWagerRequestId.ToString(), Wire.Amount(bet.TakerStake),
        bet.TakerFigures.Risk.ToDecimal(2), bet.TakerFigures.Win.ToDecimal(2), bet.TakerOdds.Value, bet.Book.Type.ToWire(),
        Exchange.SideToken(bet.Book, bet.TakerSide), Wire.Number(bet.Book.NumberFor(bet.TakerSide)), Exchange.MarketToken(bet.Book),
        bet.TakerUserReference, bet.IsPostArb ? true : null);

    private static FeedMatched MakerView(Bet bet) => new(
        bet.TxId.ToString(), bet.MakerOrder.Id.ToString(), bet.MakerOrder.WagerRequestId.ToString(), Wire.Amount(bet.MakerStake),
        bet.MakerStake.ToDecimal(2), bet.TakerStake.ToDecimal(2), bet.MakerOdds.Value, bet.Book.Type.ToWire(),
        Exchange.SideToken(bet.MakerOrder), Wire.Number(bet.Book.NumberFor(bet.MakerOrder.Side)), Exchange.MarketToken(bet.Book),
        bet.MakerOrder.UserReference, bet.MakerOrder.IsPostArb ? true : null);

    /// <summary>
    /// One side's view of a settlement, from the event's values (a graded row's figures, API §8.13):
    /// the taker's fee is what it was charged; risk = stake + fee; win = the side's gross win (the other
    /// side's stake) − fee; result = the side's cash change.
    /// </summary>
    private static FeedGraded Graded(Bet bet, BetSettled settled, bool taker)
    {
        GradedFigures f = GradedFigures.Of(bet, settled.Settlement, taker);
        return new FeedGraded(
            bet.TxId.ToString(), bet.MakerOrder.Id.ToString(), (taker ? bet.TakerWagerRequestId : bet.MakerOrder.WagerRequestId).ToString(),
            f.Outcome.ToWire(), Wire.Cents(f.Result), Wire.Cents(f.Fee), Wire.Cents(f.Risk), Wire.Cents(f.Win), Wire.Time(settled.At),
            settled.AdminRefund, settled.Resettled);
    }

    // ---- Readers (request threads) -----------------------------------------------------------

    /// <summary>Adds a live connection for the account's messages.</summary>
    public void Subscribe(ObjectId account, SocketConnection connection)
    {
        Stream stream = StreamFor(account);
        lock (stream)
        {
            stream.Subscribers.Add(connection);
        }
    }

    public void Unsubscribe(ObjectId account, SocketConnection connection)
    {
        Stream stream = StreamFor(account);
        lock (stream)
        {
            stream.Subscribers.Remove(connection);
        }
    }

    /// <summary>
    /// The messages after <paramref name="after"/> (and before <paramref name="before"/>, if given),
    /// oldest first. Complete when <paramref name="after"/> is still retained; otherwise
    /// <c>complete</c> is false and every retained message comes back (API §6.3 cache_expired).
    /// </summary>
    public (bool Complete, List<byte[]> Messages) Replay(ObjectId account, MessageId after, MessageId? before)
    {
        Stream stream = StreamFor(account);
        lock (stream)
        {
            bool complete = after >= stream.PrunedThrough;
            List<byte[]> messages = [.. stream.Messages
                .Where(m => (!complete || m.Id > after) && (before is not { } b || m.Id < b))
                .Select(m => m.Json)];
            return (complete, messages);
        }
    }

    // ---- Snapshot ------------------------------------------------------------------------------

    public void WriteSnapshot(BinaryOutput output)
    {
        lock (_streams)
        {
            output.Int64(_lastMs).Int32(_sequence).Int32(_streams.Count);
            foreach ((ObjectId account, Stream stream) in _streams.OrderBy(s => s.Key))
            {
                lock (stream)
                {
                    output.Id(account).Int64(stream.PrunedThrough.Ms).Int32(stream.PrunedThrough.Seq).Int32(stream.Messages.Count);
                    foreach (Retained message in stream.Messages)
                    {
                        output.Int64(message.Id.Ms).Int32(message.Id.Seq).Bytes(message.Json);
                    }
                }
            }
        }
    }

    public void ReadSnapshot(ReadOnlySpan<byte> data)
    {
        var input = new BinaryInput(data);
        _lastMs = input.Int64();
        _sequence = input.Int32();
        for (int i = input.Int32(); i > 0; i--)
        {
            Stream stream = StreamFor(input.Id());
            stream.PrunedThrough = new MessageId(input.Int64(), input.Int32());
            for (int m = input.Int32(); m > 0; m--)
            {
                stream.Messages.Enqueue(new Retained(new MessageId(input.Int64(), input.Int32()), null, input.Bytes()));
            }
        }
        input.EnsureEnd();
    }
}
