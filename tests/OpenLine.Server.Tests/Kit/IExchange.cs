namespace OpenLine.Server.Tests.Kit;

/// <summary>
/// A running exchange as the test kit sees it: an operator client and new clients on their own
/// connections. Both the shared <see cref="ServerFixture"/> and a test's own <see cref="TestServer"/>
/// are one, so <see cref="ExchangeSetup"/> and <see cref="GradingSetup"/> work on either.
/// </summary>
public interface IExchange
{
    /// <summary>A client carrying the operator token.</summary>
    OpenLineClient Admin { get; }

    /// <summary>A new client on its own connection, carrying <paramref name="token"/> (none: anonymous).</summary>
    OpenLineClient CreateClient(string? token = null);
}
