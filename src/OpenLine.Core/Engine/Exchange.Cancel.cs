namespace OpenLine.Core;

// Cancels: by the owner, and by the system (expiry, game start, market closed).
public sealed partial class Exchange
{
    private CommandResult CancelByOwner(CancelOrder command, List<ExchangeEvent> events)
    {
        if (TryReplay(command.AccountId, command.IdempotencyKey, isCancel: true, out CommandResult replayed))
        {
            return replayed;
        }
        CommandResult result = CancelOnce(command, events);
        if (command.IdempotencyKey is { } key && _accounts.ContainsKey(command.AccountId))
        {
            RememberCancel(command.AccountId, key, result);
        }
        return result;
    }

    private CommandResult CancelOnce(CancelOrder command, List<ExchangeEvent> events)
    {
        if (!_orders.TryGetValue(command.OrderId, out Order? order))
        {
            return new Rejected(RejectReason.UnknownOrder, "order not found");
        }
        if (order.Owner.Id != command.AccountId)
        {
            return new Rejected(RejectReason.NotYourOrder, "Not your order");
        }
        if (order.State != OrderState.Open)
        {
            return NotOpen(order);
        }
        return new CancelResult(CancelOpenOrder(order, CancelReason.User, events));
    }

    /// <summary>
    /// The refusal to cancel or edit an order that is no longer open, in 4casters' words (API §5.3):
    /// its bets are graded (the game ended), it was fully matched, it expired (its own expiry or the
    /// game's start), or it was cancelled.
    /// </summary>
    private static Rejected NotOpen(Order order) => new(RejectReason.OrderNotOpen, order switch
    {
        { Game.Ended: true, Filled.IsPositive: true } => "order already graded",
        { State: OrderState.Filled } => "order already fully matched",
        { CancelReason: CancelReason.Expired or CancelReason.GameStart } => "order is expired",
        _ => "order already cancelled",
    });

    private CancelReport CancelOpenOrder(Order order, CancelReason reason, List<ExchangeEvent> events)
    {
        Money released = order.Remaining;
        order.Book.Remove(order);
        order.Owner.RestingStake -= released;
        order.Owner.RemoveOpenOrder(order);
        order.Remaining = Money.Zero;
        order.State = OrderState.Cancelled;
        order.CancelReason = reason;
        order.ClosedAt = Now;
        var report = new CancelReport(order.Id, order.Game.Id, order.Book.Type, SideToken(order), MarketToken(order),
            order.Book.NumberFor(order.Side), order.Odds, order.Filled, released, OrderDescriptions.Subject(order),
            order.UserReference, reason);
        events.Add(new OrderCancelled(Now, order.Owner.Id, report));
        return report;
    }

    /// <summary>Cancels the open orders of a game that match <paramref name="predicate"/>, oldest first.</summary>
    private void CancelGameOrders(Game game, Func<Order, bool> predicate, CancelReason reason, List<ExchangeEvent> events)
    {
        List<Order> victims = [];
        foreach (OrderBook book in game.Books)
        {
            for (int side = 0; side < 2; side++)
            {
                foreach (PriceLevel level in book.Side(side).LevelsBestFirst)
                {
                    victims.AddRange(level.Orders.Where(predicate));
                }
            }
        }
        victims.Sort((a, b) => a.Priority.CompareTo(b.Priority));
        foreach (Order order in victims)
        {
            CancelOpenOrder(order, reason, events);
        }
    }

    /// <summary>The side as the order's owner sent it: a participant id, over/under or yes/no.</summary>
    public static string SideToken(Order order) => SideToken(order.Book, order.Side);

    /// <summary>The wire name of <paramref name="side"/> of <paramref name="book"/>.</summary>
    public static string SideToken(OrderBook book, int side) => book.Type switch
    {
        MarketType.Moneyline or MarketType.Spread => (side == 0 ? book.Game.Away : book.Game.Home).IdText,
        MarketType.Total => side == 0 ? "over" : "under",
        _ => side == 0 ? "yes" : "no",
    };

    /// <summary>The 1x2 market (<c>draw</c> or a participant id); null for other types.</summary>
    public static string? MarketToken(Order order) => MarketToken(order.Book);

    public static string? MarketToken(OrderBook book) => book.Type != MarketType.Moneyline1x2
        ? null
        : book.Key.Line switch
        {
            BookKey.AwayOutcome => book.Game.Away.IdText,
            BookKey.HomeOutcome => book.Game.Home.IdText,
            _ => "draw",
        };
}
