namespace OpenLine.Core;

/// <summary>The resting orders of one book side at one maker price, oldest first.</summary>
public sealed class PriceLevel
{
    internal PriceLevel(AmericanOdds makerOdds) => MakerOdds = makerOdds;

    public AmericanOdds MakerOdds { get; }

    /// <summary>The price a taker of the other side gets here: <c>−MakerOdds</c>.</summary>
    public AmericanOdds TakerOdds => MakerOdds.Counter;

    public Order? First { get; private set; }
    public Order? Last { get; private set; }
    public int Count { get; private set; }
    public Money TotalRemaining { get; internal set; }

    public IEnumerable<Order> Orders
    {
        get
        {
            for (Order? o = First; o is not null; o = o.Next)
            {
                yield return o;
            }
        }
    }

    internal void Append(Order order)
    {
        order.Level = this;
        order.Previous = Last;
        order.Next = null;
        if (Last is null)
        {
            First = order;
        }
        else
        {
            Last.Next = order;
        }
        Last = order;
        Count++;
        TotalRemaining += order.Remaining;
    }

    internal void Remove(Order order)
    {
        if (order.Previous is null)
        {
            First = order.Next;
        }
        else
        {
            order.Previous.Next = order.Next;
        }
        if (order.Next is null)
        {
            Last = order.Previous;
        }
        else
        {
            order.Next.Previous = order.Previous;
        }
        TotalRemaining -= order.Remaining;
        order.Next = null;
        order.Previous = null;
        order.Level = null;
        Count--;
    }
}
