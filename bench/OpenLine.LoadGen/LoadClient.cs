namespace OpenLine.LoadGen;

/// <summary>
/// One connection of a scenario, whatever it sends. The driver (closed loop or paced) times each
/// <see cref="RunAsync"/> and records the latencies; the client counts what the replies said.
/// </summary>
internal abstract class LoadClient : IDisposable
{
    public ConnectionStats Stats { get; } = new();

    public abstract Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Sends the next request and reads its reply; counts it only when <paramref name="measured"/>.</summary>
    public abstract ValueTask<RequestResult> RunAsync(bool measured, CancellationToken cancellationToken);

    public abstract void Dispose();
}
