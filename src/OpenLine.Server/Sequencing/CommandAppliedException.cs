namespace OpenLine.Server.Sequencing;

/// <summary>
/// A command was carried out (and is journaled) but making its answer failed — an internal error in
/// the response's projection, never bad input. The caller must not take it for a failure and simply
/// retry: the order may be on the book. Requests get 500 with this message (on the orders socket, the
/// same text).
/// </summary>
public sealed class CommandAppliedException(string command, Exception inner) : Exception(
    $"Internal error after the {command} command was carried out: it took effect, but its answer could not be made. "
    + "Check your orders and balance before retrying.", inner);
