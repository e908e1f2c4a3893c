using System.Net;
using System.Text.Json.Nodes;

namespace OpenLine.Server.Tests.Kit;

/// <summary>Sets up users and games through the operator API, the way an operator would.</summary>
public static class ExchangeSetup
{
    private static int s_counter;

    public sealed record User(string Id, string Username, string Password, OpenLineClient Client);

    public sealed record GameInfo(string Id, string AwayId, string HomeId, JsonNode Json);

    /// <summary>
    /// A new user, logged in. <paramref name="username"/> defaults to a unique generated one and
    /// <paramref name="password"/> to <c>password-</c> and the username.
    /// </summary>
    public static async Task<User> CreateUserAsync(this IExchange exchange, decimal balance = 10_000m, decimal creditLimit = 0m, decimal commission = 0.01m,
        string? username = null, string? password = null)
    {
        username ??= $"user{Interlocked.Increment(ref s_counter)}-{Guid.NewGuid():n}"[..20];
        password ??= "password-" + username;
        string id = await exchange.AddUserAsync(username, password, balance, creditLimit, commission);
        return new User(id, username, password, await exchange.LoginAsync(username, password));
    }

    /// <summary>The operator creates an account (asserting 200) and returns its id; nobody logs in.</summary>
    public static async Task<string> AddUserAsync(this IExchange exchange, string username, string password, decimal balance = 10_000m,
        decimal creditLimit = 0m, decimal commission = 0.01m)
    {
        OpenLineClient.Response created = await exchange.Admin.PostAsync("/admin/users",
            new { username, password, balance, creditLimit, commission });
        Assert.True(created.Status == HttpStatusCode.OK, created.Raw);
        return created.Data["user"]!["id"]!.GetValue<string>();
    }

    /// <summary>Logs in (asserting 200) and returns a client of its own carrying the new token.</summary>
    public static async Task<OpenLineClient> LoginAsync(this IExchange exchange, string username, string password)
    {
        OpenLineClient anonymous = exchange.CreateClient();
        OpenLineClient.Response login = await anonymous.PostAsync("/user/login", new { username, password });
        Assert.True(login.Status == HttpStatusCode.OK, login.Raw);
        return anonymous.WithToken(login.Data["user"]!["auth"]!.GetValue<string>());
    }

    /// <summary>A new game; each participant's long name gets a unique suffix, so games on a shared server never clash.</summary>
    public static async Task<GameInfo> CreateGameAsync(this IExchange exchange, string league = "NBA", string sport = "basketball",
        DateTimeOffset? start = null, string away = "Away Team", string home = "Home Team")
    {
        string suffix = Guid.NewGuid().ToString("n")[..6];
        OpenLineClient.Response created = await exchange.Admin.PostAsync("/admin/games", new
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

    public static async Task SetLiveAsync(this IExchange exchange, string gameId, bool live)
    {
        OpenLineClient.Response response = await exchange.Admin.PostAsync($"/admin/games/{gameId}/live", new { live });
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
