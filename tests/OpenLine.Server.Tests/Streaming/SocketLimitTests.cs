using System.Net.WebSockets;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Streaming;

/// <summary>Per-connection limits: message size, and a slow consumer that stops reading (it is closed, nobody else waits).</summary>
public sealed class SocketLimitTests
{
    private static async Task<(TestServer Server, string Token)> StartAsync(params string[] settings)
    {
        TestServer server = await TestServer.StartAsync(settings);
        return (server, (await server.CreateUserAsync()).Client.Token!);
    }

    [Fact]
    public async Task With_allowed_origins_set_other_browser_origins_are_refused_and_bots_without_origin_are_not()
    {
        (TestServer server, string token) = await StartAsync("--OpenLine:AllowedOrigins:0=https://trade.example.com");
        await using TestServer _ = server;

        int? evil = await SocketClient.RefusedStatusAsync(server.BaseAddress, "/price-stream", token, "https://evil.example.com");
        int? good = await SocketClient.RefusedStatusAsync(server.BaseAddress, "/price-stream", token, "https://trade.example.com");
        int? bot = await SocketClient.RefusedStatusAsync(server.BaseAddress, "/orders/ws", token);

        Assert.Equal(403, evil);
        Assert.Null(good);
        Assert.Null(bot);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_the_connection_as_too_big()
    {
        (TestServer server, string token) = await StartAsync("--OpenLine:SocketMaxMessageBytes=4096");
        await using TestServer _ = server;
        await using SocketClient socket = await SocketClient.ConnectAsync(server.BaseAddress, "/orders/ws", token);

        await socket.SendAsync(new JsonArray("heartbeat", new JsonObject { ["pad"] = new string('x', 10_000) }).ToJsonString());
        JsonNode? reply = await socket.ReceiveAsync();

        Assert.Null(reply);
        Assert.Equal(WebSocketCloseStatus.MessageTooBig, socket.CloseStatus);
    }

    [Theory]
    [InlineData("/orders/ws")]
    [InlineData("/v2/user")]
    [InlineData("/price-stream")]
    public async Task A_binary_frame_closes_the_connection_saying_to_send_json_as_text(string path)
    {
        (TestServer server, string token) = await StartAsync();
        await using TestServer _ = server;
        await using SocketClient socket = await SocketClient.ConnectAsync(server.BaseAddress, path, token);

        await socket.SendBytesAsync("[\"heartbeat\",{\"timeout\":30}]"u8.ToArray(), WebSocketMessageType.Binary);
        JsonNode? reply = await socket.ReceiveAsync();
        while (reply is not null)
        {
            reply = await socket.ReceiveAsync(); // feeds may have greeted first
        }

        Assert.Equal(WebSocketCloseStatus.InvalidMessageType, socket.CloseStatus);
        Assert.Equal("binary frames are not supported: send JSON as text frames", socket.CloseStatusDescription);
    }

    [Fact]
    public async Task Logging_out_closes_the_users_sockets_and_no_command_goes_through_after_it()
    {
        (TestServer server, string token) = await StartAsync();
        await using TestServer _ = server;
        await using SocketClient orders = await SocketClient.ConnectAsync(server.BaseAddress, "/orders/ws", token);
        await using SocketClient feed = await SocketClient.ConnectAsync(server.BaseAddress, "/v2/user", token);
        Assert.NotNull((await orders.RequestAsync("cancelAll", new JsonObject { ["requestID"] = "before" }))["data"]);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await server.CreateClient(token).PostAsync("/user/logout")).Status);
        await orders.SendAsync("cancelAll", new { requestID = "after" });
        JsonNode? reply = await orders.ReceiveAsync();
        while (reply is not null && reply["requestID"]?.GetValue<string>() != "after")
        {
            reply = await orders.ReceiveAsync();
        }
        while (await feed.ReceiveAsync() is not null)
        {
            // the feed may still deliver what was published before the logout
        }

        // Either the command is refused or the socket was already closed: never a data reply.
        Assert.True(reply is null || reply["error"]?.GetValue<string>() == "InvalidCredentials", reply?.ToJsonString());
        if (reply is not null)
        {
            Assert.Null(await orders.ReceiveAsync()); // then closed
        }
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, orders.CloseStatus);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, feed.CloseStatus);
        Assert.StartsWith("InvalidCredentials", feed.CloseStatusDescription, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--OpenLine:SocketSendQueue=8")] // by messages
    [InlineData("--OpenLine:SocketSendQueueBytes=1048576")] // by bytes, with room for 4,096 messages
    public async Task A_client_that_stops_reading_is_closed_with_a_clear_reason_and_others_are_unaffected(string limit)
    {
        (TestServer server, string token) = await StartAsync(limit);
        await using TestServer _ = server;
        await using SocketClient stalled = await SocketClient.ConnectAsync(server.BaseAddress, "/orders/ws", token);
        await using SocketClient healthy = await SocketClient.ConnectAsync(server.BaseAddress, "/orders/ws", token);

        // Each reply echoes a 64 KiB message type: 400 of them (25 MiB) fill any socket buffer while the client reads nothing.
        string big = new('z', 64 * 1024);
        for (int i = 0; i < 400 && stalled.State == WebSocketState.Open; i++)
        {
            try
            {
                await stalled.SendAsync(new JsonArray(big, new JsonObject()).ToJsonString());
            }
            catch (WebSocketException)
            {
                break; // the server already closed us
            }
        }
        JsonNode ack = await healthy.RequestAsync("heartbeat", new JsonObject { ["requestTimeout"] = 30 });
        while (await stalled.ReceiveAsync(TimeSpan.FromSeconds(20)) is not null)
        {
            // drain what was sent before the close frame
        }

        Assert.Equal("heartbeatAck", ack["data"]!["type"]!.GetValue<string>());
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, stalled.CloseStatus);
        Assert.StartsWith("send queue overflow", stalled.CloseStatusDescription, StringComparison.Ordinal);
    }
}
