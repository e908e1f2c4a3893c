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
        var admin = new OpenLineClient(server.CreateHttpClient(), TestServer.AdminToken);

        OpenLineClient.Response created = await admin.PostAsync("/admin/games", new
        {
            league = "NHL", sport = "hockey", start = DateTimeOffset.UtcNow.AddYears(3).ToString("O"),
            participants = new[] { new { longName = "Far Away", shortName = "FA" }, new { longName = "Far Home", shortName = "FH" } },
        });
        await Task.Delay(200, TestContext.Current.CancellationToken);
        OpenLineClient.Response after = await admin.GetAsync("/admin/ledger");

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(HttpStatusCode.OK, after.Status);
    }
}
