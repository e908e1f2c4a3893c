using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace OpenLine.LoadGen;

/// <summary>
/// One closed-loop client: its own user, its own <see cref="HttpClient"/> over one keep-alive TCP
/// connection, one request in flight at a time. Each round it either cancels one of its resting
/// orders (<c>POST /session/cancel</c>) or places a batch (<c>POST /session/v3/place</c>).
/// </summary>
internal sealed class LoadConnection : IDisposable
{
    private static readonly Uri PlacePath = new("/session/v3/place", UriKind.Relative);
    private static readonly Uri CancelPath = new("/session/cancel", UriKind.Relative);
    private const int MaxErrorText = 100;

    private readonly HttpClient _http;
    private readonly LoadFixture _fixture;
    private readonly OrderFlow _flow;
    private readonly int _batch;
    private readonly ArrayBufferWriter<byte> _body = new(16 * 1024);
    private readonly Utf8JsonWriter _writer;
    private readonly List<string> _resting = [];

    public LoadConnection(Uri url, string userToken, LoadFixture fixture, OrderFlow flow, int batch)
    {
        var handler = new SocketsHttpHandler
        {
            // One request at a time per connection, so one socket: the pool never opens a second.
            MaxConnectionsPerServer = 1,
            UseCookies = false, // the token goes in Authorization; the login cookie is not wanted
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
        _http.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", userToken);
        _fixture = fixture;
        _flow = flow;
        _batch = batch;
        _writer = new Utf8JsonWriter(_body);
    }

    public ConnectionStats Stats { get; } = new();

    /// <summary>
    /// Loops until <paramref name="stopAt"/> (a <see cref="Stopwatch"/> timestamp). Requests that
    /// start before <paramref name="measureFrom"/> are warm-up and not counted; a request started
    /// before <paramref name="stopAt"/> is counted when it completes.
    /// </summary>
    public async Task RunAsync(long measureFrom, long stopAt, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            long now = Stopwatch.GetTimestamp();
            if (now >= stopAt)
            {
                return;
            }
            bool measured = now >= measureFrom;
            if (_resting.Count > 0 && _flow.NextIsCancel())
            {
                await CancelAsync(measured, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await PlaceAsync(measured, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task PlaceAsync(bool measured, CancellationToken cancellationToken)
    {
        int pricedToCross = WritePlaceBody();
        (HttpStatusCode? status, byte[]? body, long started) = await SendAsync(PlacePath, cancellationToken).ConfigureAwait(false);
        long ended = Stopwatch.GetTimestamp();
        if (!measured)
        {
            CollectResting(status, body);
            return;
        }
        Stats.PlaceRequests++;
        Stats.OrdersSubmitted += _batch;
        Stats.OrdersPricedToCross += pricedToCross;
        Stats.PlaceLatencies.Add(ended - started);
        Stats.LastCompletion = ended;
        if (status != HttpStatusCode.OK)
        {
            Stats.Error($"place {Describe(status, body)}");
            return;
        }
        using JsonDocument document = JsonDocument.Parse(body!);
        foreach (JsonElement entry in document.RootElement.GetProperty("data").GetProperty("createdSessions").EnumerateArray())
        {
            if (entry.TryGetProperty("errorType", out JsonElement errorType))
            {
                string? message = entry.TryGetProperty("error", out JsonElement e) ? e.GetString() : null;
                Stats.Error($"order {errorType.GetString()}: {Truncate(message)}");
                continue;
            }
            Stats.OrdersPlaced++;
            if (entry.GetProperty("matched").GetArrayLength() > 0)
            {
                Stats.OrdersMatchedOnArrival++;
            }
            if (entry.GetProperty("unmatched").TryGetProperty("orderID", out JsonElement orderId))
            {
                Stats.OrdersRested++;
                _resting.Add(orderId.GetString()!);
            }
        }
    }

    /// <summary>Warm-up responses are not counted, but their resting orders may be cancelled later.</summary>
    private void CollectResting(HttpStatusCode? status, byte[]? body)
    {
        if (status != HttpStatusCode.OK)
        {
            return;
        }
        using JsonDocument document = JsonDocument.Parse(body!);
        foreach (JsonElement entry in document.RootElement.GetProperty("data").GetProperty("createdSessions").EnumerateArray())
        {
            if (entry.TryGetProperty("unmatched", out JsonElement unmatched) && unmatched.TryGetProperty("orderID", out JsonElement orderId))
            {
                _resting.Add(orderId.GetString()!);
            }
        }
    }

    private async Task CancelAsync(bool measured, CancellationToken cancellationToken)
    {
        // Swap-remove a random resting order: it is either cancelled now or no longer open.
        int index = _flow.NextIndex(_resting.Count);
        string orderId = _resting[index];
        _resting[index] = _resting[^1];
        _resting.RemoveAt(_resting.Count - 1);

        _body.ResetWrittenCount();
        _writer.Reset(_body);
        _writer.WriteStartObject();
        _writer.WriteString("sessionID", orderId);
        _writer.WriteEndObject();
        _writer.Flush();

        (HttpStatusCode? status, byte[]? body, long started) = await SendAsync(CancelPath, cancellationToken).ConfigureAwait(false);
        long ended = Stopwatch.GetTimestamp();
        if (!measured)
        {
            return;
        }
        Stats.CancelRequests++;
        Stats.CancelLatencies.Add(ended - started);
        Stats.LastCompletion = ended;
        if (status == HttpStatusCode.OK)
        {
            Stats.OrdersCancelled++;
        }
        else
        {
            Stats.Error($"cancel {Describe(status, body)}");
        }
    }

    /// <returns>How many of the batch's orders are priced to cross.</returns>
    private int WritePlaceBody()
    {
        _body.ResetWrittenCount();
        _writer.Reset(_body);
        _writer.WriteStartObject();
        _writer.WriteStartArray("orders");
        int pricedToCross = 0;
        for (int i = 0; i < _batch; i++)
        {
            OrderSpec order = _flow.NextOrder();
            pricedToCross += order.PricedToCross ? 1 : 0;
            _writer.WriteStartObject();
            _writer.WriteString("gameID", _fixture.GameId);
            _writer.WriteString("type", "moneyline");
            _writer.WriteString("side", order.Home ? _fixture.HomeId : _fixture.AwayId);
            _writer.WriteNumber("odds", order.Odds);
            _writer.WriteNumber("bet", order.Bet);
            _writer.WriteString("orderType", "limit");
            _writer.WriteEndObject();
        }
        _writer.WriteEndArray();
        _writer.WriteEndObject();
        _writer.Flush();
        return pricedToCross;
    }

    /// <summary>Sends the body in <see cref="_body"/>; the latency runs from send to the response's last byte.</summary>
    private async Task<(HttpStatusCode? Status, byte[]? Body, long Started)> SendAsync(Uri path, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ReadOnlyMemoryContent(_body.WrittenMemory) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        long started = Stopwatch.GetTimestamp();
        try
        {
            using HttpResponseMessage response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            byte[] body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            return (response.StatusCode, body, started);
        }
        catch (HttpRequestException ex)
        {
            return (null, System.Text.Encoding.UTF8.GetBytes($"{ex.HttpRequestError}: {ex.Message}"), started);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, "timeout after 30 s"u8.ToArray(), started);
        }
    }

    private static string Describe(HttpStatusCode? status, byte[]? body)
    {
        string text = body is null ? "" : System.Text.Encoding.UTF8.GetString(body);
        if (status is { } code)
        {
            // The API's errors are {"error": "..."}; show the message, not the envelope.
            try
            {
                using JsonDocument document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind == JsonValueKind.Object
                    && document.RootElement.TryGetProperty("error", out JsonElement error) && error.ValueKind == JsonValueKind.String)
                {
                    text = error.GetString()!;
                }
            }
            catch (JsonException)
            {
                // Not JSON: show it as it came.
            }
            return $"HTTP {(int)code}: {Truncate(text)}";
        }
        return $"transport error: {Truncate(text)}";
    }

    private static string Truncate(string? text) =>
        text is null ? "" : text.Length <= MaxErrorText ? text : text[..MaxErrorText] + "…";

    public void Dispose()
    {
        _writer.Dispose();
        _http.Dispose();
    }
}
