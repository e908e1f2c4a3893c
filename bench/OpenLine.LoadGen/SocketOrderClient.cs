using System.Buffers;
using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;

namespace OpenLine.LoadGen;

/// <summary>
/// Orders over the orders WebSocket, <c>/orders/ws</c> (API §5), one message in flight:
/// <c>["placeV3", {requestID, orders}]</c>, or <c>["cancelById", {requestID, orderId}]</c> for one
/// resting order and <c>["cancelMultiple", {requestID, orderIDs}]</c> for up to a batch. Replies are
/// <c>{requestID, data: […]}</c> or <c>{requestID, error}</c>; the requestID is checked.
/// </summary>
internal sealed class SocketOrderClient : LoadClient
{
    private readonly Uri _url;
    private readonly string _token;
    private readonly OrderWorkload _work;
    private readonly ArrayBufferWriter<byte> _message = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly List<string> _ids = [];
    private ClientWebSocket? _socket;
    private byte[] _reply = new byte[64 * 1024];
    private long _nextRequest;

    public SocketOrderClient(Uri url, string token, LoadFixture fixture, OrderFlow flow, int batch, int maxResting)
    {
        _url = new UriBuilder(url) { Scheme = "ws", Path = "/orders/ws" }.Uri;
        _token = token;
        _work = new OrderWorkload(fixture, flow, batch, maxResting, Stats);
        _writer = new Utf8JsonWriter(_message);
    }

    public override async Task ConnectAsync(CancellationToken cancellationToken)
    {
        _socket?.Dispose();
        _socket = new ClientWebSocket();
        _socket.Options.SetRequestHeader("Authorization", _token);
        await _socket.ConnectAsync(_url, cancellationToken).ConfigureAwait(false);
    }

    public override ValueTask<RequestResult> RunAsync(bool measured, CancellationToken cancellationToken) =>
        _work.NextIsCancel() ? CancelAsync(measured, cancellationToken) : PlaceAsync(measured, cancellationToken);

    private async ValueTask<RequestResult> PlaceAsync(bool measured, CancellationToken cancellationToken)
    {
        string requestId = Begin("placeV3");
        _writer.WriteStartArray("orders");
        int pricedToCross = _work.WriteOrders(_writer, "gameId");
        _writer.WriteEndArray();
        End();
        (int length, string? error) = await ExchangeAsync(requestId, cancellationToken).ConfigureAwait(false);
        return error is null
            ? _work.Placed(_reply.AsSpan(0, length), "data"u8, pricedToCross, measured)
            : _work.Failed(RequestKind.Place, "placeV3 " + error, measured);
    }

    private async ValueTask<RequestResult> CancelAsync(bool measured, CancellationToken cancellationToken)
    {
        _work.TakeCancels(_ids);
        bool many = _ids.Count > 1;
        string requestId = Begin(many ? "cancelMultiple" : "cancelById");
        if (many)
        {
            _writer.WriteStartArray("orderIDs");
            foreach (string id in _ids)
            {
                _writer.WriteStringValue(id);
            }
            _writer.WriteEndArray();
        }
        else
        {
            _writer.WriteString("orderId", _ids[0]);
        }
        End();
        (int length, string? error) = await ExchangeAsync(requestId, cancellationToken).ConfigureAwait(false);
        if (many)
        {
            return error is null
                ? _work.CancelledMany(_reply.AsSpan(0, length), "data"u8, _ids.Count, measured)
                : _work.Failed(RequestKind.Cancel, "cancelMultiple " + error, measured);
        }
        return _work.CancelledOne(error, measured);
    }

    private string Begin(string messageType)
    {
        string requestId = (++_nextRequest).ToString(CultureInfo.InvariantCulture);
        _message.ResetWrittenCount();
        _writer.Reset(_message);
        _writer.WriteStartArray();
        _writer.WriteStringValue(messageType);
        _writer.WriteStartObject();
        _writer.WriteString("requestID", requestId);
        return requestId;
    }

    private void End()
    {
        _writer.WriteEndObject();
        _writer.WriteEndArray();
        _writer.Flush();
    }

    /// <summary>Sends the message and reads one reply; returns its length, or the error (envelope or transport).</summary>
    private async ValueTask<(int Length, string? Error)> ExchangeAsync(string requestId, CancellationToken cancellationToken)
    {
        try
        {
            if (_socket is not { State: WebSocketState.Open })
            {
                await ConnectAsync(cancellationToken).ConfigureAwait(false);
            }
            await _socket!.SendAsync(_message.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, cancellationToken).ConfigureAwait(false);
            int length = 0;
            while (true)
            {
                if (length == _reply.Length)
                {
                    Array.Resize(ref _reply, _reply.Length * 2);
                }
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(_reply.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return (0, $"socket closed by the server: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
                }
                length += result.Count;
                if (result.EndOfMessage)
                {
                    break;
                }
            }
            ReadOnlySpan<byte> reply = _reply.AsSpan(0, length);
            if (!RequestIdIs(reply, requestId))
            {
                return (0, "reply for another requestID: " + ReplyParser.Describe(reply));
            }
            return (length, ReplyParser.Error(reply));
        }
        catch (Exception ex) when (ex is WebSocketException or IOException)
        {
            _socket?.Abort();
            return (0, "transport error: " + ex.Message);
        }
    }

    private static bool RequestIdIs(ReadOnlySpan<byte> reply, string requestId)
    {
        var reader = new Utf8JsonReader(reply);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            bool isId = reader.ValueTextEquals("requestID"u8);
            reader.Read();
            if (isId)
            {
                return reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(requestId);
            }
            reader.Skip();
        }
        return false;
    }

    public override void Dispose()
    {
        _writer.Dispose();
        _socket?.Abort();
        _socket?.Dispose();
    }
}
