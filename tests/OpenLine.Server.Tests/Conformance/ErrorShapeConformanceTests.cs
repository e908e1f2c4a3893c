using System.Net;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Conformance;

/// <summary>
/// Error responses: each status must be one the operation documents (or one a rule sanctions), its
/// body must match the documented schema where there is one (<c>BadRequest</c> → <c>HttpError</c>),
/// and every error body must be the error envelope of API §1 (the core document's <c>Error</c>).
/// </summary>
public sealed class ErrorShapeConformanceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    [Fact]
    public async Task Unauthorized_answers_the_error_envelope()
    {
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());
        OpenLineClient badToken = anonymous.WithToken("0123456789abcdef0123456789abcdef");

        OpenLineClient.Response noToken = await anonymous.GetAsync("/user/getMe");
        OpenLineClient.Response wrongToken = await badToken.PostAsync("/session/v3/place", new { orders = new[] { new { gameID = "688c0516fbc14da0c202d426" } } });
        OpenLineClient.Response books = await anonymous.GetAsync("/exchange/v2/getOrderbook?league=NBA");

        await ConformanceAssert.ConformsAsync(noToken, "GET", "/user/getMe", HttpStatusCode.Unauthorized);
        await ConformanceAssert.ConformsAsync(wrongToken, "POST", "/session/v3/place", HttpStatusCode.Unauthorized);
        await ConformanceAssert.ConformsAsync(books, "GET", "/exchange/v2/getOrderbook", HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Login_failures_answer_documented_statuses_with_the_error_envelope()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());

        OpenLineClient.Response wrongPassword = await anonymous.PostAsync("/user/login", new { username = user.Username, password = "wrong-password" });
        OpenLineClient.Response missing = await anonymous.PostAsync("/user/login", new { username = user.Username });

        await ConformanceAssert.ConformsAsync(wrongPassword, "POST", "/user/login", HttpStatusCode.Unauthorized);
        await ConformanceAssert.ConformsAsync(missing, "POST", "/user/login", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Bad_requests_answer_documented_statuses_with_the_error_envelope()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response volume = await user.Client.GetAsync("/exchange/getMatchedVolume?startDate=2026-08-11&endDate=2026-08-10");
        OpenLineClient.Response games = await user.Client.GetAsync("/exchange/v2/getGames");
        OpenLineClient.Response cancel = await user.Client.PostAsync("/session/cancel", new { sessionID = "not-an-id" });
        OpenLineClient.Response league = await user.Client.PostAsync("/session/cancelAllForLeague", new { league = "NO-SUCH-LEAGUE" });
        OpenLineClient.Response byReference = await user.Client.PostAsync("/session/cancelByReference", new { gameID = "688c0516fbc14da0c202d426" });
        OpenLineClient.Response single = await user.Client.GetAsync("/exchange/getSingleOrderbook");
        OpenLineClient.Response heartbeat = await user.Client.PostAsync("/user/ordersHeartbeat", new { timeout = 5 });
        OpenLineClient.Response edit = await user.Client.PostAsync("/session/editOrder", new { sessionID = "nope" });

        await ConformanceAssert.ConformsAsync(volume, "GET", "/exchange/getMatchedVolume", HttpStatusCode.BadRequest);
        await ConformanceAssert.ConformsAsync(games, "GET", "/exchange/v2/getGames", HttpStatusCode.BadRequest);
        await ConformanceAssert.ConformsAsync(cancel, "POST", "/session/cancel", HttpStatusCode.BadRequest);
        await ConformanceAssert.ConformsAsync(league, "POST", "/session/cancelAllForLeague", HttpStatusCode.BadRequest);
        await ConformanceAssert.ConformsAsync(byReference, "POST", "/session/cancelByReference", HttpStatusCode.BadRequest);
        await ConformanceAssert.ConformsAsync(single, "GET", "/exchange/getSingleOrderbook", HttpStatusCode.BadRequest);
        await ConformanceAssert.ConformsAsync(heartbeat, "POST", "/user/ordersHeartbeat", HttpStatusCode.BadRequest);
        await ConformanceAssert.ConformsAsync(edit, "POST", "/session/editOrder", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_place_request_that_fails_as_a_whole_answers_400_with_the_error_envelope()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response empty = await user.Client.PostAsync("/session/v3/place", new { orders = Array.Empty<object>() });
        OpenLineClient.Response notObject = await user.Client.PostRawAsync("/session/v3/place", "[1, 2]");

        await ConformanceAssert.ConformsAsync(empty, "POST", "/session/v3/place", HttpStatusCode.BadRequest);
        await ConformanceAssert.ConformsAsync(notObject, "POST", "/session/v3/place", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Cancelling_another_users_order_answers_403_not_your_order_with_the_error_envelope()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User stranger = await fixture.CreateUserAsync();
        string orderId = (await owner.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();

        OpenLineClient.Response cancel = await stranger.Client.PostAsync("/session/cancel", new { sessionID = orderId });

        Assert.Equal("Not your order", cancel.Error);
        await ConformanceAssert.ConformsAsync(cancel, "POST", "/session/cancel", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Cancelling_an_order_that_is_no_longer_open_answers_409_with_the_error_envelope()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        string orderId = (await owner.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();
        await owner.Client.PostAsync("/session/cancel", new { sessionID = orderId });

        OpenLineClient.Response again = await owner.Client.PostAsync("/session/cancel", new { sessionID = orderId });

        await ConformanceAssert.ConformsAsync(again, "POST", "/session/cancel", HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Editing_another_users_order_answers_403_with_the_error_envelope()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User stranger = await fixture.CreateUserAsync();
        string orderId = (await owner.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();

        OpenLineClient.Response edit = await stranger.Client.PostAsync("/session/editOrder", new { sessionID = orderId, orderOdds = 160, orderVolume = 20 });

        await ConformanceAssert.ConformsAsync(edit, "POST", "/session/editOrder", HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Editing_an_order_that_is_no_longer_open_answers_a_documented_status()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        string orderId = (await owner.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();
        await owner.Client.PostAsync("/session/cancel", new { sessionID = orderId });

        OpenLineClient.Response edit = await owner.Client.PostAsync("/session/editOrder", new { sessionID = orderId, orderOdds = 160, orderVolume = 20 });

        // The document lists 200, 400, 401 and 503 for editOrder (API §3.2: "400 validation, 503");
        // no rule gives editOrder the 409 that /session/cancel documents.
        await ConformanceAssert.ConformsAsync(edit, "POST", "/session/editOrder", HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Looking_up_another_users_order_answers_403_and_an_unknown_one_404()
    {
        ExchangeSetup.GameInfo game = await fixture.CreateGameAsync();
        ExchangeSetup.User owner = await fixture.CreateUserAsync();
        ExchangeSetup.User stranger = await fixture.CreateUserAsync();
        string orderId = (await owner.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 150, 20, "post")))[0]!["unmatched"]!["orderID"]!.GetValue<string>();

        OpenLineClient.Response theirs = await stranger.Client.GetAsync($"/session/lookupOrder?orderID={orderId}");
        OpenLineClient.Response unknown = await owner.Client.GetAsync("/session/lookupOrder?orderID=688c0516fbc14da0c202d426");

        await ConformanceAssert.ConformsAsync(theirs, "GET", "/session/lookupOrder", HttpStatusCode.Forbidden);
        await ConformanceAssert.ConformsAsync(unknown, "GET", "/session/lookupOrder", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Orders_for_an_unknown_game_answer_404_with_the_error_envelope()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response unknown = await user.Client.GetAsync("/user/getOrdersForGame?gameID=688c0516fbc14da0c202d426");

        Assert.False(unknown.Error?.StartsWith("Not found:", StringComparison.Ordinal) == true,
            $"GET /user/getOrdersForGame is not mapped by the server yet ({unknown.Raw}); it is in 4casters' document, so it must exist.");
        await ConformanceAssert.ConformsAsync(unknown, "GET", "/user/getOrdersForGame", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_path_answers_404_with_the_error_envelope()
    {
        ExchangeSetup.User user = await fixture.CreateUserAsync();

        OpenLineClient.Response response = await user.Client.GetAsync("/exchange/noSuchEndpoint");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        IReadOnlyList<SchemaMismatch> mismatches = SchemaValidation.Validate((await ResponseSchemas.ErrorEnvelopeAsync())!, response.Raw);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
    }
}
