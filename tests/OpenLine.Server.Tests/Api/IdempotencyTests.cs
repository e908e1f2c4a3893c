using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// Idempotent retries (an OpenLine extension): the same <c>Idempotency-Key</c> from the same
/// user returns the first result instead of acting twice — also after a restart.
/// </summary>
public sealed class IdempotencyTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static Task<OpenLineClient.Response> SendWithKey(OpenLineClient client, string path, object body, string key) =>
        client.SendAsync(HttpMethod.Post, path, body, r => r.Headers.Add("Idempotency-Key", key));

    [Fact]
    public async Task A_retried_place_returns_the_first_result_and_places_nothing_more()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User maker = await fixture.CreateUserAsync();
        ExchangeSetup.User taker = await fixture.CreateUserAsync();
        await maker.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 185, 100, "post"));
        var body = new { orders = new[] { ExchangeSetup.Moneyline(game, game.HomeId, -185, 300) } };

        OpenLineClient.Response first = await SendWithKey(taker.Client, "/session/v3/place", body, "retry-1");
        OpenLineClient.Response second = await SendWithKey(taker.Client, "/session/v3/place", body, "retry-1");
        OpenLineClient.Response fresh = await SendWithKey(taker.Client, "/session/v3/place", body, "retry-2");

        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(first.Raw, second.Raw);
        Assert.NotEqual(first.Raw, fresh.Raw);
        JsonNode me = (await taker.Client.GetAsync("/user/getMe")).Data["user"]!;
        Assert.Equal(-(186m + 115m + 300m), me["liability"]!.GetValue<decimal>()); // the first place and the fresh one, not the retry
    }

    [Fact]
    public async Task Keys_belong_to_one_user_and_a_key_used_for_a_place_cannot_cancel()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User alice = await fixture.CreateUserAsync();
        ExchangeSetup.User bob = await fixture.CreateUserAsync();
        var body = new { orders = new[] { ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post") } };

        OpenLineClient.Response a = await SendWithKey(alice.Client, "/session/v3/place", body, "same-key");
        OpenLineClient.Response b = await SendWithKey(bob.Client, "/session/v3/place", body, "same-key");
        string orderId = a.Data["createdSessions"]![0]!["unmatched"]!["orderID"]!.GetValue<string>();
        OpenLineClient.Response misuse = await SendWithKey(alice.Client, "/session/cancel", new { sessionID = orderId }, "same-key");

        Assert.NotEqual(orderId, b.Data["createdSessions"]![0]!["unmatched"]!["orderID"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, misuse.Status);
    }

    [Fact]
    public async Task A_retried_cancel_returns_the_first_result_not_already_cancelled()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        string orderId = (await user.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();

        OpenLineClient.Response first = await SendWithKey(user.Client, "/session/cancel", new { sessionID = orderId }, "cancel-1");
        OpenLineClient.Response retry = await SendWithKey(user.Client, "/session/cancel", new { sessionID = orderId }, "cancel-1");
        OpenLineClient.Response unkeyed = await user.Client.PostAsync("/session/cancel", new { sessionID = orderId });

        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.Raw, retry.Raw);
        Assert.Equal(HttpStatusCode.Conflict, unkeyed.Status);
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk")]
    public async Task A_malformed_key_is_a_400(string key)
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response response = await user.Client.SendAsync(HttpMethod.Post, "/session/cancel", new { sessionID = "688c0516fbc14da0c202d426" },
            r => r.Headers.TryAddWithoutValidation("Idempotency-Key", key));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
    }
}
