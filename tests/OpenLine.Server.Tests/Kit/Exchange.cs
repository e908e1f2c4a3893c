using System.Net;
using System.Text.Json.Nodes;

namespace OpenLine.Server.Tests.Kit;

/// <summary>Sets up users and games through the operator API, the way an operator would.</summary>
public static class ExchangeSetup
{
    private static int s_counter;

    public sealed record User(string Id, string Username, string Password, OpenLineClient Client);

    public sealed record GameInfo(string Id, string AwayId, string HomeId, JsonNode Json);

    /// <summary>A new user, logged in; <paramref name="username"/> defaults to a unique generated one.</summary>
    public static async Task<User> CreateUserAsync(this ServerFixture fixture, decimal balance = 10_000m, decimal creditLimit = 0m, decimal commission = 0.01m,
        string? username = null)
    {
        username ??= $"user{Interlocked.Increment(ref s_counter)}-{Guid.NewGuid():n}"[..20];
        string password = "password-" + username;
        OpenLineClient.Response created = await fixture.Admin.PostAsync("/admin/users",
            new { username, password, balance, creditLimit, commission });
        Assert.True(created.Status == HttpStatusCode.OK, created.Raw);
        var anonymous = new OpenLineClient(fixture.Server.CreateHttpClient());
        OpenLineClient.Response login = await anonymous.PostAsync("/user/login", new { username, password });
        Assert.True(login.Status == HttpStatusCode.OK, login.Raw);
        string token = login.Data["user"]!["auth"]!.GetValue<string>();
        return new User(created.Data["user"]!["id"]!.GetValue<string>(), username, password, anonymous.WithToken(token));
    }

    public static async Task<GameInfo> CreateGameAsync(this ServerFixture fixture, string league = "NBA", string sport = "basketball",
        DateTimeOffset? start = null, string away = "Away Team", string home = "Home Team")
    {
        string suffix = Guid.NewGuid().ToString("n")[..6];
        OpenLineClient.Response created = await fixture.Admin.PostAsync("/admin/games", new
        {
            league,
            sport,
            start = (start ?? DateTimeOffset.UtcNow.AddDays(1)).ToString("O"),
            eventName = $"{away} vs {home}",
            participants = new[] { new { longName = $"{away} {suffix}", shortName = "AWY" }, new { longName = $"{home} {suffix}", shortName = "HOM" } },
        });
        Assert.True(created.Status == HttpStatusCode.OK, created.Raw);
        JsonNode game = created.Data["game"]!;
        return new GameInfo(game["id"]!.GetValue<string>(), game["participants"]![0]!["id"]!.GetValue<string>(),
            game["participants"]![1]!["id"]!.GetValue<string>(), game);
    }

    public static async Task SetLiveAsync(this ServerFixture fixture, string gameId, bool live)
    {
        OpenLineClient.Response response = await fixture.Admin.PostAsync($"/admin/games/{gameId}/live", new { live });
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
    }

    /// <summary>Places a batch and returns the <c>createdSessions</c> entries.</summary>
    public static async Task<JsonArray> PlaceAsync(this User user, params object[] orders)
    {
        OpenLineClient.Response response = await user.Client.PostAsync("/session/v3/place", new { orders });
        Assert.True(response.Status == HttpStatusCode.OK, response.Raw);
        return response.Data["createdSessions"]!.AsArray();
    }

    public static object Moneyline(GameInfo game, string side, int odds, decimal bet, string? orderType = null, string? userReference = null) =>
        new { gameID = game.Id, type = "moneyline", side, odds, bet, orderType = orderType ?? "limit", userReference };
}
