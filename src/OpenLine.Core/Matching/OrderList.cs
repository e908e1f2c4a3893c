using System.Collections;

namespace OpenLine.Core;

/// <summary>An order's two neighbours in one intrusive list.</summary>
public struct OrderLinks
{
    internal Order? Previous;
    internal Order? Next;
}

/// <summary>
/// Which of an order's link pairs a list threads through. A type argument rather than a delegate: the
/// JIT compiles each list for its own link pair, so following a link costs what a field access costs.
/// </summary>
public interface IOrderLinks
{
    internal static abstract ref OrderLinks Of(Order order);
}

/// <summary>The queue of a price level, oldest first (<see cref="PriceLevel"/>).</summary>
public readonly struct LevelLinks : IOrderLinks
{
    static ref OrderLinks IOrderLinks.Of(Order order) => ref order.LevelLinks;
}

/// <summary>The open orders of an account, oldest first (<see cref="OpenOrderList"/>).</summary>
public readonly struct OwnerLinks : IOrderLinks
{
    static ref OrderLinks IOrderLinks.Of(Order order) => ref order.OwnerLinks;
}

/// <summary>
/// Orders in arrival order as an intrusive doubly linked list through the orders themselves (one
/// link pair per kind of list, chosen by <typeparamref name="TLinks"/>): appending and removing are
/// O(1) with no hashing and no allocation, and enumerating with <c>foreach</c> allocates nothing.
/// An order is in at most one list of each kind.
/// </summary>
public abstract class OrderList<TLinks> : IReadOnlyCollection<Order> where TLinks : struct, IOrderLinks
{
    private protected OrderList()
    {
    }

    public Order? First { get; private set; }

    public Order? Last { get; private set; }

    public int Count { get; private set; }

    private protected void Link(Order order)
    {
        ref OrderLinks links = ref TLinks.Of(order);
        if (links.Next is not null || links.Previous is not null || First == order)
        {
            throw new InvalidOperationException($"order {order.Id} is already in a list of this kind");
        }
        links.Previous = Last;
        if (Last is null)
        {
            First = order;
        }
        else
        {
            TLinks.Of(Last).Next = order;
        }
        Last = order;
        Count++;
    }

    /// <summary>Takes <paramref name="order"/> out; false (and nothing changes) if it is not in the list.</summary>
    private protected bool Unlink(Order order)
    {
        ref OrderLinks links = ref TLinks.Of(order);
        if (links.Previous is null && First != order)
        {
            return false;
        }
        if (links.Previous is null)
        {
            First = links.Next;
        }
        else
        {
            TLinks.Of(links.Previous).Next = links.Next;
        }
        if (links.Next is null)
        {
            Last = links.Previous;
        }
        else
        {
            TLinks.Of(links.Next).Previous = links.Previous;
        }
        links = default;
        Count--;
        return true;
    }

    public Enumerator GetEnumerator() => new(First);

    IEnumerator<Order> IEnumerable<Order>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the list; the order just returned may be removed during the walk.</summary>
    public struct Enumerator : IEnumerator<Order>
    {
        private Order? _next;

        internal Enumerator(Order? first)
        {
            _next = first;
            Current = null!;
        }

        public Order Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_next is null)
            {
                return false;
            }
            Current = _next;
            _next = TLinks.Of(_next).Next;
            return true;
        }

        public readonly void Reset() => throw new NotSupportedException();

        public readonly void Dispose()
        {
        }
    }
}
