using System.Security.Cryptography;
using System.Text;
using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api;

/// <summary>
/// One caller's fills as MatchedBet rows (API §4.8) or, once graded, GradedWager rows (API §4.9), and its orders and fills found by order id,
/// txID and wagerRequestID (API §8.7). Built per request, inside a sequencer query: it reads live
/// engine state and must not outlive the callback.
/// </summary>
/// <remarks>
/// A row's <c>id</c> is the caller's order (session) id: the maker's resting order, or for a taker
/// the order its remainder rested as. A taker whose order left nothing resting has no order, so its
/// rows carry the wagerRequestID instead; <c>getBetByID?id=</c> accepts both.
/// </remarks>
public sealed class CallerBets(Exchange engine, Account me)
{
    private Dictionary<ObjectId, List<Bet>>? _takerBetsByWagerRequest;
    private Dictionary<ObjectId, Order>? _knownOrdersByWagerRequest;
    private Dictionary<Game, GradedRowFacts.GameState>? _gameStates;

    public Account Me { get; } = me;

    /// <summary>The caller's matched bets whose game is not graded or voided yet.</summary>
    public IEnumerable<Bet> Ungraded => Me.Bets.Where(b => !b.IsGraded);

    /// <summary>The caller's settled bets (graded, or refunded by a void).</summary>
    public IEnumerable<Bet> Graded => Me.Bets.Where(b => b.IsGraded);

    /// <summary>Rows for <paramref name="bets"/>, by game start, then match time, then txID (API §3.3).</summary>
    public List<MatchedBetDto> Rows(IEnumerable<Bet> bets) => bets
        .OrderBy(b => b.Game.StartsAt).ThenBy(b => b.MatchedAt).ThenBy(b => b.TxId)
        .Select(Row)
        .ToList();

    /// <summary>One fill from the caller's side: as taker <c>origin: wager</c>, as maker <c>origin: offer</c>.</summary>
    public MatchedBetDto Row(Bet bet)
    {
        bool taker = ReferenceEquals(bet.Taker, Me);
        OrderBook book = bet.Book;
        int side = taker ? bet.TakerSide : 1 - bet.TakerSide;
        LineNumber? number = book.NumberFor(side);
        return new MatchedBetDto
        {
            Id = RowId(bet).ToString(),
            TxID = bet.TxId.ToString(),
            Type = book.Type.ToWire(),
            Bet = Wire.Amount(taker ? bet.TakerStake : bet.MakerStake),
            Odds = (taker ? bet.TakerOdds : bet.MakerOdds).Value,
            Spread = book.Type == MarketType.Spread ? Wire.Number(number) : null,
            Total = book.Type == MarketType.Total ? Wire.Number(number) : null,
            OU = book.Type == MarketType.Total ? Exchange.SideToken(book, side) : null,
            ParticipantID = book.Type is MarketType.Moneyline or MarketType.Spread ? Exchange.SideToken(book, side) : null,
            Market = Exchange.MarketToken(book),
            Side = book.Type == MarketType.Moneyline1x2 ? Exchange.SideToken(book, side) : null,
            UserReference = taker ? bet.TakerUserReference : bet.MakerOrder.UserReference,
            // A taker's order is created by the command that matched it; a maker's when it rested.
            CreatedAt = Wire.Time(taker ? bet.MatchedAt : bet.MakerOrder.CreatedAt),
            MatchedTime = Wire.Time(bet.MatchedAt),
            Origin = taker ? "wager" : "offer",
            // The taker risks its stake plus loss-side commission and nets the win less win-side
            // commission (API §8.9); the maker pays none: it risks its stake to win the taker's.
            Risk = AccountViews.Figure(taker ? bet.TakerFigures.Risk : bet.MakerStake),
            Win = AccountViews.Figure(taker ? bet.TakerFigures.Win : bet.TakerStake),
            IsPostArb = (taker ? bet.IsPostArb : bet.MakerOrder.IsPostArb) ? true : null,
            Game = AccountViews.GameSummary(bet.Game),
        };
    }

    /// <summary>A fill as its current state shows it: a GradedWager row once settled, else a MatchedBet row.</summary>
    public object AnyRow(Bet bet) => bet.IsGraded ? GradedRow(bet) : Row(bet);

    /// <summary>Graded rows for <paramref name="bets"/>, in the order of <see cref="Rows"/>.</summary>
    public List<GradedWagerDto> GradedRows(IEnumerable<Bet> bets) => bets
        .OrderBy(b => b.Game.StartsAt).ThenBy(b => b.MatchedAt).ThenBy(b => b.TxId)
        .Select(GradedRow)
        .ToList();

    /// <summary>
    /// The settled figures of one fill from the caller's side (API §8.9, rules §7), exact: the taker's
    /// fee is the commission the ledger charged, the maker's is zero; risk = stake + fee, win = the
    /// side's gross potential win (the counter-stake) − fee, result = the settlement's cash change.
    /// </summary>
    public GradedFigures Figures(Bet bet)
    {
        BetSettlement settlement = bet.Settlement ?? throw new InvalidOperationException($"bet {bet.TxId} is not graded");
        return GradedFigures.Of(bet, settlement, ReferenceEquals(bet.Taker, Me));
    }

    /// <summary>One settled fill from the caller's side (API §3.3 getGraded rows): the taker or the maker variant.</summary>
    public GradedWagerDto GradedRow(Bet bet) => GradedFacts(bet).ToDto();

    /// <summary>
    /// What <see cref="GradedRow"/> shows of one settled fill, copied from the live state: the part of a
    /// graded row that must run on the engine thread. <see cref="GradedRowFacts.ToDto()"/> builds the row
    /// anywhere afterwards. Each game is copied once per <see cref="CallerBets"/>.
    /// </summary>
    public GradedRowFacts GradedFacts(Bet bet)
    {
        bool taker = ReferenceEquals(bet.Taker, Me);
        OrderBook book = bet.Book;
        int side = taker ? bet.TakerSide : 1 - bet.TakerSide;
        _gameStates ??= [];
        if (!_gameStates.TryGetValue(bet.Game, out GradedRowFacts.GameState? game))
        {
            _gameStates[bet.Game] = game = GradedRowFacts.GameState.Of(bet.Game);
        }
        return new GradedRowFacts(
            Taker: taker,
            Id: RowId(bet),
            TxId: bet.TxId,
            WagerRequestId: taker ? bet.TakerWagerRequestId : bet.MakerOrder.WagerRequestId,
            Type: book.Type,
            Side: Exchange.SideToken(book, side),
            Market: Exchange.MarketToken(book),
            Number: book.NumberFor(side),
            Stake: taker ? bet.TakerStake : bet.MakerStake,
            Odds: (taker ? bet.TakerOdds : bet.MakerOdds).Value,
            Figures: Figures(bet),
            MatchedAt: bet.MatchedAt,
            // A taker's order is created by the command that matched it; a maker's when it rested.
            CreatedAt: taker ? bet.MatchedAt : bet.MakerOrder.CreatedAt,
            SettledAt: bet.SettledAt,
            AdminRefund: bet.AdminRefund,
            IsPostArb: taker ? bet.IsPostArb : bet.MakerOrder.IsPostArb,
            UserReference: taker ? bet.TakerUserReference : bet.MakerOrder.UserReference,
            TakenRatio: taker ? 0m : bet.MakerOrder.TakenRatio,
            Expiry: taker ? null : bet.MakerOrder.EffectiveExpiresAt,
            Cancelled: !taker && bet.MakerOrder.State == OrderState.Cancelled,
            Platform: taker ? bet.TakerPlatform : bet.MakerOrder.Platform,
            Game: game);
    }

    /// <summary>
    /// A 32-hex ticket (API §8.7) derived from the fill and the side only, so it is the same on every
    /// call, across regrades and restarts, and differs between the taker's and the maker's row.
    /// </summary>
    public static string TicketNumber(ObjectId txId, string origin) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes($"openline-ticket:{txId}:{origin}")).AsSpan(0, 16));

    /// <summary>The row id of a fill of the caller's (see the remarks on the class).</summary>
    public ObjectId RowId(Bet bet) => ReferenceEquals(bet.Taker, Me)
        ? OrderOf(bet.TakerWagerRequestId)?.Id ?? bet.TakerWagerRequestId
        : bet.MakerOrder.Id;

    /// <summary>The caller's fills as taker under one wagerRequestID, oldest first.</summary>
    public IReadOnlyList<Bet> TakerBets(ObjectId wagerRequestId)
    {
        if (_takerBetsByWagerRequest is null)
        {
            _takerBetsByWagerRequest = [];
            foreach (Bet bet in Me.Bets)
            {
                if (ReferenceEquals(bet.Taker, Me))
                {
                    if (!_takerBetsByWagerRequest.TryGetValue(bet.TakerWagerRequestId, out List<Bet>? list))
                    {
                        _takerBetsByWagerRequest[bet.TakerWagerRequestId] = list = [];
                    }
                    list.Add(bet);
                }
            }
        }
        return _takerBetsByWagerRequest.TryGetValue(wagerRequestId, out List<Bet>? bets) ? bets : [];
    }

    /// <summary>
    /// The caller's order that a wager request rested as, if it rested. Open orders and orders hit
    /// since are indexed from the account; an order that closed without a fill is found where the
    /// engine put its id: right after the wager request's own id and fill txIDs, all issued by one
    /// command. The candidate is verified (owner and wagerRequestID), so a different id scheme only
    /// makes such a row fall back to its wagerRequestID; it never shows another account's order.
    /// </summary>
    public Order? OrderOf(ObjectId wagerRequestId)
    {
        if (_knownOrdersByWagerRequest is null)
        {
            _knownOrdersByWagerRequest = [];
            foreach (Order order in Me.OpenOrders)
            {
                _knownOrdersByWagerRequest[order.WagerRequestId] = order;
            }
            foreach (Bet bet in Me.Bets)
            {
                if (ReferenceEquals(bet.Maker, Me))
                {
                    _knownOrdersByWagerRequest[bet.MakerOrder.WagerRequestId] = bet.MakerOrder;
                }
            }
        }
        if (_knownOrdersByWagerRequest.TryGetValue(wagerRequestId, out Order? known))
        {
            return known;
        }
        // A taker's remainder that rested and left without a fill: the engine's wager-request index knows it.
        return engine.WagerRequests.TryGetValue(wagerRequestId, out Exchange.WagerRequest request) && ReferenceEquals(request.Owner, Me)
            ? request.Rest
            : null;
    }

    /// <summary>Every fill of one wager request of the caller's: as taker, then as maker of the order it rested as.</summary>
    public List<Bet> WagerRequestBets(ObjectId wagerRequestId)
    {
        List<Bet> bets = [.. TakerBets(wagerRequestId)];
        if (OrderOf(wagerRequestId) is { } order)
        {
            bets.AddRange(MakerBets(order));
        }
        return bets;
    }

    /// <summary>The fills of one of the caller's orders as maker.</summary>
    public IEnumerable<Bet> MakerBets(Order order) => Me.Bets.Where(b => ReferenceEquals(b.MakerOrder, order));

    /// <summary>
    /// True when <paramref name="id"/> names an order, a fill or a wager request of another account
    /// (and none of the caller's), so a lookup can answer 403 instead of "not found" (rules §8).
    /// </summary>
    public bool BelongsToSomeoneElse(ObjectId id)
    {
        if (engine.Orders.TryGetValue(id, out Order? order))
        {
            return !ReferenceEquals(order.Owner, Me);
        }
        if (engine.Bets.TryGetValue(id, out Bet? bet))
        {
            return !ReferenceEquals(bet.Taker, Me) && !ReferenceEquals(bet.Maker, Me);
        }
        return engine.WagerRequests.TryGetValue(id, out Exchange.WagerRequest request) && !ReferenceEquals(request.Owner, Me);
    }
}
