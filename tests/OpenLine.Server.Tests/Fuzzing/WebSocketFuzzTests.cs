using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Fuzzing;

/// <summary>
/// Hostile messages on the orders WebSocket (<c>/orders/ws</c>): valid <c>placeV3</c>, cancel and
/// heartbeat messages with one value or the whole message made hostile (<see cref="HostileJson"/>),
/// binary frames, invalid UTF-8 in text frames and oversized messages. Each must get an error reply
/// in the API's shape (never "internal error") or a clean close of the socket (never 1011), and the
/// server must stay healthy with a valid state. <c>OPENLINE_FUZZ_SECONDS</c> / <c>OPENLINE_FUZZ_SEED</c>
/// as for <see cref="RestFuzzTests"/>.
/// </summary>
public sealed class WebSocketFuzzTests
{
    [Fact]
    public async Task Hostile_socket_messages_get_an_error_reply_or_a_clean_close_never_an_internal_error()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("OPENLINE_FUZZ_SEED"), CultureInfo.InvariantCulture, out int s) ? s : Random.Shared.Next();
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("OPENLINE_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out double f) ? f : 6;
        var random = new Random(seed);
        await using TestServer server = await TestServer.StartAsync("--OpenLine:RateLimitPerMinute=0", "--OpenLine:OrderRequestsPerSecond=0", "--OpenLine:LoginFailuresPerIp=0", "--OpenLine:SocketMaxMessageBytes=65536");
        string token = (await server.CreateUserAsync()).Client.Token!;
        ExchangeSetup.GameInfo game = await server.CreateGameAsync();
        string gameId = game.Id;
        string away = game.AwayId;
        string[] messages =
        [
            $$"""["placeV3",{"requestID":"r1","orders":[{"gameID":"{{gameId}}","type":"moneyline","side":"{{away}}","odds":120,"bet":20,"orderType":"post"}]}]""",
            $$"""["placeV3",{"requestID":"r2","orders":[{"gameID":"{{gameId}}","type":"total","side":"over","number":220.5,"odds":-110,"bet":15}]}]""",
            $$"""["cancelById",{"requestID":"r3","orderID":"{{gameId}}"}]""",
            $$"""["cancelMultiple",{"requestID":"r4","orderIDs":["{{gameId}}","{{away}}"]}]""",
            $$"""["cancelAllByGame",{"requestID":"r5","gameID":"{{gameId}}"}]""",
            """["cancelAll",{"requestID":"r6"}]""",
            """["heartbeat",{"requestID":"r7","requestTimeout":30}]""",
        ];

        var clock = Stopwatch.StartNew();
        int sent = 0, replies = 0, closes = 0;
        ClientWebSocket socket = await ConnectAsync(server.BaseAddress, token);
        try
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                (byte[] bytes, WebSocketMessageType type) = random.Next(12) switch
                {
                    0 => (RandomBytes(random), WebSocketMessageType.Binary),
                    1 => (RandomBytes(random), WebSocketMessageType.Text), // mostly invalid UTF-8
                    2 => (Encoding.UTF8.GetBytes(new string('x', 70_000)), WebSocketMessageType.Text), // over the size limit
                    _ => (HostileJson.Mutate(random, messages[random.Next(messages.Length)]), WebSocketMessageType.Text),
                };
                string shown = bytes.Length > 200 ? $"{bytes.Length} bytes ({type})" : $"{type}: {Encoding.UTF8.GetString(bytes)}";
                string where = $"ws fuzz seed {seed}, message {sent + 1} [{shown}]; replay: OPENLINE_FUZZ_SEED={seed} dotnet test --project tests/OpenLine.Server.Tests -- --filter-class \"*WebSocketFuzzTests\"";
                await socket.SendAsync(bytes, type, endOfMessage: true, TestContext.Current.CancellationToken);
                sent++;
                (string? reply, WebSocketCloseStatus? closed) = await ReceiveAsync(socket);
                if (closed is { } status)
                {
                    Assert.True(status != WebSocketCloseStatus.InternalServerError, $"{where}: closed with 1011 {socket.CloseStatusDescription}");
                    closes++;
                    socket.Dispose();
                    socket = await ConnectAsync(server.BaseAddress, token);
                    continue;
                }
                Assert.True(reply is not null, $"{where}: no reply and no close within 10 s");
                JsonNode answer = JsonNode.Parse(reply!)!;
                Assert.True(answer["data"] is not null || answer["error"] is not null, $"{where}: reply without data or error: {reply}");
                Assert.DoesNotContain("internal error", answer["error"]?.ToString() ?? "", StringComparison.Ordinal);
                replies++;
            }
        }
        finally
        {
            socket.Dispose();
        }

        Assert.Equal(System.Net.HttpStatusCode.OK, (await server.CreateClient().GetAsync("/health")).Status);
        Assert.Empty((await server.Admin.GetAsync("/admin/state")).Data["invariantViolations"]!.AsArray());
        string summary = $"WebSocket fuzz: seed {seed}, {sent:N0} messages in {clock.Elapsed.TotalSeconds:0} s: {replies:N0} error or data replies, {closes:N0} clean closes";
        TestContext.Current.SendDiagnosticMessage(summary);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "openline-fuzz.txt"), summary + Environment.NewLine);
        Assert.True(replies > 50 && closes > 0, "the fuzzer got replies and closes");
    }

    [Fact]
    public async Task Hostile_price_stream_commands_are_ignored_and_the_stream_keeps_working()
    {
        int seed = int.TryParse(Environment.GetEnvironmentVariable("OPENLINE_FUZZ_SEED"), CultureInfo.InvariantCulture, out int s) ? s : Random.Shared.Next();
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("OPENLINE_FUZZ_SECONDS"), CultureInfo.InvariantCulture, out double f) ? f : 4;
        var random = new Random(seed);
        await using TestServer server = await TestServer.StartAsync("--OpenLine:RateLimitPerMinute=0", "--OpenLine:SocketMaxMessageBytes=65536");
        ExchangeSetup.User user = await server.CreateUserAsync();
        ExchangeSetup.GameInfo game = await server.CreateGameAsync();
        string gameId = game.Id;
        string[] commands =
        [
            $$"""{"type":"subscribe","gameIDs":["{{gameId}}"],"leagueIDs":["NBA"],"sportIDs":["basketball"],"replace":true}""",
            $$"""{"type":"unsubscribe","gameIDs":["{{gameId}}"],"leagueIDs":[],"sportIDs":[]}""",
            """{"type":"subscribeAll"}""",
        ];

        var clock = Stopwatch.StartNew();
        int sent = 0, closes = 0;
        ClientWebSocket socket = await ConnectAsync(server.BaseAddress, user.Client.Token!, "/price-stream");
        try
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                (byte[] bytes, WebSocketMessageType type) = random.Next(15) switch
                {
                    0 => (RandomBytes(random), WebSocketMessageType.Binary),
                    1 => (RandomBytes(random), WebSocketMessageType.Text),
                    2 => (Encoding.UTF8.GetBytes(new string('x', 70_000)), WebSocketMessageType.Text),
                    _ => (HostileJson.Mutate(random, commands[random.Next(commands.Length)]), WebSocketMessageType.Text),
                };
                bool sendFailed = false;
                try
                {
                    await socket.SendAsync(bytes, type, endOfMessage: true, TestContext.Current.CancellationToken);
                    sent++;
                }
                catch (WebSocketException)
                {
                    sendFailed = true; // an earlier message closed it
                }
                if (!sendFailed && sent % 25 != 0)
                {
                    continue; // the stream answers commands with data, not replies: look at the socket every so often
                }
                // A binary frame, invalid UTF-8 or an oversized message closes the socket cleanly; anything else leaves it open.
                (_, WebSocketCloseStatus? closed) = await ReceiveAsync(socket, TimeSpan.FromMilliseconds(200));
                if (closed is { } status)
                {
                    Assert.True(status != WebSocketCloseStatus.InternalServerError,
                        $"price-stream fuzz seed {seed}, message {sent}: closed with 1011; replay: OPENLINE_FUZZ_SEED={seed} dotnet test --project tests/OpenLine.Server.Tests -- --filter-class \"*WebSocketFuzzTests\"");
                    closes++;
                    socket.Dispose();
                    socket = await ConnectAsync(server.BaseAddress, user.Client.Token!, "/price-stream");
                }
            }

            // After all that, the stream still works (on a fresh connection: the last hostile message
            // may have closed this one): subscribe, post an offer, see its update.
            socket.Dispose();
            socket = await ConnectAsync(server.BaseAddress, user.Client.Token!, "/price-stream");
            await socket.SendAsync(Encoding.UTF8.GetBytes(commands[0]), WebSocketMessageType.Text, endOfMessage: true, TestContext.Current.CancellationToken);
            await Task.Delay(200, TestContext.Current.CancellationToken);
            await user.PlaceAsync(ExchangeSetup.Moneyline(game, game.AwayId, 125, 20, "post"));
            bool updated = false;
            for (int i = 0; i < 50 && !updated; i++)
            {
                (string? text, WebSocketCloseStatus? closed) = await ReceiveAsync(socket, TimeSpan.FromSeconds(10));
                Assert.Null(closed);
                updated = text is not null && text.Contains("orderUpdate", StringComparison.Ordinal) && text.Contains(gameId, StringComparison.Ordinal);
            }
            Assert.True(updated, "the stream delivered the new offer after the hostile commands");
        }
        finally
        {
            socket.Dispose();
        }
        Assert.Empty((await server.Admin.GetAsync("/admin/state")).Data["invariantViolations"]!.AsArray());
        string summary = $"Price-stream fuzz: seed {seed}, {sent:N0} commands in {clock.Elapsed.TotalSeconds:0} s: {closes:N0} clean closes, the stream still delivers";
        TestContext.Current.SendDiagnosticMessage(summary);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "openline-fuzz.txt"), summary + Environment.NewLine);
    }

    private static byte[] RandomBytes(Random random)
    {
        byte[] bytes = new byte[random.Next(1, 300)];
        random.NextBytes(bytes);
        return bytes;
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri server, string token, string path = "/orders/ws")
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", token);
        await socket.ConnectAsync(new UriBuilder(server) { Scheme = "ws", Path = path }.Uri, TestContext.Current.CancellationToken);
        return socket;
    }

    /// <summary>The next whole text message, or the close status if the server closed the socket.</summary>
    private static async Task<(string? Text, WebSocketCloseStatus? Closed)> ReceiveAsync(ClientWebSocket socket, TimeSpan? wait = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(wait ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (true)
            {
                WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, timeout.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (null, result.CloseStatus ?? WebSocketCloseStatus.Empty);
                }
                message.Write(buffer, 0, result.Count);
                if (result.EndOfMessage)
                {
                    return (Encoding.UTF8.GetString(message.ToArray()), null);
                }
            }
        }
        catch (OperationCanceledException)
        {
            return (null, null);
        }
        catch (WebSocketException)
        {
            return (null, WebSocketCloseStatus.Empty); // the server dropped the connection after closing it
        }
    }
}
