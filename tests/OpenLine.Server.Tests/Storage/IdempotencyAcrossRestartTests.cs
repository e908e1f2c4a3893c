using System.Net;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Storage;

/// <summary>An idempotent retry after a crash-and-restart still returns the first result (from a snapshot or from the journal).</summary>
public sealed class IdempotencyAcrossRestartTests : IDisposable
{
    private readonly DataDirectory _dataDir = new();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_retry_after_restart_returns_the_first_result(bool fromSnapshot)
    {
        string token;
        OpenLineClient.Response first;
        object body;
        await using (TestServer server = await TestServer.LaunchAsync(dataDir: _dataDir))
        {
            ExchangeSetup.User user = await server.CreateUserAsync(balance: 1000);
            ExchangeSetup.GameInfo game = await server.CreateGameAsync("NFL", "football", DateTimeOffset.UtcNow.AddDays(2));
            token = user.Client.Token!;
            body = new { orders = new[] { ExchangeSetup.Moneyline(game, game.AwayId, 150, 40) } };
            first = await user.Client.SendAsync(HttpMethod.Post, "/session/v3/place", body, r => r.Headers.Add("Idempotency-Key", "order-7"));
        }
        if (!fromSnapshot)
        {
            TestServer.DeleteSnapshots(_dataDir);
        }

        await using TestServer restarted = await TestServer.LaunchAsync(dataDir: _dataDir);
        OpenLineClient client = restarted.CreateClient(token);
        OpenLineClient.Response retry = await client.SendAsync(HttpMethod.Post, "/session/v3/place", body, r => r.Headers.Add("Idempotency-Key", "order-7"));

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Raw, retry.Raw);
        Assert.Equal(-40m, (await client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>());
    }

    public void Dispose() => _dataDir.Dispose();
}
