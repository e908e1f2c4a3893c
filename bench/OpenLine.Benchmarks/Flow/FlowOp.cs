namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// One line of an order-flow file, <c>op,id,side,price,size</c>. For a cancel only
/// <see cref="Id"/> counts (the other columns may be empty and are ignored).
/// </summary>
/// <param name="Id">The order's id, unique among the file's <c>L</c> and <c>I</c> lines; for <c>C</c>, the order to cancel.</param>
/// <param name="Price">An integer price tick (see <see cref="FlowMarket"/> for OpenLine's odds).</param>
/// <param name="Size">Whole units; on OpenLine, dollars of stake. Positive for <c>L</c> and <c>I</c>, 0 for <c>C</c>.</param>
public readonly record struct FlowOp(FlowOpKind Kind, long Id, FlowSide Side, int Price, int Size);
