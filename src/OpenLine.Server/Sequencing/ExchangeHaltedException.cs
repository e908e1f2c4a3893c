namespace OpenLine.Server.Sequencing;

/// <summary>
/// The exchange stopped taking commands because it could not make one durable (or could not
/// recover). Fail-stop: nothing that was not journaled is ever acknowledged; a restart recovers
/// the journaled state. Requests get 503.
/// </summary>
public sealed class ExchangeHaltedException(string message, Exception? inner = null) : Exception(message, inner);
