using System.Net;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// The limits against hostile or runaway bots (step 8, API §2.1 and §8.12): trading requests per
/// account (REST and <c>/orders/ws</c> share one bucket), failed logins per username and per client
/// IP, and WebSocket connections per account. Each is 429, with <c>Retry-After</c> over HTTP.
/// </summary>
public sealed class AbuseLimitTests
{
    /// <summary>A server with the given limits and two accounts, ann and ben, that nobody has logged in to yet.</summary>
    private static async Task<TestServer> StartAsync(params string[] settings)
    {
        TestServer server = await TestServer.StartAsync(settings);
        await server.AddUserAsync("ann", "ann-password", balance: 1_000);
        await server.AddUserAsync("ben", "ben-password", balance: 1_000);
        return server;
    }

    [Fact]
    public async Task Trading_requests_beyond_the_account_burst_get_429_with_Retry_After_while_reads_and_other_accounts_go_on()
    {
        await using TestServer server = await StartAsync("--OpenLine:OrderRequestsPerSecond=1", "--OpenLine:OrderRequestBurst=3");
        OpenLineClient ann = await server.LoginAsync("ann", "ann-password");
        OpenLineClient ben = await server.LoginAsync("ben", "ben-password");

        HttpStatusCode[] first = [.. await Task.WhenAll(Enumerable.Range(0, 3).Select(async _ => (await ann.PostAsync("/session/cancelAllOrders")).Status))];
        OpenLineClient.Response limited = await ann.PostAsync("/session/cancelAllOrders");

        Assert.All(first, s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.Status);
        Assert.Equal("Too many requests. Please try again later.", limited.Error);
        Assert.True(int.Parse(limited.Message.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
        Assert.Equal(HttpStatusCode.OK, (await ann.GetAsync("/user/getMe")).Status); // reads are not trading requests
        Assert.Equal(HttpStatusCode.OK, (await ben.PostAsync("/session/cancelAllOrders")).Status); // each account has its own bucket
    }

    [Fact]
    public async Task The_orders_socket_draws_on_the_same_bucket_and_answers_an_error_while_heartbeats_still_go_through()
    {
        await using TestServer server = await StartAsync("--OpenLine:OrderRequestsPerSecond=1", "--OpenLine:OrderRequestBurst=2");
        OpenLineClient ann = await server.LoginAsync("ann", "ann-password");
        await using SocketClient socket = await SocketClient.ConnectAsync(server.BaseAddress, "/orders/ws", ann.Token);

        Assert.Equal(HttpStatusCode.OK, (await ann.PostAsync("/session/cancelAllOrders")).Status);
        JsonNode second = await socket.RequestAsync("cancelAll", new JsonObject { ["requestID"] = "a" });
        JsonNode third = await socket.RequestAsync("cancelAll", new JsonObject { ["requestID"] = "b" });
        JsonNode heartbeat = await socket.RequestAsync("heartbeat", new JsonObject { ["requestID"] = "c", ["requestTimeout"] = 30 });

        Assert.True(second["data"] is not null, second.ToJsonString());
        Assert.Equal("Too many requests. Please try again later.", third["error"]!.GetValue<string>());
        Assert.True(heartbeat["data"] is not null, heartbeat.ToJsonString());
    }

    [Fact]
    public async Task After_repeated_failed_logins_an_account_is_throttled_even_for_the_right_password_and_others_are_not()
    {
        await using TestServer server = await StartAsync("--OpenLine:LoginFailuresPerAccount=3", "--OpenLine:LoginFailuresPerIp=0");
        OpenLineClient anonymous = server.CreateClient();

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/user/login", new { username = "ann", password = "guess-" + i })).Status);
        }
        OpenLineClient.Response throttled = await anonymous.PostAsync("/user/login", new { username = "ANN", password = "ann-password" });
        OpenLineClient.Response other = await anonymous.PostAsync("/user/login", new { username = "ben", password = "ben-password" });

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal("Too many failed logins. Please try again later.", throttled.Error);
        Assert.InRange(int.Parse(throttled.Message.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture), 1, 15 * 60);
        Assert.Equal(HttpStatusCode.OK, other.Status);
    }

    [Fact]
    public async Task A_successful_login_clears_the_account_s_failures()
    {
        await using TestServer server = await StartAsync("--OpenLine:LoginFailuresPerAccount=3", "--OpenLine:LoginFailuresPerIp=0");
        OpenLineClient anonymous = server.CreateClient();

        await anonymous.PostAsync("/user/login", new { username = "ann", password = "wrong-1" });
        await anonymous.PostAsync("/user/login", new { username = "ann", password = "wrong-2" });
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync("/user/login", new { username = "ann", password = "ann-password" })).Status);
        await anonymous.PostAsync("/user/login", new { username = "ann", password = "wrong-3" });
        await anonymous.PostAsync("/user/login", new { username = "ann", password = "wrong-4" });

        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsync("/user/login", new { username = "ann", password = "ann-password" })).Status);
    }

    [Fact]
    public async Task Failed_logins_from_one_IP_across_usernames_throttle_that_IP_and_unknown_usernames_count_too()
    {
        await using TestServer server = await StartAsync("--OpenLine:LoginFailuresPerAccount=0", "--OpenLine:LoginFailuresPerIp=4");
        OpenLineClient anonymous = server.CreateClient();

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/user/login", new { username = "nobody-" + i, password = "x-password" })).Status);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await anonymous.PostAsync("/user/login", new { username = "ben", password = "ben-password" })).Status);
    }

    [Fact]
    public async Task WebSocket_connections_beyond_the_account_cap_are_refused_with_429_and_a_closed_one_frees_its_slot()
    {
        await using TestServer server = await StartAsync("--OpenLine:MaxSocketsPerAccount=2");
        OpenLineClient ann = await server.LoginAsync("ann", "ann-password");
        OpenLineClient ben = await server.LoginAsync("ben", "ben-password");
        SocketClient first = await SocketClient.ConnectAsync(server.BaseAddress, "/orders/ws", ann.Token);
        await using SocketClient second = await SocketClient.ConnectAsync(server.BaseAddress, "/price-stream", ann.Token);

        int? third = await SocketClient.RefusedStatusAsync(server.BaseAddress, "/v2/user", ann.Token);
        int? others = await SocketClient.RefusedStatusAsync(server.BaseAddress, "/v2/user", ben.Token);
        await first.DisposeAsync();
        int? again = 429;
        for (int i = 0; i < 50 && again == 429; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken); // the server frees the slot once it sees the close
            again = await SocketClient.RefusedStatusAsync(server.BaseAddress, "/v2/user", ann.Token);
        }

        Assert.Equal(429, third);
        Assert.Null(others);
        Assert.Null(again);
    }
}
