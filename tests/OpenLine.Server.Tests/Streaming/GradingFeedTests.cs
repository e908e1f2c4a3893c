using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Streaming;

/// <summary>
/// What the streams say when a game is graded: a <c>graded</c> message per side on the user feed
/// (an OpenLine extension; figures as in graded rows, API §8.13) and <c>marketClosed</c> on the price feed.
/// </summary>
public sealed class GradingFeedTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private Task<SocketClient> FeedAsync(ExchangeSetup.User user) => SocketClient.ConnectAsync(fixture.Server.BaseAddress, "/v2/user", user.Client.Token);

    /// <summary>The next user-feed message that carries a <c>graded</c> block (placements, fills and cancels are skipped).</summary>
    private static async Task<JsonNode> NextGradedAsync(SocketClient feed)
    {
        while (true)
        {
            JsonNode message = await feed.ReceiveAsync() ?? throw new InvalidOperationException("feed closed");
            if (message["graded"] is not null)
            {
                return message;
            }
        }
    }

    private static (string Outcome, string Result, string Fee, string Risk, string Win, bool AdminRefund, bool Regrade) Figures(JsonNode message)
    {
        JsonNode g = message["graded"]!;
        return (g["outcome"].Str(), g["result"].Str(), g["fee"].Str(), g["risk"].Str(), g["win"].Str(),
            g["adminRefund"]!.GetValue<bool>(), g["regrade"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Grading_regrading_and_voiding_each_send_both_sides_their_settlement()
    {
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await using SocketClient makerFeed = await FeedAsync(maker);
        await using SocketClient takerFeed = await FeedAsync(taker);
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync(maker: maker, taker: taker);

        await fixture.GradeAsync(bet.Game.Id, 3, 1);
        JsonNode takerWin = await NextGradedAsync(takerFeed);
        JsonNode makerLoss = await NextGradedAsync(makerFeed);
        await fixture.GradeAsync(bet.Game.Id, 1, 3);
        JsonNode takerLoss = await NextGradedAsync(takerFeed);
        JsonNode makerWin = await NextGradedAsync(makerFeed);
        await fixture.VoidAsync(bet.Game.Id);
        JsonNode takerRefund = await NextGradedAsync(takerFeed);
        JsonNode makerRefund = await NextGradedAsync(makerFeed);

        // The envelope is the usual one, with neither block.
        Assert.Equal(("wager", bet.Game.Id, "NBA", "basketball"), (takerWin["origin"].Str(), takerWin["gameID"].Str(), takerWin["league"].Str(), takerWin["sport"].Str()));
        Assert.Equal("offer", makerLoss["origin"].Str());
        Assert.All([takerWin, makerLoss], m => Assert.True(m.AsObject().ContainsKey("matched") && m["matched"] is null && m["unmatched"] is null));
        Assert.Equal(("Away Team vs Home Team", "api", false), (takerWin["eventName"].Str(), takerWin["platform"].Str(), takerWin["live"]!.GetValue<bool>()));
        Assert.Equal(bet.Game.Json["start"].Str(), takerWin["start"].Str());
        // Ids: the bet, the maker's order, each side's own wager request.
        Assert.Equal((bet.TxId, bet.MakerOrderId, bet.TakerWagerRequestId), (takerWin["graded"]!["txID"].Str(), takerWin["graded"]!["orderID"].Str(), takerWin["graded"]!["wagerRequestID"].Str()));
        Assert.Equal((bet.TxId, bet.MakerOrderId, bet.MakerWagerRequestId), (makerLoss["graded"]!["txID"].Str(), makerLoss["graded"]!["orderID"].Str(), makerLoss["graded"]!["wagerRequestID"].Str()));
        Assert.Equal(takerWin["createdAt"].Str(), takerWin["graded"]!["settledAt"].Str());
        // Figures as graded rows have them: risk = stake + fee, win = gross − fee, result = cash change.
        Assert.Equal(("winner", "99.00", "1.00", "186.00", "99.00", false, false), Figures(takerWin));
        Assert.Equal(("loser", "-100.00", "0.00", "100.00", "185.00", false, false), Figures(makerLoss));
        Assert.Equal(("loser", "-186.00", "1.00", "186.00", "99.00", false, true), Figures(takerLoss));
        Assert.Equal(("winner", "185.00", "0.00", "100.00", "185.00", false, true), Figures(makerWin));
        Assert.Equal(("refunded", "0.00", "0.00", "185.00", "100.00", true, true), Figures(takerRefund));
        Assert.Equal(("refunded", "0.00", "0.00", "100.00", "185.00", true, true), Figures(makerRefund));
    }

    [Fact]
    public async Task Replay_returns_the_graded_messages_and_other_messages_carry_no_graded_key()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await bet.Maker.PlaceAsync(ExchangeSetup.Moneyline(bet.Game, bet.Game.AwayId, 150, 50, "post")); // cancelled when the game ends

        await fixture.GradeAsync(bet.Game.Id, 3, 1);
        JsonArray messages = (await bet.Maker.Client.GetAsync("/v2/user/messages?afterID=0")).Body!["messages"]!.AsArray();

        // placed, hit, placed, cancelled (market closed), graded.
        Assert.Equal(5, messages.Count);
        Assert.All(messages.Take(4), m => Assert.False(m!.AsObject().ContainsKey("graded")));
        Assert.Equal(0m, messages[3]!["unmatched"]!["offered"].Num());
        Assert.Equal(("loser", bet.TxId), (messages[4]!["graded"]!["outcome"].Str(), messages[4]!["graded"]!["txID"].Str()));
    }

    [Fact]
    public async Task The_price_feed_closes_the_market_empties_its_book_and_shows_the_score()
    {
        ExchangeSetup.User watcher = await fixture.CreateUserAsync();
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await bet.Maker.PlaceAsync(ExchangeSetup.Moneyline(bet.Game, bet.Game.AwayId, 150, 50, "post"));
        await using SocketClient stream = await SocketClient.ConnectAsync(fixture.Server.BaseAddress, "/price-stream", watcher.Client.Token);
        await stream.SendAsync($"{{\"type\":\"subscribe\",\"gameIDs\":[\"{bet.Game.Id}\"],\"replace\":true}}");
        await Task.Delay(200, TestContext.Current.CancellationToken); // subscriptions have no acknowledgement

        await fixture.GradeAsync(bet.Game.Id, 3, 1);
        var seen = new List<JsonNode>();
        JsonNode closed;
        while (true)
        {
            JsonNode message = await stream.ReceiveAsync() ?? throw new InvalidOperationException("stream closed");
            seen.Add(message);
            if (message[0].Str() == "gameUpdate")
            {
                closed = message[1]!;
                break;
            }
        }
        await fixture.GradeAsync(bet.Game.Id, 1, 3);
        JsonNode regraded = (await stream.ReceiveAsync())!;

        // The resting away offer was cancelled: the home side's taker ladder is now empty.
        JsonNode ladder = seen.Single(m => m[0].Str() == "orderUpdate")[1]!;
        Assert.Equal((bet.Game.Id, bet.Game.HomeId), (ladder["gameID"].Str(), ladder["participantID"].Str()));
        Assert.Empty(ladder["sideOrders"]!.AsArray());
        Assert.Equal(("marketClosed", true), (closed["messageType"].Str(), closed["ended"]!.GetValue<bool>()));
        Assert.Equal((3m, 1m), (closed["participants"]![0]!["score"].Num(), closed["participants"]![1]!["score"].Num()));
        Assert.Empty(closed["homeMoneylines"]!.AsArray());
        Assert.Equal(("gameUpdate", "marketClosed"), (regraded[0].Str(), regraded[1]!["messageType"].Str()));
        Assert.Equal((1m, 3m), (regraded[1]!["participants"]![0]!["score"].Num(), regraded[1]!["participants"]![1]!["score"].Num()));
    }

    /// <summary>A price-stream connection subscribed to one game only (subscriptions have no acknowledgement, hence the pause).</summary>
    private async Task<SocketClient> PriceStreamAsync(string gameId)
    {
        ExchangeSetup.User watcher = await fixture.CreateUserAsync();
        SocketClient stream = await SocketClient.ConnectAsync(fixture.Server.BaseAddress, "/price-stream", watcher.Client.Token);
        await stream.SendAsync($"{{\"type\":\"subscribe\",\"gameIDs\":[\"{gameId}\"],\"replace\":true}}");
        await Task.Delay(200, TestContext.Current.CancellationToken);
        return stream;
    }

    /// <summary>The messages up to and including the next <c>gameUpdate</c>, in order.</summary>
    private static async Task<List<JsonNode>> UntilGameUpdateAsync(SocketClient stream)
    {
        var seen = new List<JsonNode>();
        while (true)
        {
            JsonNode message = await stream.ReceiveAsync() ?? throw new InvalidOperationException("stream closed");
            seen.Add(message);
            if (message[0].Str() == "gameUpdate")
            {
                return seen;
            }
        }
    }

    private static bool HasScore(JsonNode game, int participant) => game["participants"]![participant]!.AsObject().ContainsKey("score");

    [Fact]
    public async Task Voiding_an_ungraded_game_closes_its_market_on_the_price_feed_with_an_empty_book_and_no_score()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await bet.Maker.PlaceAsync(ExchangeSetup.Moneyline(bet.Game, bet.Game.AwayId, 150, 50, "post")); // cancelled by the void
        await using SocketClient stream = await PriceStreamAsync(bet.Game.Id);

        await fixture.VoidAsync(bet.Game.Id);
        List<JsonNode> seen = await UntilGameUpdateAsync(stream);
        await fixture.GradeAsync(bet.Game.Id, 2, 0); // a result after all: the next message must be its own, not a second one for the void
        JsonNode graded = (await stream.ReceiveAsync())!;

        // The resting away offer was cancelled: the home side's taker ladder is empty, and it was said before the game closed.
        Assert.Equal(["orderUpdate", "gameUpdate"], seen.Select(m => m[0].Str()));
        JsonNode ladder = seen[0][1]!;
        Assert.Equal((bet.Game.Id, bet.Game.HomeId), (ladder["gameID"].Str(), ladder["participantID"].Str()));
        Assert.Empty(ladder["sideOrders"]!.AsArray());
        JsonNode closed = seen[1][1]!;
        Assert.Equal((bet.Game.Id, "marketClosed", true), (closed["id"].Str(), closed["messageType"].Str(), closed["ended"]!.GetValue<bool>()));
        Assert.Empty(closed["awayMoneylines"]!.AsArray());
        Assert.Empty(closed["homeMoneylines"]!.AsArray());
        // A voided game has no final score: the participants carry no score key at all (not 0, not null).
        Assert.False(HasScore(closed, 0) || HasScore(closed, 1), closed.ToJsonString());
        Assert.Equal(("gameUpdate", "marketClosed"), (graded[0].Str(), graded[1]!["messageType"].Str()));
        Assert.Equal((2m, 0m), (graded[1]!["participants"]![0]!["score"].Num(), graded[1]!["participants"]![1]!["score"].Num()));
    }

    [Fact]
    public async Task Voiding_a_graded_game_sends_marketClosed_again_and_withdraws_the_score_it_showed()
    {
        GradingSetup.Scenario bet = await fixture.MatchScenarioAsync();
        await using SocketClient stream = await PriceStreamAsync(bet.Game.Id);
        await fixture.GradeAsync(bet.Game.Id, 3, 1);
        JsonNode graded = (await UntilGameUpdateAsync(stream))[^1][1]!;

        await fixture.VoidAsync(bet.Game.Id); // a correction: the result is withdrawn and every bet refunded
        JsonNode voided = (await stream.ReceiveAsync())!;
        await fixture.VoidAsync(bet.Game.Id); // voiding again changes nothing, so it must say nothing
        await fixture.GradeAsync(bet.Game.Id, 1, 3);
        JsonNode regraded = (await stream.ReceiveAsync())!;

        Assert.Equal((3m, 1m), (graded["participants"]![0]!["score"].Num(), graded["participants"]![1]!["score"].Num()));
        // The book was already empty, so the void's only message is the closed game, without the score of the withdrawn result:
        // a client that kept the last score it was sent would otherwise still show 3-1 for a game nobody won.
        Assert.Equal("gameUpdate", voided[0].Str());
        Assert.Equal((bet.Game.Id, "marketClosed", true), (voided[1]!["id"].Str(), voided[1]!["messageType"].Str(), voided[1]!["ended"]!.GetValue<bool>()));
        Assert.False(HasScore(voided[1]!, 0) || HasScore(voided[1]!, 1), voided.ToJsonString());
        Assert.Empty(voided[1]!["awayMoneylines"]!.AsArray());
        Assert.Empty(voided[1]!["homeMoneylines"]!.AsArray());
        Assert.Equal(("gameUpdate", "marketClosed"), (regraded[0].Str(), regraded[1]!["messageType"].Str()));
        Assert.Equal((1m, 3m), (regraded[1]!["participants"]![0]!["score"].Num(), regraded[1]!["participants"]![1]!["score"].Num()));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Graded_messages_keep_the_figures_of_their_moment_through_a_regrade_and_a_restart(bool fromSnapshot)
    {
        string dataDir = TestServer.NewDataDir();
        try
        {
            string token;
            string before;
            await using (TestServer server = await TestServer.LaunchAsync(dataDir: dataDir))
            {
                var admin = new OpenLineClient(server.CreateHttpClient(), TestServer.AdminToken);
                async Task<OpenLineClient> UserAsync(string name)
                {
                    await admin.PostAsync("/admin/users", new { username = name, password = name + "-password", balance = 1000 });
                    var anonymous = new OpenLineClient(server.CreateHttpClient());
                    OpenLineClient.Response login = await anonymous.PostAsync("/user/login", new { username = name, password = name + "-password" });
                    return anonymous.WithToken(login.Data["user"]!["auth"].Str());
                }
                OpenLineClient maker = await UserAsync("grader-maker");
                OpenLineClient taker = await UserAsync("grader-taker");
                JsonNode game = (await admin.PostAsync("/admin/games", new
                {
                    league = "NBA", sport = "basketball", start = DateTimeOffset.UtcNow.AddDays(1).ToString("O"),
                    participants = new[] { new { longName = "Restart Away", shortName = "RA" }, new { longName = "Restart Home", shortName = "RH" } },
                })).Data["game"]!;
                string gameId = game["id"].Str();
                await maker.PostAsync("/session/v3/place", new { orders = new[] { new { gameID = gameId, type = "moneyline", side = game["participants"]![1]!["id"].Str(), odds = 185, bet = 100, orderType = "post" } } });
                await taker.PostAsync("/session/v3/place", new { orders = new[] { new { gameID = gameId, type = "moneyline", side = game["participants"]![0]!["id"].Str(), odds = -185, bet = 185 } } });
                await admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore = 3, homeScore = 1 });
                await admin.PostAsync($"/admin/games/{gameId}/result", new { awayScore = 1, homeScore = 3 }); // before anyone read the first one
                token = taker.Token!;
                before = (await taker.GetAsync("/v2/user/messages?afterID=0")).Raw;
            }
            if (!fromSnapshot)
            {
            TestServer.DeleteSnapshots(dataDir);
        }

            await using TestServer restarted = await TestServer.LaunchAsync(dataDir: dataDir);
            string after = (await new OpenLineClient(restarted.CreateHttpClient(), token).GetAsync("/v2/user/messages?afterID=0")).Raw;

            JsonNode[] graded = [.. JsonNode.Parse(before)!["messages"]!.AsArray().Where(m => m!["graded"] is not null).Select(m => m!)];
            Assert.Equal(2, graded.Length);
            Assert.Equal(("winner", "99.00", false), (graded[0]["graded"]!["outcome"].Str(), graded[0]["graded"]!["result"].Str(), graded[0]["graded"]!["regrade"]!.GetValue<bool>()));
            Assert.Equal(("loser", "-186.00", true), (graded[1]["graded"]!["outcome"].Str(), graded[1]["graded"]!["result"].Str(), graded[1]["graded"]!["regrade"]!.GetValue<bool>()));
            Assert.Equal(before, after);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(dataDir, recursive: true);
            }
            catch (IOException)
            {
                // best effort: a leftover temp folder is harmless
            }
        }
    }
}
