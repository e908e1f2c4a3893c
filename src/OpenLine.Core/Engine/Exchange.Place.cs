using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace OpenLine.Core;

// Placement: validate → game open → minimum for post → simulate → order-type rules → live hold →
// minimum for a limit that fills nothing → liability → commit (rules §3, "Order of checks").
public sealed partial class Exchange
{
    private CommandResult Place(PlaceOrders command, List<ExchangeEvent> events)
    {
        if (!_accounts.TryGetValue(command.AccountId, out Account? account))
        {
            return new Rejected(RejectReason.UnknownAccount, "account not found");
        }
        if (TryReplay(account.Id, command.IdempotencyKey, isCancel: false, out CommandResult replayed))
        {
            return replayed;
        }
        var outcomes = new OrderOutcome[command.Orders.Count];
        for (int i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = PlaceOne(account, command.Orders[i], mayHold: true, events);
        }
        if (command.IdempotencyKey is { } key)
        {
            RememberPlace(account.Id, key, outcomes);
        }
        return new PlaceResult(outcomes);
    }

    private OrderOutcome PlaceOne(Account account, OrderRequest request, bool mayHold, List<ExchangeEvent> events)
    {
        // 1. Shape and values.
        if (!_games.TryGetValue(request.GameId, out Game? game))
        {
            return Reject(RejectReason.UnknownGame, "game not found: invalid gameID");
        }
        if (!TryResolveBook(game, request, out BookKey key, out int side, out OrderRejected? invalid))
        {
            return invalid;
        }
        if (!request.Bet.IsPositive)
        {
            return Reject(RejectReason.InvalidStake, "bet must be greater than 0");
        }
        if (request.Bet > Money.MaxStake)
        {
            return Reject(RejectReason.InvalidStake, "bet must be at most 1000000000000");
        }
        if (request.ExpirationMinutes is { } minutes && (minutes < 1 || minutes > Options.MaxExpirationMinutes))
        {
            return Reject(RejectReason.InvalidExpiration,
                $"expirationMinutes must be a whole number from 1 to {Options.MaxExpirationMinutes.ToString(CultureInfo.InvariantCulture)}");
        }

        // 2. Game open.
        if (!game.IsOpen)
        {
            return Reject(RejectReason.GameNotOpen, "game is not open for betting");
        }

        // 3. Minimum for orders that must rest.
        bool mustRest = request.OrderType is OrderType.Post or OrderType.PostArb;
        if (mustRest && request.Bet < Options.MinimumOffer)
        {
            return BelowMinimum();
        }

        // 4. Simulate the match against the other side of the book (other accounts only).
        OrderBook? book = game.TryGetBook(key, out OrderBook? existing) ? existing : null;
        List<PlannedFill> fills = _fillBuffer;
        fills.Clear();
        Money filled = book is null ? Money.Zero : Simulate(book, side, request.Odds, request.Bet, account, fills);

        // 5. Order-type rules.
        switch (request.OrderType)
        {
            case OrderType.Post when fills.Count > 0:
                return Reject(RejectReason.PostWouldMatch, "post order cannot have matches");
            case OrderType.PostArb when fills.Count > 0 && !request.Odds.IsAtLeastFractionOf(fills[0].Maker.Odds.Counter, 99, 100):
                return Reject(RejectReason.PostArbOutsideBand, "postArb order is more than 1% from the book");
            case OrderType.FillAndKill when fills.Count == 0:
                return Reject(RejectReason.FillAndKillNoMatch, "fill and kill has no matches");
            case OrderType.FillOrKill when fills.Count == 0:
                return Reject(RejectReason.FillOrKillNoMatch, "fill or kill has no matches");
            case OrderType.FillOrKill when request.Bet - filled > Options.MinimumOffer:
                return Reject(RejectReason.FillOrKillPartial, "fill or kill matched but not fully");
        }

        // Live delay: an order that would fill on a live game waits, invisible, and is processed
        // again in full when released (rules §6).
        if (mayHold && game.Live && fills.Count > 0)
        {
            return Hold(account, request, game);
        }

        // 6. Minimum for a limit order that fills nothing (it would rest whole).
        if (request.OrderType == OrderType.Limit && fills.Count == 0 && request.Bet < Options.MinimumOffer)
        {
            return BelowMinimum();
        }

        Money rest = request.OrderType is OrderType.FillAndKill or OrderType.FillOrKill ? Money.Zero : request.Bet - filled;
        if (rest.IsPositive && rest < Options.MinimumOffer && fills.Count > 0)
        {
            rest = Money.Zero; // the remainder of a partly filled limit below the minimum is dropped (rules §4)
        }

        // The open-orders cap: an order that would rest beyond it is refused (a fill-only order never rests).
        if (rest.IsPositive && Options.MaxOpenOrdersPerAccount > 0 && account.OpenOrders.Count >= Options.MaxOpenOrdersPerAccount)
        {
            return Reject(RejectReason.TooManyOpenOrders, string.Create(CultureInfo.InvariantCulture,
                $"too many open orders: at most {Options.MaxOpenOrdersPerAccount} per account; cancel some first"));
        }

        // 7. Liability: the order's resting stake plus the change its fills make to the account's
        //    worst case on this game (rules §5) — a hedge may need nothing, or free funds.
        bool isPostArb = request.OrderType == OrderType.PostArb;
        Money needed = rest;
        if (fills.Count > 0)
        {
            PositionAmounts amounts = default;
            for (int i = 0; i < fills.Count; i++)
            {
                amounts += PositionAmounts.Of(TakerFiguresFor(account, fills[i], isPostArb));
            }
            needed += account.ExposureWith(game, key, side, amounts) - account.ExposureOn(game);
        }
        if (needed > account.Available)
        {
            return Reject(RejectReason.InsufficientBalance, InsufficientBalanceMessage(account));
        }

        // 8. Commit.
        return Commit(account, request, game, key, side, fills, rest, isPostArb, events);
    }

    private OrderAccepted Commit(
        Account account, OrderRequest request, Game game, BookKey key, int side, List<PlannedFill> fills,
        Money rest, bool isPostArb, List<ExchangeEvent> events)
    {
        OrderBook book = game.GetOrCreateBook(key);
        ObjectId wagerRequestId = _ids.Next(Now);
        string? market = request.Type == MarketType.Moneyline1x2 ? request.Market : null;
        LineNumber? number = book.NumberFor(side);
        FillReport[] reports = fills.Count == 0 ? [] : new FillReport[fills.Count];
        for (int i = 0; i < fills.Count; i++)
        {
            PlannedFill fill = fills[i];
            Order maker = fill.Maker;
            TakerFigures figures = TakerFiguresFor(account, fill, isPostArb);
            var bet = new Bet(_ids.Next(Now), maker, account, wagerRequestId, side, fill.TakerStake, fill.MakerStake,
                figures, isPostArb, request.UserReference, Now, isPostArb ? default : account.Commission) { TakerPlatform = request.Platform };
            _bets.Add(bet.TxId, bet);
            game.AddBet(bet);
            account.AddBet(bet);
            maker.Owner.AddBet(bet);

            maker.Remaining -= fill.MakerStake;
            maker.Filled += fill.MakerStake;
            maker.Level!.TotalRemaining -= fill.MakerStake;
            maker.Owner.RestingStake -= fill.MakerStake;
            maker.Owner.AddToPosition(game, key, 1 - side, PositionAmounts.ForMaker(fill.TakerStake, fill.MakerStake));
            account.AddToPosition(game, key, side, PositionAmounts.Of(figures));
            game.MatchedVolume += fill.TakerStake + fill.MakerStake;

            var report = new FillReport(bet.TxId, wagerRequestId, maker.Id, request.Type, request.Side, market, number,
                bet.TakerOdds, fill.TakerStake, figures.Risk, figures.Win, fill.MakerStake, request.UserReference);
            reports[i] = report;

            if (maker.Remaining < Money.OneCent)
            {
                // No dust stays on the book: less than a cent left closes the order as fully matched.
                Money dust = maker.Remaining;
                book.Remove(maker);
                maker.Owner.RestingStake -= dust;
                maker.Released = dust;
                maker.Remaining = Money.Zero;
                maker.State = OrderState.Filled;
                maker.ClosedAt = Now;
                maker.Owner.RemoveOpenOrder(maker);
            }
            events.Add(new OrderFilled(Now, bet.TxId, game.Id, account.Id, maker.Owner.Id, maker.Id,
                fill.TakerStake, fill.MakerStake, maker.Remaining, report));
        }

        RestReport? restReport = null;
        if (rest.IsPositive)
        {
            long? expiresAt;
            bool gameStartExpiry = false;
            if (request.ExpirationMinutes is { } minutes)
            {
                expiresAt = Now + (minutes * 60_000L);
            }
            else if (game.Live)
            {
                expiresAt = Now + Options.LiveOrderDefaultLifetimeMilliseconds;
            }
            else
            {
                expiresAt = null;
                gameStartExpiry = true;
            }
            var order = new Order(_ids.Next(Now), wagerRequestId, account, book, side, request.Odds, rest, Now,
                expiresAt, gameStartExpiry, placedLive: game.Live, isPostArb, request.UserReference, ++_prioritySequence)
            {
                Platform = request.Platform,
            };
            book.Add(order);
            _orders.Add(order.Id, order);
            account.AddOpenOrder(order);
            account.RestingStake += rest;
            if (expiresAt is { } due)
            {
                Schedule(due, new Timer(TimerKind.OrderExpiry, Order: order));
            }
            restReport = new RestReport(order.Id, wagerRequestId, request.Type, request.Side, market, number, request.Odds, rest, request.UserReference);
            events.Add(new OrderRested(Now, order.Id, account.Id, game.Id, restReport));
        }
        _wagerRequests[wagerRequestId] = new WagerRequest(account, restReport is null ? null : _orders[restReport.OrderId]);
        return new OrderAccepted(wagerRequestId, reports, restReport);
    }

    /// <summary>
    /// Plans the fills an order would get, best price first and oldest first within a price,
    /// skipping the account's own orders. Fill sizing per rules §1: when the resting stake R limits
    /// the fill, A = floor(R × m(M)); then G = floor(A × m(−M)).
    /// </summary>
    private static Money Simulate(OrderBook book, int side, AmericanOdds odds, Money stake, Account taker, List<PlannedFill> fills)
    {
        Money remaining = stake;
        BookSide counter = book.Side(1 - side);
        for (int li = 0; li < counter.LevelCount && remaining.IsPositive; li++)
        {
            PriceLevel level = counter.LevelFromBest(li);
            AmericanOdds fillOdds = level.TakerOdds;
            if (fillOdds < odds)
            {
                break;
            }
            for (Order? maker = level.First; maker is not null && remaining.IsPositive; maker = maker.Next)
            {
                if (ReferenceEquals(maker.Owner, taker))
                {
                    continue; // self-match prevention: skip, and it does not count as a match
                }
                // A = floor(R × m(M)) when the resting stake limits the fill, else the taker's remaining stake.
                Money takerStake = maker.Odds.WinOn(maker.Remaining, atMost: remaining);
                Money makerStake = fillOdds.WinOn(takerStake);
                if (makerStake.IsZero)
                {
                    return stake - remaining; // what is left is too small to win anything at any price
                }
                fills.Add(new PlannedFill(maker, takerStake, makerStake));
                remaining -= takerStake;
            }
        }
        return stake - remaining;
    }

    private static TakerFigures TakerFiguresFor(Account taker, PlannedFill fill, bool isPostArb) =>
        isPostArb
            ? TakerFigures.WithoutCommission(fill.TakerStake, fill.MakerStake)
            : TakerFigures.For(fill.TakerStake, fill.MakerStake, taker.Commission);

    private OrderHeld Hold(Account account, OrderRequest request, Game game)
    {
        ulong holdId = ++_holdSequence;
        long releaseAt = Now + Options.LiveDelayFor(game.League);
        _held.Add(holdId, new HeldOrder(holdId, account, request, releaseAt));
        Schedule(releaseAt, new Timer(TimerKind.HoldRelease, HoldId: holdId));
        return new OrderHeld(holdId, releaseAt);
    }

    private void ReleaseHeld(ulong holdId, List<ExchangeEvent> events)
    {
        if (!_held.Remove(holdId, out HeldOrder? held))
        {
            return;
        }
        _fillBuffer.Clear();
        OrderOutcome outcome = PlaceOne(held.Account, held.Request, mayHold: false, events);
        ResolveHeldKey(holdId, outcome);
        events.Add(new HeldOrderResolved(Now, holdId, held.Account.Id, outcome));
    }

    private bool TryResolveBook(Game game, OrderRequest request, out BookKey key, out int side, [NotNullWhen(false)] out OrderRejected? rejection)
    {
        key = default;
        side = 0;
        rejection = null;
        switch (request.Type)
        {
            case MarketType.Moneyline:
            case MarketType.Spread:
                if (!ObjectId.TryParse(request.Side, out ObjectId participantId) || game.FindParticipant(participantId) is not { } participant)
                {
                    rejection = Reject(RejectReason.InvalidSide, "invalid side: side must be the id of one of the game's participants");
                    return false;
                }
                side = participant == game.Away ? 0 : 1;
                if (request.Type == MarketType.Moneyline)
                {
                    key = new BookKey(MarketType.Moneyline, 0);
                    return true;
                }
                if (request.Number is not { } spread)
                {
                    rejection = Reject(RejectReason.MissingNumber, "number is required for spread orders");
                    return false;
                }
                key = new BookKey(MarketType.Spread, side == 0 ? spread.Quarters : -spread.Quarters);
                return true;
            case MarketType.Total:
                side = request.Side switch { "over" => 0, "under" => 1, _ => -1 };
                if (side < 0)
                {
                    rejection = Reject(RejectReason.InvalidSide, "invalid side: a total order's side is \"over\" or \"under\"");
                    return false;
                }
                if (request.Number is not { } total)
                {
                    rejection = Reject(RejectReason.MissingNumber, "number is required for total orders");
                    return false;
                }
                if (total.Quarters < 0)
                {
                    rejection = Reject(RejectReason.InvalidNumber, "invalid number: a total cannot be negative");
                    return false;
                }
                key = new BookKey(MarketType.Total, total.Quarters);
                return true;
            case MarketType.Moneyline1x2:
                if (!game.HasThreeWay)
                {
                    rejection = Reject(RejectReason.MarketNotOffered, "moneyline1x2 is offered only on soccer games");
                    return false;
                }
                side = request.Side switch { "yes" => 0, "no" => 1, _ => -1 };
                if (side < 0)
                {
                    rejection = Reject(RejectReason.InvalidSide, "invalid side: a moneyline1x2 order's side is \"yes\" or \"no\"");
                    return false;
                }
                int outcome = request.Market switch
                {
                    "draw" => BookKey.DrawOutcome,
                    null => -1,
                    _ when ObjectId.TryParse(request.Market, out ObjectId id) && id == game.Away.Id => BookKey.AwayOutcome,
                    _ when ObjectId.TryParse(request.Market, out ObjectId id) && id == game.Home.Id => BookKey.HomeOutcome,
                    _ => -1,
                };
                if (outcome < 0)
                {
                    rejection = Reject(RejectReason.InvalidMarket, "invalid market: market must be \"draw\" or the id of one of the game's participants");
                    return false;
                }
                key = new BookKey(MarketType.Moneyline1x2, outcome);
                return true;
            default:
                rejection = Reject(RejectReason.InvalidRequest, "invalid type");
                return false;
        }
    }

    private OrderRejected BelowMinimum() =>
        Reject(RejectReason.BelowMinimumOffer,
            $"bet must be at least the minimum offer of ${Options.MinimumOffer.ToDecimal(2).ToString("0.00", CultureInfo.InvariantCulture)}");

    internal static string InsufficientBalanceMessage(Account account) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Insufficient balance. You have ${account.Available.ToDecimal(2):0.00} available for betting. Balance is ${account.Balance.ToDecimal(2):0.00}, credit limit is ${account.CreditLimit.ToDecimal(2):0.00}, current liability is ${account.Liability.ToDecimal(2):0.00}.");

    private static OrderRejected Reject(RejectReason reason, string message) => new(reason, message);
}
