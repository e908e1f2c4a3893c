using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>Login, the User object, the REST heartbeat and game liability (API §2, §3.3) against the REST document.</summary>
public sealed class UserConformanceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Login_matches_the_AuthenticatedUser_schema()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync(balance: 1250.5m, creditLimit: -500, commission: 0.02m);
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response response = await anonymous.PostAsync("/user/login", new { username = user.Username, password = user.Password });

        await ConformanceAssert.ConformsAsync(response, "POST", "/user/login");
    }

    [Fact]
    public async Task Get_me_with_open_liability_matches_the_User_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response maker = await market.Maker.Client.GetAsync("/user/getMe");
        OpenLineClient.Response taker = await market.Taker.Client.PostAsync("/user/getMe", new { });

        await ConformanceAssert.ConformsAsync(maker, "GET", "/user/getMe");
        // API §1: read endpoints also answer POST with a JSON body; the body is the same document's.
        await ConformanceAssert.ConformsAsync(taker, "GET", "/user/getMe");
    }

    [Fact]
    public async Task Orders_heartbeat_answers_a_documented_status_with_the_data_envelope()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response response = await user.Client.PostAsync("/user/ordersHeartbeat", new { timeout = 30 });

        // The document gives 200 no body schema ("forwarded from the orders service"); API §3.3 says
        // `{ "data": { ...ack } }`, the WebSocket ack's shape (§5.1).
        await ConformanceAssert.ConformsAsync(response, "POST", "/user/ordersHeartbeat");
        Assert.Equal("heartbeatAck", response.Data["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Game_liability_matches_the_documented_schema()
    {
        ConformanceMarket market = await ConformanceMarket.CreateAsync(fixture);

        OpenLineClient.Response withBets = await market.Taker.Client.GetAsync($"/user/getGameLiability?gameID={market.Game.Id}");
        OpenLineClient.Response without = await (await fixture.CreateUserAsync()).Client.GetAsync($"/user/getGameLiability?gameID={market.Game.Id}");

        Assert.True(withBets.Data["liability"]!.GetValue<decimal>() < 0);
        await ConformanceAssert.ConformsAsync(withBets, "GET", "/user/getGameLiability");
        await ConformanceAssert.ConformsAsync(without, "GET", "/user/getGameLiability");
    }
}
