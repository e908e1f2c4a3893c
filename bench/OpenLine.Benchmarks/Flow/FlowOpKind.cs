namespace OpenLine.Benchmarks.Flow;

/// <summary>The <c>op</c> column of a flow line.</summary>
public enum FlowOpKind : byte
{
    /// <summary><c>L</c>: a limit order, good till cancelled (OpenLine: <c>limit</c>).</summary>
    Limit = 0,

    /// <summary><c>I</c>: immediate-or-cancel at a limit price (OpenLine: <c>fillAndKill</c>).</summary>
    ImmediateOrCancel = 1,

    /// <summary><c>C</c>: cancel of an earlier order id (which may have filled or gone already).</summary>
    Cancel = 2,
}
