using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace OpenLine.LoadGen;

/// <summary>
/// A minimal HTTP/1.1 client over one keep-alive TCP connection, one request at a time, like wrk's:
/// the request head is prebuilt bytes, the response is read into reusable buffers (Content-Length
/// or chunked bodies). <see cref="HttpClient"/> costs the client several times the CPU per request,
/// and on a 2-core machine that the server shares, the client's CPU is the server's lost CPU.
/// A transport failure closes the socket; the next request opens a new one.
/// </summary>
internal sealed class Http1Connection : IDisposable
{
    private static readonly byte[] HeaderEnd = "\r\n\r\n"u8.ToArray();
    private static readonly byte[] Crlf = "\r\n"u8.ToArray();

    private readonly IPEndPoint _endpoint;
    private readonly string _host;
    private Socket? _socket;
    private byte[] _send = new byte[16 * 1024];
    private byte[] _receive = new byte[64 * 1024];
    private int _start;
    private int _end;
    private byte[] _body = new byte[64 * 1024];
    private bool _closeAfterResponse;

    public Http1Connection(Uri url)
    {
        _endpoint = new IPEndPoint(url.Host is "localhost" ? IPAddress.Loopback : IPAddress.Parse(url.Host.Trim('[', ']')), url.Port);
        _host = url.Authority;
    }

    /// <summary>The last response's status code.</summary>
    public int Status { get; private set; }

    /// <summary>The last response's body (valid until the next request).</summary>
    public ReadOnlyMemory<byte> Body { get; private set; }

    /// <summary>
    /// The constant part of a request: request line and headers up to <c>Content-Length: </c> (for a
    /// request with a body) or to the blank line (without one).
    /// </summary>
    public byte[] Head(string method, string path, string? authorization, bool hasBody)
    {
        var head = new StringBuilder();
        head.Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\nHost: {_host}\r\n");
        if (authorization is not null)
        {
            head.Append(CultureInfo.InvariantCulture, $"Authorization: {authorization}\r\n");
        }
        head.Append(hasBody ? "Content-Type: application/json\r\nContent-Length: " : "\r\n");
        return Encoding.ASCII.GetBytes(head.ToString());
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var socket = new Socket(_endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(_endpoint, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
        _socket = socket;
        _start = _end = 0;
        _closeAfterResponse = false;
    }

    /// <summary>
    /// Sends <paramref name="head"/> (from <see cref="Head"/>) and the body, and reads the whole
    /// response. Throws <see cref="IOException"/> or <see cref="SocketException"/> on a transport
    /// failure, after closing the socket.
    /// </summary>
    public async ValueTask SendAsync(byte[] head, ReadOnlyMemory<byte> body, bool hasBody, CancellationToken cancellationToken)
    {
        if (_socket is null)
        {
            await ConnectAsync(cancellationToken).ConfigureAwait(false);
        }
        int length = ComposeRequest(head, body.Span, hasBody);
        try
        {
            int sent = 0;
            while (sent < length)
            {
                sent += await _socket!.SendAsync(_send.AsMemory(sent, length - sent), SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            await ReadResponseAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or SocketException or InvalidDataException)
        {
            Close();
            throw;
        }
        if (_closeAfterResponse)
        {
            Close();
        }
    }

    private int ComposeRequest(byte[] head, ReadOnlySpan<byte> body, bool hasBody)
    {
        int needed = head.Length + (hasBody ? 16 + body.Length : 0);
        if (_send.Length < needed)
        {
            _send = new byte[Math.Max(needed, _send.Length * 2)];
        }
        head.CopyTo(_send, 0);
        int at = head.Length;
        if (hasBody)
        {
            body.Length.TryFormat(_send.AsSpan(at), out int digits, provider: CultureInfo.InvariantCulture);
            at += digits;
            HeaderEnd.CopyTo(_send, at);
            at += HeaderEnd.Length;
            body.CopyTo(_send.AsSpan(at));
            at += body.Length;
        }
        return at;
    }

    private async ValueTask ReadResponseAsync(CancellationToken cancellationToken)
    {
        int headEnd;
        while ((headEnd = _receive.AsSpan(_start, _end - _start).IndexOf(HeaderEnd)) < 0)
        {
            await FillAsync(cancellationToken).ConfigureAwait(false);
        }
        long contentLength = ParseHead(_receive.AsSpan(_start, headEnd), out bool chunked);
        _start += headEnd + HeaderEnd.Length;

        if (contentLength >= 0)
        {
            while (_end - _start < contentLength)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }
            EnsureBody((int)contentLength);
            _receive.AsSpan(_start, (int)contentLength).CopyTo(_body);
            _start += (int)contentLength;
            Body = _body.AsMemory(0, (int)contentLength);
            return;
        }
        if (!chunked)
        {
            throw new InvalidDataException("response without Content-Length or chunked encoding");
        }
        int bodyLength = 0;
        while (true)
        {
            int lineEnd;
            while ((lineEnd = _receive.AsSpan(_start, _end - _start).IndexOf(Crlf)) < 0)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }
            ReadOnlySpan<byte> sizeText = _receive.AsSpan(_start, lineEnd);
            int semicolon = sizeText.IndexOf((byte)';');
            if (semicolon >= 0)
            {
                sizeText = sizeText[..semicolon];
            }
            if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out int size) || size < 0)
            {
                throw new InvalidDataException("bad chunk size");
            }
            _start += lineEnd + Crlf.Length;
            if (size == 0)
            {
                // No trailers from Kestrel: the last chunk is followed by one empty line.
                while (_end - _start < Crlf.Length)
                {
                    await FillAsync(cancellationToken).ConfigureAwait(false);
                }
                _start += Crlf.Length;
                break;
            }
            while (_end - _start < size + Crlf.Length)
            {
                await FillAsync(cancellationToken).ConfigureAwait(false);
            }
            EnsureBody(bodyLength + size);
            _receive.AsSpan(_start, size).CopyTo(_body.AsSpan(bodyLength));
            bodyLength += size;
            _start += size + Crlf.Length;
        }
        Body = _body.AsMemory(0, bodyLength);
    }

    /// <returns>Content-Length, or −1 when absent.</returns>
    private long ParseHead(ReadOnlySpan<byte> head, out bool chunked)
    {
        chunked = false;
        // "HTTP/1.1 200 OK"
        if (head.Length < 12 || !int.TryParse(head.Slice(9, 3), NumberStyles.None, CultureInfo.InvariantCulture, out int status))
        {
            throw new InvalidDataException("bad status line");
        }
        Status = status;
        long contentLength = -1;
        int lineStart = head.IndexOf(Crlf);
        while (lineStart >= 0 && lineStart < head.Length)
        {
            ReadOnlySpan<byte> rest = head[(lineStart + Crlf.Length)..];
            int lineLength = rest.IndexOf(Crlf);
            ReadOnlySpan<byte> line = lineLength < 0 ? rest : rest[..lineLength];
            int colon = line.IndexOf((byte)':');
            if (colon > 0)
            {
                ReadOnlySpan<byte> name = line[..colon];
                ReadOnlySpan<byte> value = line[(colon + 1)..].Trim((byte)' ');
                if (Ascii.EqualsIgnoreCase(name, "Content-Length"u8))
                {
                    contentLength = long.Parse(value, NumberStyles.None, CultureInfo.InvariantCulture);
                }
                else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
                {
                    chunked = value.IndexOf("chunked"u8) >= 0;
                }
                else if (Ascii.EqualsIgnoreCase(name, "Connection"u8))
                {
                    _closeAfterResponse = Ascii.EqualsIgnoreCase(value, "close"u8);
                }
            }
            lineStart = lineLength < 0 ? -1 : lineStart + Crlf.Length + lineLength;
        }
        return contentLength;
    }

    private async ValueTask FillAsync(CancellationToken cancellationToken)
    {
        if (_start > 0)
        {
            _receive.AsSpan(_start, _end - _start).CopyTo(_receive);
            _end -= _start;
            _start = 0;
        }
        if (_end == _receive.Length)
        {
            Array.Resize(ref _receive, _receive.Length * 2);
        }
        int read = await _socket!.ReceiveAsync(_receive.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException("the server closed the connection");
        }
        _end += read;
    }

    private void EnsureBody(int length)
    {
        if (_body.Length < length)
        {
            Array.Resize(ref _body, Math.Max(length, _body.Length * 2));
        }
    }

    private void Close()
    {
        _socket?.Dispose();
        _socket = null;
        _start = _end = 0;
    }

    public void Dispose() => Close();
}
