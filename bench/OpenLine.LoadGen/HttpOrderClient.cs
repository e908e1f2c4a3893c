using System.Buffers;
using System.Net.Sockets;
using System.Text.Json;

namespace OpenLine.LoadGen;

/// <summary>
/// Orders over REST on one keep-alive connection: <c>POST /session/v3/place</c> with a batch, or a
/// cancel of one resting order (<c>POST /session/cancel</c>) or of up to a batch
/// (<c>POST /session/cancelMultiple</c>).
/// </summary>
internal sealed class HttpOrderClient : LoadClient
{
    private readonly Http1Connection _http;
    private readonly OrderWorkload _work;
    private readonly byte[] _placeHead;
    private readonly byte[] _cancelHead;
    private readonly byte[] _cancelManyHead;
    private readonly ArrayBufferWriter<byte> _body = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly List<string> _ids = [];

    public HttpOrderClient(Uri url, string token, LoadFixture fixture, OrderFlow flow, int batch, int maxResting)
    {
        _http = new Http1Connection(url);
        _work = new OrderWorkload(fixture, flow, batch, maxResting, Stats);
        _placeHead = _http.Head("POST", "/session/v3/place", token, hasBody: true);
        _cancelHead = _http.Head("POST", "/session/cancel", token, hasBody: true);
        _cancelManyHead = _http.Head("POST", "/session/cancelMultiple", token, hasBody: true);
        _writer = new Utf8JsonWriter(_body);
    }

    public override Task ConnectAsync(CancellationToken cancellationToken) => _http.ConnectAsync(cancellationToken);

    public override ValueTask<RequestResult> RunAsync(bool measured, CancellationToken cancellationToken) =>
        _work.NextIsCancel() ? CancelAsync(measured, cancellationToken) : PlaceAsync(measured, cancellationToken);

    private async ValueTask<RequestResult> PlaceAsync(bool measured, CancellationToken cancellationToken)
    {
        Begin();
        _writer.WriteStartArray("orders");
        int pricedToCross = _work.WriteOrders(_writer, "gameID");
        _writer.WriteEndArray();
        End();
        if (await SendAsync(_placeHead, cancellationToken).ConfigureAwait(false) is { } transport)
        {
            return _work.Failed(RequestKind.Place, "place " + transport, measured);
        }
        return _http.Status == 200
            ? _work.Placed(_http.Body.Span, "createdSessions"u8, pricedToCross, measured)
            : _work.Failed(RequestKind.Place, $"place HTTP {_http.Status}: {ReplyParser.Describe(_http.Body.Span)}", measured);
    }

    private async ValueTask<RequestResult> CancelAsync(bool measured, CancellationToken cancellationToken)
    {
        _work.TakeCancels(_ids);
        Begin();
        bool many = _ids.Count > 1;
        if (many)
        {
            _writer.WriteStartArray("sessionIDs");
            foreach (string id in _ids)
            {
                _writer.WriteStringValue(id);
            }
            _writer.WriteEndArray();
        }
        else
        {
            _writer.WriteString("sessionID", _ids[0]);
        }
        End();
        if (await SendAsync(many ? _cancelManyHead : _cancelHead, cancellationToken).ConfigureAwait(false) is { } transport)
        {
            return _work.Failed(RequestKind.Cancel, "cancel " + transport, measured);
        }
        if (many)
        {
            return _http.Status == 200
                ? _work.CancelledMany(_http.Body.Span, "data"u8, _ids.Count, measured)
                : _work.Failed(RequestKind.Cancel, $"cancel HTTP {_http.Status}: {ReplyParser.Describe(_http.Body.Span)}", measured);
        }
        return _work.CancelledOne(_http.Status == 200 ? null : $"HTTP {_http.Status}: {ReplyParser.Describe(_http.Body.Span)}", measured);
    }

    private void Begin()
    {
        _body.ResetWrittenCount();
        _writer.Reset(_body);
        _writer.WriteStartObject();
    }

    private void End()
    {
        _writer.WriteEndObject();
        _writer.Flush();
    }

    /// <returns>Null, or the transport error's text.</returns>
    private async ValueTask<string?> SendAsync(byte[] head, CancellationToken cancellationToken)
    {
        try
        {
            await _http.SendAsync(head, _body.WrittenMemory, hasBody: true, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException)
        {
            return "transport error: " + ex.Message;
        }
    }

    public override void Dispose()
    {
        _writer.Dispose();
        _http.Dispose();
    }
}
