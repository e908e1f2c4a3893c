using System.Net;
using System.Net.Sockets;
using System.Text;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// Idle and slow clients are cut off (step 8): an HTTP connection that sends nothing, one that never
/// finishes its headers (slowloris), and a WebSocket whose peer stops answering pings. Raw TCP, so
/// nothing in a client library answers on the test's behalf.
/// </summary>
public sealed class IdleTimeoutTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task A_connection_that_never_finishes_its_headers_is_answered_408_and_closed()
    {
        await using TestServer server = await TestServer.StartAsync("--OpenLine:RequestHeadersTimeoutSeconds=1");
        using TcpClient tcp = await ConnectAsync(server);
        NetworkStream stream = tcp.GetStream();

        await stream.WriteAsync("GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: "u8.ToArray(), TestContext.Current.CancellationToken);
        (string received, bool closed) = await ReadUntilClosedAsync(stream);

        Assert.True(closed, "the server closed the connection");
        Assert.StartsWith("HTTP/1.1 408", received, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keep_alive_connection_that_stays_idle_is_closed()
    {
        await using TestServer server = await TestServer.StartAsync("--OpenLine:IdleConnectionSeconds=1");
        using TcpClient tcp = await ConnectAsync(server);
        NetworkStream stream = tcp.GetStream();

        await stream.WriteAsync("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"u8.ToArray(), TestContext.Current.CancellationToken);
        (string received, bool closed) = await ReadUntilClosedAsync(stream);

        Assert.StartsWith("HTTP/1.1 200", received, StringComparison.Ordinal);
        Assert.True(closed, "the server closed the idle connection");
    }

    [Fact]
    public async Task A_websocket_whose_peer_stops_answering_pings_is_dropped()
    {
        await using TestServer server = await TestServer.StartAsync("--OpenLine:SocketKeepAliveSeconds=1", "--OpenLine:SocketPongTimeoutSeconds=1");
        string token = (await server.CreateUserAsync()).Client.Token!;
        using TcpClient tcp = await ConnectAsync(server);
        NetworkStream stream = tcp.GetStream();

        string key = Convert.ToBase64String(Guid.NewGuid().ToByteArray());
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"GET /price-stream HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
            + $"Sec-WebSocket-Version: 13\r\nAuthorization: {token}\r\n\r\n"), TestContext.Current.CancellationToken);
        // Read (and never answer) whatever comes: the 101, the server's pings; the connection must end.
        (string received, bool closed) = await ReadUntilClosedAsync(stream);

        Assert.StartsWith("HTTP/1.1 101", received, StringComparison.Ordinal);
        Assert.True(closed, "the server dropped the socket whose peer never answered a ping");
    }

    private static async Task<TcpClient> ConnectAsync(TestServer server)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, server.BaseAddress.Port, TestContext.Current.CancellationToken);
        return tcp;
    }

    /// <summary>Everything the server sends until it closes the connection, and whether it did within <see cref="Patience"/>.</summary>
    private static async Task<(string Received, bool Closed)> ReadUntilClosedAsync(NetworkStream stream)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Patience);
        var received = new MemoryStream();
        var buffer = new byte[4096];
        try
        {
            while (true)
            {
                int read = await stream.ReadAsync(buffer, timeout.Token);
                if (read == 0)
                {
                    return (Encoding.Latin1.GetString(received.ToArray()), true);
                }
                received.Write(buffer, 0, read);
            }
        }
        catch (IOException)
        {
            return (Encoding.Latin1.GetString(received.ToArray()), true); // reset by the server
        }
        catch (OperationCanceledException)
        {
            return (Encoding.Latin1.GetString(received.ToArray()), false);
        }
    }
}
