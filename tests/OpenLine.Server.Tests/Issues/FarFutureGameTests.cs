using System.Net;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Issues;

/// <summary>
/// Regression: a game starting more than ~49.7 days ahead was the engine's next due time, and
/// arming a timer that far out threw on the sequencer thread and took the process down.
/// </summary>
public sealed class FarFutureGameTests
{
    [Fact]
    public async Task A_game_starting_years_ahead_does_not_stop_the_exchange()
    {
        await using TestServer server = await TestServer.StartAsync();

        await server.CreateGameAsync("NHL", "hockey", DateTimeOffset.UtcNow.AddYears(3)); // asserts 200
        await Task.Delay(200, TestContext.Current.CancellationToken);
        OpenLineClient.Response after = await server.Admin.GetAsync("/admin/ledger");

        Assert.Equal(HttpStatusCode.OK, after.Status);
    }
}
