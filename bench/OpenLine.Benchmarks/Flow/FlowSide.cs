namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// The <c>side</c> column of a flow line. On OpenLine's moneyline market <c>B</c> backs the away
/// side and <c>S</c> backs the home side (see <see cref="FlowMarket"/>).
/// </summary>
public enum FlowSide : byte
{
    /// <summary><c>B</c>: the bid side; crosses an <c>S</c> at a tick less than or equal to its own.</summary>
    Buy = 0,

    /// <summary><c>S</c>: the ask side.</summary>
    Sell = 1,
}
