namespace OpenLine.Core;

/// <summary>The resting orders of one book side at one maker price, oldest first.</summary>
public sealed class PriceLevel : OrderList<LevelLinks>
{
    internal PriceLevel(AmericanOdds makerOdds) => MakerOdds = makerOdds;

    public AmericanOdds MakerOdds { get; }

    /// <summary>The price a taker of the other side gets here: <c>−MakerOdds</c>.</summary>
    public AmericanOdds TakerOdds => MakerOdds.Counter;

    public Money TotalRemaining { get; internal set; }

    /// <summary>The level's orders, oldest first (time priority).</summary>
    public OrderList<LevelLinks> Orders => this;

    internal void Append(Order order)
    {
        Link(order);
        order.Level = this;
        TotalRemaining += order.Remaining;
    }

    internal void Remove(Order order)
    {
        if (!Unlink(order))
        {
            throw new InvalidOperationException($"order {order.Id} is not in the level at {MakerOdds}");
        }
        TotalRemaining -= order.Remaining;
        order.Level = null;
    }
}
