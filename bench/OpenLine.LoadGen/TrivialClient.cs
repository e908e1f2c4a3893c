using System.Net.Sockets;

namespace OpenLine.LoadGen;

/// <summary>
/// The scale: <c>GET /health</c> on the same server and through the same HTTP client code as the
/// orders (a route, a tiny JSON body, no engine, no journal), i.e. what this machine's network
/// stack, Kestrel and the client cost per request.
/// </summary>
internal sealed class TrivialClient : LoadClient
{
    private readonly Http1Connection _http;
    private readonly byte[] _head;

    public TrivialClient(Uri url)
    {
        _http = new Http1Connection(url);
        _head = _http.Head("GET", "/health", authorization: null, hasBody: false);
    }

    public override Task ConnectAsync(CancellationToken cancellationToken) => _http.ConnectAsync(cancellationToken);

    public override async ValueTask<RequestResult> RunAsync(bool measured, CancellationToken cancellationToken)
    {
        string? error = null;
        try
        {
            await _http.SendAsync(_head, ReadOnlyMemory<byte>.Empty, hasBody: false, cancellationToken).ConfigureAwait(false);
            if (_http.Status != 200)
            {
                error = $"GET /health HTTP {_http.Status}: {ReplyParser.Describe(_http.Body.Span)}";
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException)
        {
            error = "transport error: " + ex.Message;
        }
        if (!measured)
        {
            return new RequestResult(RequestKind.Trivial, 0, 0);
        }
        Stats.OtherRequests++;
        return new RequestResult(RequestKind.Trivial, 0, error is null ? 0 : Stats.Error(error));
    }

    public override void Dispose() => _http.Dispose();
}
