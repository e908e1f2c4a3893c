using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Fuzzing;

/// <summary>
/// Hostile input against every REST endpoint of a real server: valid request bodies and query
/// strings with one value (or the whole body) replaced by something hostile — deep nesting, huge and
/// special numbers (1e400, NaN, Infinity, −0), wrong types, long strings, invalid UTF-8, lone
/// surrogates, control characters, duplicate keys, truncated JSON. Every request must get an answer
/// below 500 (a 4xx, or a per-order error in a 200), the server must stay healthy, and its engine
/// state must stay valid. A seeded random source drives it; a failure names the seed and the request.
/// <para><c>dotnet test</c> runs a few seconds of it; <c>OPENLINE_FUZZ_SECONDS=600</c> runs ten minutes,
/// <c>OPENLINE_FUZZ_SEED=n</c> replays one sequence.</para>
/// </summary>
public sealed class RestFuzzTests
{
    private static readonly string[] Queries =
    [
        "gameID", "orderID", "txID", "wagerRequestID", "userReference", "startDate", "endDate", "cursor", "afterID",
        "league", "sport", "id", "from", "to", "format", "limit", "days", "type", "side", "number", "odds", "participantID", "after",
    ];

    [Fact]
    public async Task Hostile_bodies_and_query_strings_get_an_answer_below_500_and_leave_the_server_healthy_and_valid()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("OPENLINE_FUZZ_SEED"), CultureInfo.InvariantCulture, out int s) ? s : Random.Shared.Next();
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("OPENLINE_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out double f) ? f : 8;
        var random = new Random(seed);
        await using TestServer server = await TestServer.StartAsync("--OpenLine:RateLimitPerMinute=0", "--OpenLine:OrderRequestsPerSecond=0", "--OpenLine:LoginFailuresPerIp=0");
        ExchangeSetup.User user = await server.CreateUserAsync();
        await server.AddUserAsync("fuzz-b", "fuzz-b-password"); // the login target's account
        ExchangeSetup.GameInfo game = await server.CreateGameAsync();
        JsonNode placed = (await user.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 120, 50, "post")))[0]!;
        string orderId = placed["unmatched"]!["orderID"]!.GetValue<string>();
        string token = user.Client.Token!;
        // A second game with a bet on it for the operator to grade, regrade and void at random (the first stays open for orders).
        ExchangeSetup.GameInfo graded = await server.CreateGameAsync();
        await user.PlaceAsync(ExchangeSetup.Moneyline(graded, graded.AwayId, 120, 50, "post"));
        ExchangeSetup.User taker = await server.CreateUserAsync();
        await taker.PlaceAsync(ExchangeSetup.Moneyline(graded, graded.HomeId, -120, 60, "fillAndKill"));

        (HttpMethod Method, string Path, string? Body, bool Admin)[] targets = Targets(game.Id, game.AwayId, orderId, user.Id, graded.Id);
        using HttpClient http = server.CreateHttpClient();
        var clock = Stopwatch.StartNew();
        int sent = 0;
        var statuses = new SortedDictionary<int, int>();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            (HttpMethod method, string path, string? body, bool isAdmin) = targets[random.Next(targets.Length)];
            (string finalPath, byte[]? content) = Mutate(random, path, body);
            using var request = new HttpRequestMessage(method, finalPath);
            request.Headers.TryAddWithoutValidation("Authorization", isAdmin ? TestServer.AdminToken : token);
            if (content is not null)
            {
                request.Content = new ByteArrayContent(content);
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            }
            using HttpResponseMessage response = await http.SendAsync(request, TestContext.Current.CancellationToken);
            string answer = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            sent++;
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            Assert.True((int)response.StatusCode < 500,
                $"fuzz seed {seed}, request {sent}: {method} {finalPath} with body {Show(content)} got {(int)response.StatusCode}: {answer}\n"
                + $"replay: OPENLINE_FUZZ_SEED={seed} dotnet test --project tests/OpenLine.Server.Tests -- --filter-class \"*RestFuzzTests\"");
            if (answer.Length > 0 && response.Content.Headers.ContentType?.MediaType == "application/json")
            {
                JsonDocument.Parse(answer).Dispose(); // every JSON answer is well-formed
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await server.CreateClient().GetAsync("/health")).Status);
        JsonNode state = (await server.Admin.GetAsync("/admin/state")).Data;
        Assert.Empty(state["invariantViolations"]!.AsArray());
        string summary = $"REST fuzz: seed {seed}, {sent:N0} requests in {clock.Elapsed.TotalSeconds:0} s, statuses {string.Join(", ", statuses.Select(p => $"{p.Key}×{p.Value}"))}";
        TestContext.Current.SendDiagnosticMessage(summary);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "openline-fuzz.txt"), summary + Environment.NewLine);
        Assert.True(sent > 100, "the fuzzer sent requests");
    }

    private static (HttpMethod, string, string?, bool)[] Targets(string gameId, string away, string orderId, string userId, string gradedId)
    {
        string order = $$"""{"gameID":"{{gameId}}","type":"moneyline","side":"{{away}}","odds":-110,"bet":25,"orderType":"limit","expirationMinutes":5,"userReference":"r1"}""";
        string spread = $$"""{"gameID":"{{gameId}}","type":"spread","side":"{{away}}","number":-3.5,"odds":105,"bet":10,"orderType":"post"}""";
        var post = HttpMethod.Post;
        var get = HttpMethod.Get;
        return
        [
            (post, "/session/v3/place", $$"""{"orders":[{{order}},{{spread}}]}""", false),
            (post, "/session/v2/place", $$"""{"orders":[{{order}}]}""", false),
            (post, "/session/cancel", $$"""{"sessionID":"{{orderId}}"}""", false),
            (post, "/session/cancelMultiple", $$"""{"sessionIDs":["{{orderId}}","{{gameId}}"]}""", false),
            (post, "/session/cancelAllOrdersForGame", $$"""{"gameID":"{{gameId}}"}""", false),
            (post, "/session/cancelAllForLeague", """{"league":"NBA"}""", false),
            (post, "/session/cancelByReference", """{"userReference":"r1"}""", false),
            (post, "/session/editOrder", $$"""{"sessionID":"{{orderId}}","odds":125,"bet":40}""", false),
            (post, "/session/v4/editOrder", $$"""{"sessionID":"{{orderId}}","odds":125,"bet":40,"intendedVolume":50}""", false),
            (post, "/user/ordersHeartbeat", """{"timeout":30}""", false),
            (post, "/user/login", """{"username":"fuzz-b","password":"fuzz-b-password"}""", false),
            (get, "/user/getMe", null, false),
            (get, $"/user/getBetByID?txID={orderId}", null, false),
            (get, $"/user/getBetByWagerRequestID?wagerRequestID={orderId}", null, false),
            (get, "/user/getBetByUserReference?userReference=r1", null, false),
            (get, $"/user/getGameLiability?gameID={gameId}", null, false),
            (get, "/user/getGradedWagers?startDate=01-01-2026&endDate=12-31-2026", null, false),
            (get, "/user/v2/getGraded?startDate=2026-01-01&endDate=2026-01-31", null, false),
            (get, "/user/v2/getGradedSince?cursor=", null, false),
            (get, $"/user/getOrdersForGame?gameID={gameId}", null, false),
            (get, "/user/getUnmatched", null, false),
            (get, "/user/getMatchedBets", null, false),
            (get, $"/session/lookupOrder?orderID={orderId}", null, false),
            (get, "/v2/user/messages?afterID=0", null, false),
            (get, "/exchange/v2/getGames?league=NBA", null, false),
            (get, $"/exchange/v2/getOrderbook?gameID={gameId}", null, false),
            (get, $"/exchange/getSingleOrderbook?gameID={gameId}&type=moneyline", null, false),
            (get, $"/exchange/getOddsForAveragePrice?gameID={gameId}&type=moneyline&side={away}&bet=100", null, false),
            (get, "/exchange/getLeagues", null, false),
            (get, "/exchange/getParticipants?league=NBA", null, false),
            (post, "/admin/users", """{"username":"fz","password":"a-long-password","balance":100,"creditLimit":-10,"commission":0.01}""", true),
            (post, $"/admin/users/{userId}/deposit", """{"amount":12.5}""", true),
            (post, $"/admin/users/{userId}/withdraw", """{"amount":1.25}""", true),
            (post, "/admin/games", """{"league":"NFL","sport":"football","start":"2030-01-01T00:00:00Z","participants":[{"longName":"A","shortName":"A"},{"longName":"B","shortName":"B"}]}""", true),
            (post, $"/admin/games/{gameId}/live", """{"live":true}""", true),
            (get, $"/admin/orders/{orderId}", null, true),
            (get, $"/admin/users/{userId}/ledger", null, true),
            (get, "/admin/ledger/entries?after=0&limit=10", null, true),
            (get, "/admin/ledger/entries?from=2026-01-01T00:00:00Z&to=2040-01-01T00:00:00Z&limit=10", null, true),
            (get, "/admin/ledger", null, true),
            (post, $"/admin/games/{gradedId}/result", """{"awayScore":3,"homeScore":1}""", true),
            (post, $"/admin/games/{gradedId}/result", """{"awayScore":1,"homeScore":3}""", true),
            (post, $"/admin/games/{gradedId}/void", null, true),
            (get, "/admin/export?from=2026-01-01&to=2026-12-31&format=csv", null, true),
        ];
    }

    /// <summary>One hostile change: a query value (known name or not), or the body (<see cref="HostileJson.Mutate"/>).</summary>
    private static (string Path, byte[]? Body) Mutate(Random random, string path, string? body)
    {
        if (random.Next(4) == 0)
        {
            string value = Uri.EscapeDataString(HostileJson.AnyValue(random).Trim('"'));
            string name = Queries[random.Next(Queries.Length)];
            return ($"{path}{(path.Contains('?', StringComparison.Ordinal) ? "&" : "?")}{name}={value}", body is null ? null : Encoding.UTF8.GetBytes(body));
        }
        if (body is null)
        {
            return (random.Next(2) == 0 ? path : path + "?" + new string('a', random.Next(1, 5_000)), null);
        }
        return (path, HostileJson.Mutate(random, body));
    }

    private static string Show(byte[]? content) => content is null ? "(none)"
        : content.Length > 300 ? $"{content.Length} bytes starting {Encoding.UTF8.GetString(content, 0, 120)}…" : Encoding.UTF8.GetString(content);
}
