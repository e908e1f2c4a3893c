using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Streaming;

/// <summary>Retention (cache_expired) and survival across restarts of the user feed.</summary>
public sealed class UserFeedRetentionTests : IDisposable
{
    private readonly DataDirectory _dataDir = new();

    private static async Task<(ExchangeSetup.User User, ExchangeSetup.GameInfo Game)> SetUpAsync(TestServer server, DateTimeOffset now) =>
        (await server.CreateUserAsync(balance: 1000), await server.CreateGameAsync(start: now.AddDays(2)));

    private static Task<JsonArray> PostAsync(ExchangeSetup.User user, ExchangeSetup.GameInfo game, int odds) =>
        user.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, odds, 20, "post"));

    [Fact]
    public async Task Messages_older_than_the_retention_window_answer_cache_expired_with_what_is_left()
    {
        var clock = new ManualClock(DateTimeOffset.UtcNow);
        await using TestServer server = await TestServer.LaunchAsync(clock, settings: "--OpenLine:FeedRetentionMinutes=60");
        (ExchangeSetup.User user, ExchangeSetup.GameInfo game) = await SetUpAsync(server, clock.GetUtcNow());
        await PostAsync(user, game, 150);
        string old = (await user.Client.GetAsync("/v2/user/messages?afterID=0")).Body!["messages"]![0]!["messageID"]!.GetValue<string>();

        clock.Advance(TimeSpan.FromMinutes(90));
        await PostAsync(user, game, 160);
        OpenLineClient.Response expired = await user.Client.GetAsync($"/v2/user/messages?afterID=0");
        OpenLineClient.Response fresh = await user.Client.GetAsync($"/v2/user/messages?afterID={old}");

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
            (ExchangeSetup.User user, ExchangeSetup.GameInfo game) = await SetUpAsync(server, DateTimeOffset.UtcNow);
            token = user.Client.Token!;
            await PostAsync(user, game, 150);
            await PostAsync(user, game, 151);
            before = (await user.Client.GetAsync("/v2/user/messages?afterID=0")).Raw;
        }
        if (!fromSnapshot)
        {
            TestServer.DeleteSnapshots(_dataDir);
        }

        await using TestServer restarted = await TestServer.LaunchAsync(dataDir: _dataDir);
        string after = (await restarted.CreateClient(token).GetAsync("/v2/user/messages?afterID=0")).Raw;

        Assert.Equal(before, after);
        Assert.Equal(2, JsonNode.Parse(after)!["messages"]!.AsArray().Count);
    }

    public void Dispose() => _dataDir.Dispose();
}
