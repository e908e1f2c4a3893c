namespace OpenLine.Server.Tests.Kit;

/// <summary>One shared server per test class (no demo data; the NBA live delay shortened for tests).</summary>
public sealed class ServerFixture : IExchange, IAsyncLifetime
{
    /// <summary>The live delay configured for the TESTLIVE league, in seconds.</summary>
    public const decimal TestLiveDelaySeconds = 0.4m;

    public TestServer Server { get; private set; } = null!;

    public OpenLineClient Admin => Server.Admin;

    public OpenLineClient CreateClient(string? token = null) => Server.CreateClient(token);

    public async ValueTask InitializeAsync() =>
        Server = await TestServer.StartAsync($"--OpenLine:LiveDelay:TESTLIVE={TestLiveDelaySeconds}");

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
