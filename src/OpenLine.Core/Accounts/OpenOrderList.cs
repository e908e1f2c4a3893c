namespace OpenLine.Core;

/// <summary>An account's open orders, oldest first (an intrusive list through the orders: O(1) add and remove, no allocation).</summary>
public sealed class OpenOrderList : OrderList<OwnerLinks>
{
    internal OpenOrderList()
    {
    }

    internal void Add(Order order) => Link(order);

    /// <summary>Takes the order out if it is in the list.</summary>
    internal void Remove(Order order) => Unlink(order);
}
