using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenLine.Server.Tests.Kit;

/// <summary>A real <see cref="ClientWebSocket"/> talking JSON text frames to the server.</summary>
public sealed class SocketClient : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;

    private SocketClient(ClientWebSocket socket) => _socket = socket;

    public WebSocketState State => _socket.State;
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;
    public string? CloseStatusDescription => _socket.CloseStatusDescription;

    /// <summary>
    /// Opens a socket with a token in <c>Authorization</c> (as bots do), or with the web page's <c>auth</c>
    /// <paramref name="cookie"/> and <paramref name="origin"/> (as a browser does).
    /// </summary>
    public static async Task<SocketClient> ConnectAsync(Uri server, string path, string? token, string? cookie = null, string? origin = null)
    {
        var socket = new ClientWebSocket();
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", token);
        }
        if (cookie is not null)
        {
            socket.Options.SetRequestHeader("Cookie", cookie);
        }
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        socket.Options.CollectHttpResponseDetails = true;
        var uri = new UriBuilder(server) { Scheme = "ws", Path = path }.Uri;
        await socket.ConnectAsync(uri, CancellationToken.None);
        return new SocketClient(socket);
    }

    /// <summary>The HTTP status of a refused upgrade, or null when it was accepted.</summary>
    public static async Task<int?> RefusedStatusAsync(Uri server, string path, string? token, string? origin = null)
    {
        using var socket = new ClientWebSocket();
        if (token is not null)
        {
            socket.Options.SetRequestHeader("Authorization", token);
        }
        if (origin is not null)
        {
            socket.Options.SetRequestHeader("Origin", origin);
        }
        socket.Options.CollectHttpResponseDetails = true;
        try
        {
            await socket.ConnectAsync(new UriBuilder(server) { Scheme = "ws", Path = path }.Uri, CancellationToken.None);
            return null;
        }
        catch (WebSocketException)
        {
            return (int)socket.HttpStatusCode;
        }
    }

    public Task SendAsync(string text) =>
        _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);

    /// <summary>Sends raw bytes in one frame of the given type (for hostile-input tests).</summary>
    public Task SendBytesAsync(byte[] bytes, WebSocketMessageType type) =>
        _socket.SendAsync(bytes, type, endOfMessage: true, CancellationToken.None);

    public Task SendAsync(string type, object payload) => SendAsync(JsonSerializer.Serialize(new object[] { type, payload }));

    /// <summary>The next text message, or null when the server closed the socket.</summary>
    public async Task<JsonNode?> ReceiveAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (true)
        {
            WebSocketReceiveResult result = await _socket.ReceiveAsync(buffer, cancel.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return null;
            }
            message.Write(buffer, 0, result.Count);
            if (result.EndOfMessage)
            {
                return JsonNode.Parse(message.ToArray());
            }
        }
    }

    /// <summary>Sends one request and returns the reply carrying its requestID (other messages are skipped).</summary>
    public async Task<JsonNode> RequestAsync(string type, JsonObject payload)
    {
        string requestId = payload["requestID"]?.GetValue<string>() ?? Guid.NewGuid().ToString("n");
        payload["requestID"] = requestId;
        await SendAsync(new JsonArray(type, payload).ToJsonString());
        while (true)
        {
            JsonNode reply = await ReceiveAsync() ?? throw new InvalidOperationException($"socket closed: {CloseStatus} {CloseStatusDescription}");
            if (reply["requestID"]?.GetValue<string>() == requestId)
            {
                return reply;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "bye", timeout.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
            {
                // already gone
            }
        }
        _socket.Dispose();
    }
}
