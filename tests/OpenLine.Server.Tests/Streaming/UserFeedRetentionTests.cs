using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Streaming;

/// <summary>Retention (cache_expired) and survival across restarts of the user feed.</summary>
public sealed class UserFeedRetentionTests : IDisposable
{
    private readonly string _dataDir = TestServer.NewDataDir();

    private static async Task<(OpenLineClient User, string GameId, string Away)> SetUpAsync(TestServer server, DateTimeOffset now)
    {
        var admin = new OpenLineClient(server.CreateHttpClient(), TestServer.AdminToken);
        await admin.PostAsync("/admin/users", new { username = "feedy", password = "feedy-password", balance = 1000 });
        var anonymous = new OpenLineClient(server.CreateHttpClient());
        OpenLineClient user = anonymous.WithToken((await anonymous.PostAsync("/user/login", new { username = "feedy", password = "feedy-password" })).Data["user"]!["auth"]!.GetValue<string>());
        JsonNode game = (await admin.PostAsync("/admin/games", new
        {
            league = "NBA", sport = "basketball", start = now.AddDays(2).ToString("O"),
            participants = new[] { new { longName = "Feed Away", shortName = "FA" }, new { longName = "Feed Home", shortName = "FH" } },
        })).Data["game"]!;
        return (user, game["id"]!.GetValue<string>(), game["participants"]![0]!["id"]!.GetValue<string>());
    }

    private static Task<OpenLineClient.Response> PostAsync(OpenLineClient user, string game, string away, int odds) =>
        user.PostAsync("/session/v3/place", new { orders = new[] { new { gameID = game, type = "moneyline", side = away, odds, bet = 20, orderType = "post" } } });

    [Fact]
    public async Task Messages_older_than_the_retention_window_answer_cache_expired_with_what_is_left()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using TestServer server = await TestServer.LaunchAsync(clock, settings: "--OpenLine:FeedRetentionMinutes=60");
        (OpenLineClient user, string game, string away) = await SetUpAsync(server, clock.GetUtcNow());
        await PostAsync(user, game, away, 150);
        string old = (await user.GetAsync("/v2/user/messages?afterID=0")).Body!["messages"]![0]!["messageID"]!.GetValue<string>();

        clock.Advance(TimeSpan.FromMinutes(90));
        await PostAsync(user, game, away, 160);
        OpenLineClient.Response expired = await user.GetAsync($"/v2/user/messages?afterID=0");
        OpenLineClient.Response fresh = await user.GetAsync($"/v2/user/messages?afterID={old}");

        Assert.Equal("cache_expired", expired.Body!["status"]!.GetValue<string>());
        Assert.Single(expired.Body!["availableMessages"]!.AsArray());
        Assert.Equal("success", fresh.Body!["status"]!.GetValue<string>());
        Assert.Single(fresh.Body!["messages"]!.AsArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Messages_survive_a_restart_from_a_snapshot_or_from_the_journal(bool fromSnapshot)
    {
        string before;
        string token;
        await using (TestServer server = await TestServer.LaunchAsync(dataDir: _dataDir))
        {
            (OpenLineClient user, string game, string away) = await SetUpAsync(server, DateTimeOffset.UtcNow);
            token = user.Token!;
            await PostAsync(user, game, away, 150);
            await PostAsync(user, game, away, 151);
            before = (await user.GetAsync("/v2/user/messages?afterID=0")).Raw;
        }
        if (!fromSnapshot)
        {
            TestServer.DeleteSnapshots(_dataDir);
        }

        await using TestServer restarted = await TestServer.LaunchAsync(dataDir: _dataDir);
        string after = (await new OpenLineClient(restarted.CreateHttpClient(), token).GetAsync("/v2/user/messages?afterID=0")).Raw;

        Assert.Equal(before, after);
        Assert.Equal(2, JsonNode.Parse(after)!["messages"]!.AsArray().Count);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
