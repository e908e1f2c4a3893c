using System.Net;
using Microsoft.Data.Sqlite;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Storage;

/// <summary>An idempotent retry after a crash-and-restart still returns the first result (from a snapshot or from the journal).</summary>
public sealed class IdempotencyAcrossRestartTests : IDisposable
{
    private readonly string _dataDir = TestServer.NewDataDir();

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
            var admin = new OpenLineClient(server.CreateHttpClient(), TestServer.AdminToken);
            await admin.PostAsync("/admin/users", new { username = "ida", password = "ida-password", balance = 1000 });
            var game = (await admin.PostAsync("/admin/games", new
            {
                league = "NFL", sport = "football", start = DateTimeOffset.UtcNow.AddDays(2).ToString("O"),
                participants = new[] { new { longName = "Buffalo Bills", shortName = "BUF" }, new { longName = "Kansas City Chiefs", shortName = "KC" } },
            })).Data["game"]!;
            var anonymous = new OpenLineClient(server.CreateHttpClient());
            token = (await anonymous.PostAsync("/user/login", new { username = "ida", password = "ida-password" })).Data["user"]!["auth"]!.GetValue<string>();
            body = new { orders = new[] { new { gameID = game["id"]!.GetValue<string>(), type = "moneyline", side = game["participants"]![0]!["id"]!.GetValue<string>(), odds = 150, bet = 40 } } };
            first = await anonymous.WithToken(token).SendAsync(HttpMethod.Post, "/session/v3/place", body, r => r.Headers.Add("Idempotency-Key", "order-7"));
        }
        if (!fromSnapshot)
        {
            TestServer.DeleteSnapshots(_dataDir);
        }

        await using TestServer restarted = await TestServer.LaunchAsync(dataDir: _dataDir);
        var client = new OpenLineClient(restarted.CreateHttpClient(), token);
        OpenLineClient.Response retry = await client.SendAsync(HttpMethod.Post, "/session/v3/place", body, r => r.Headers.Add("Idempotency-Key", "order-7"));

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Raw, retry.Raw);
        Assert.Equal(-40m, (await client.GetAsync("/user/getMe")).Data["user"]!["liability"]!.GetValue<decimal>());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort
        }
    }
}
