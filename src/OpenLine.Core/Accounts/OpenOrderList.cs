using System.Collections;

namespace OpenLine.Core;

/// <summary>
/// An account's open orders, oldest first, as an intrusive doubly linked list through the orders
/// themselves: adding and removing are O(1) with no hashing and no allocation, and enumerating with
/// <c>foreach</c> allocates nothing either.
/// </summary>
public sealed class OpenOrderList : IReadOnlyCollection<Order>
{
    private Order? _first;
    private Order? _last;

    internal OpenOrderList()
    {
    }

    public int Count { get; private set; }

    internal void Add(Order order)
    {
        if (order.OwnerNext is not null || order.OwnerPrevious is not null || _first == order)
        {
            throw new InvalidOperationException($"order {order.Id} is already in an open-order list");
        }
        order.OwnerPrevious = _last;
        if (_last is null)
        {
            _first = order;
        }
        else
        {
            _last.OwnerNext = order;
        }
        _last = order;
        Count++;
    }

    internal void Remove(Order order)
    {
        if (order.OwnerPrevious is null && _first != order)
        {
            return; // not in the list
        }
        if (order.OwnerPrevious is null)
        {
            _first = order.OwnerNext;
        }
        else
        {
            order.OwnerPrevious.OwnerNext = order.OwnerNext;
        }
        if (order.OwnerNext is null)
        {
            _last = order.OwnerPrevious;
        }
        else
        {
            order.OwnerNext.OwnerPrevious = order.OwnerPrevious;
        }
        order.OwnerNext = null;
        order.OwnerPrevious = null;
        Count--;
    }

    public Enumerator GetEnumerator() => new(_first);

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
            _next = _next.OwnerNext;
            return true;
        }

        public readonly void Reset() => throw new NotSupportedException();

        public readonly void Dispose()
        {
        }
    }
}
