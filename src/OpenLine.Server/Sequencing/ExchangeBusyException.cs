namespace OpenLine.Server.Sequencing;

/// <summary>
/// The sequencer's queue is full (<c>OpenLine:MaxQueuedRequests</c>): the request was not taken, so
/// nothing happened; retry shortly. Requests get 503 with <c>Retry-After</c>. A bound on the queue
/// keeps a flood of requests from many accounts from growing the server's memory without limit.
/// </summary>
public sealed class ExchangeBusyException() : Exception("The exchange is busy; nothing was done. Retry shortly.");
