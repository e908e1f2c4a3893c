using System.Buffers;
using System.Net.WebSockets;
using System.Threading.Channels;

namespace OpenLine.Server.Streaming;

/// <summary>
/// One WebSocket connection: a receive loop that assembles text messages up to a size limit, and a
/// single writer draining a bounded outbound queue. A client that stops reading never slows the
/// engine or other clients: when its queue is full the connection is closed with a clear reason
/// (it recovers with replay). The one catch point of the connection is <see cref="RunAsync"/>.
/// <para>
/// Closing never cancels a send or receive in flight (that would abort the socket and lose the
/// close frame): the writer sends the close frame after its current message, the receive loop waits
/// for the client's answer, and a watchdog aborts only a handshake that does not complete.
/// </para>
/// </summary>
public sealed class SocketConnection
{
    private static readonly TimeSpan CloseHandshakeTimeout = TimeSpan.FromSeconds(5);

    private readonly WebSocket _socket;
    private readonly Channel<ReadOnlyMemory<byte>> _outbound;
    private readonly ILogger _logger;
    private readonly int _maxMessageBytes;
    private readonly long _maxQueuedBytes;
    private long _queuedBytes;
    private readonly CancellationTokenSource _closing = new();
    private readonly object _gate = new();
    private string? _closeReason;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;

    /// <param name="outboundCapacity">Messages that may wait to be sent.</param>
    /// <param name="maxQueuedBytes">Bytes that may wait to be sent (a few large messages must not hold memory either); 0: no byte bound.</param>
    public SocketConnection(WebSocket socket, int outboundCapacity, int maxMessageBytes, ILogger logger, long maxQueuedBytes = 0)
    {
        _socket = socket;
        _maxMessageBytes = maxMessageBytes;
        _maxQueuedBytes = maxQueuedBytes;
        _logger = logger;
        _outbound = Channel.CreateBounded<ReadOnlyMemory<byte>>(new BoundedChannelOptions(outboundCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>Cancelled once the connection starts closing (for producers such as feed subscriptions).</summary>
    public CancellationToken Closing => _closing.Token;

    /// <summary>
    /// Queues a message without waiting. If the client is too slow and the queue is full, the
    /// connection is closed (policy violation, "send queue overflow") instead of blocking the caller.
    /// </summary>
    public void Send(ReadOnlyMemory<byte> message)
    {
        long queued = Interlocked.Add(ref _queuedBytes, message.Length);
        if ((_maxQueuedBytes > 0 && queued > _maxQueuedBytes) || !_outbound.Writer.TryWrite(message))
        {
            Interlocked.Add(ref _queuedBytes, -message.Length);
            if (_closeReason is null)
            {
                Close(WebSocketCloseStatus.PolicyViolation, "send queue overflow: the client is not reading fast enough; reconnect and replay");
            }
        }
    }

    /// <summary>Starts closing the connection with a status and reason the client sees.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        lock (_gate)
        {
            if (_closeReason is not null)
            {
                return;
            }
            _closeStatus = status;
            _closeReason = reason;
        }
        _outbound.Writer.TryComplete();
        _closing.Cancel();
        // Watchdog: a client that never completes the close handshake (or never reads) is cut off.
        _ = Task.Delay(CloseHandshakeTimeout).ContinueWith(_ => _socket.Abort(), TaskScheduler.Default);
    }

    /// <summary>Runs the connection until either side closes; <paramref name="onMessage"/> gets each complete text message.</summary>
    public async Task RunAsync(Func<ReadOnlyMemory<byte>, Task> onMessage, CancellationToken aborted)
    {
        using CancellationTokenRegistration abort = aborted.Register(() => _socket.Abort());
        Task writer = WriteLoopAsync();
        try
        {
            await ReceiveLoopAsync(onMessage).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
        {
            _logger.LogDebug(ex, "WebSocket ended abruptly");
        }
        catch (Exception ex)
        {
            _logger.LogError(ex, "WebSocket connection failed");
            Close(WebSocketCloseStatus.InternalServerError, "internal error");
        }
        Close(WebSocketCloseStatus.NormalClosure, "closing");
        await writer.ConfigureAwait(false);
        _socket.Abort();
    }

    private async Task ReceiveLoopAsync(Func<ReadOnlyMemory<byte>, Task> onMessage)
    {
        byte[] buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        var message = new ArrayBufferWriter<byte>(16 * 1024);
        try
        {
            while (_socket.State is WebSocketState.Open or WebSocketState.CloseSent)
            {
                ValueWebSocketReceiveResult result = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    Close(WebSocketCloseStatus.NormalClosure, "closed by the client");
                    return;
                }
                if (_closeReason is not null)
                {
                    continue; // closing: wait for the client's close frame, ignore anything else
                }
                if (result.MessageType == WebSocketMessageType.Binary)
                {
                    // RFC 6455 §7.4.1: 1003 for a type of data the endpoint cannot accept. Ignoring it
                    // silently would leave a client waiting for an answer that never comes.
                    message.ResetWrittenCount();
                    Close(WebSocketCloseStatus.InvalidMessageType, "binary frames are not supported: send JSON as text frames");
                    continue;
                }
                if (message.WrittenCount + result.Count > _maxMessageBytes)
                {
                    message.ResetWrittenCount();
                    Close(WebSocketCloseStatus.MessageTooBig, $"message larger than {_maxMessageBytes} bytes");
                    continue;
                }
                message.Write(buffer.AsSpan(0, result.Count));
                if (!result.EndOfMessage)
                {
                    continue;
                }
                await onMessage(message.WrittenMemory.ToArray()).ConfigureAwait(false);
                message.ResetWrittenCount();
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task WriteLoopAsync()
    {
        try
        {
            while (await _outbound.Reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (_closeReason is null && _outbound.Reader.TryRead(out ReadOnlyMemory<byte> message))
                {
                    await _socket.SendAsync(message, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
                    Interlocked.Add(ref _queuedBytes, -message.Length);
                }
                if (_closeReason is not null)
                {
                    break;
                }
            }
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeReason ?? "closing", CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            _logger.LogDebug(ex, "WebSocket send ended");
        }
    }
}
