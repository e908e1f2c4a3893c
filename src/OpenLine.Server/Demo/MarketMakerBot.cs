using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;
using OpenLine.Server.Configuration;

namespace OpenLine.Server.Demo;

/// <summary>
/// The demo market maker: a real client of the public API, in process but over loopback like any
/// bot. It logs in as <c>maker</c>, holds a WebSocket heartbeat, and keeps two-sided quotes on every
/// open game around a fair price that drifts slowly; when the user feed says one of its orders was
/// hit it re-quotes that game at once, and it refreshes every quote each cycle anyway. As the
/// house's liquidity its own login is exempt from the per-account trading-request limit (an operator
/// adding many games would otherwise see its quotes refused); every other rule applies to it as to anyone.
/// </summary>
public sealed class MarketMakerBot(
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<OpenLineOptions> options,
    AbuseLimits limits,
    ILogger<MarketMakerBot> logger) : BackgroundService
{
    private readonly Random _random = new(7);
    private readonly Dictionary<string, double> _fair = []; // game id → probability the away side wins
    private readonly SemaphoreSlim _sendLock = new(1, 1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Demo || options.Value.DemoBotIntervalSeconds <= 0)
        {
            return;
        }
        await WaitForStartAsync(stoppingToken).ConfigureAwait(false);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Demo market maker lost its connection; reconnecting");
            }
            await Task.Delay(TimeSpan.FromSeconds(2), stoppingToken).ConfigureAwait(false);
        }
    }

    private async Task WaitForStartAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using CancellationTokenRegistration _ = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
    }

    private Uri BaseAddress()
    {
        string address = server.Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new Uri(address.Replace("://0.0.0.0:", "://127.0.0.1:", StringComparison.Ordinal).Replace("://[::]:", "://127.0.0.1:", StringComparison.Ordinal));
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        Uri baseAddress = BaseAddress();
        using var http = new HttpClient { BaseAddress = baseAddress };
        HttpResponseMessage login = await http.PostAsync("/user/login",
            new StringContent("{\"username\":\"maker\",\"password\":\"maker-demo-pass\"}", Encoding.UTF8, "application/json"), stoppingToken).ConfigureAwait(false);
        login.EnsureSuccessStatusCode();
        JsonNode user = JsonNode.Parse(await login.Content.ReadAsStringAsync(stoppingToken).ConfigureAwait(false))!["data"]!["user"]!;
        string token = user["auth"]!.GetValue<string>();
        limits.ExemptFromTradingLimit(Tokens.Hash(token)); // this login only, not every login to the maker account
        http.DefaultRequestHeaders.Add("Authorization", token);

        using ClientWebSocket orders = await ConnectAsync(baseAddress, "/orders/ws", token, stoppingToken).ConfigureAwait(false);
        using ClientWebSocket feed = await ConnectAsync(baseAddress, "/v2/user", token, stoppingToken).ConfigureAwait(false);
        using var session = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var hits = System.Threading.Channels.Channel.CreateUnbounded<string>();
        Task drain = DrainAsync(orders, session.Token);
        Task listen = ListenForFillsAsync(feed, hits.Writer, session.Token);
        logger.LogInformation("Demo market maker connected to {Address}", baseAddress);

        TimeSpan interval = TimeSpan.FromSeconds(options.Value.DemoBotIntervalSeconds);
        try
        {
            while (!session.IsCancellationRequested)
            {
                await SendAsync(orders, "heartbeat", new JsonObject { ["requestTimeout"] = Math.Max(30, 3 * options.Value.DemoBotIntervalSeconds) }, session.Token)
                    .ConfigureAwait(false);
                foreach (JsonNode game in await OpenGamesAsync(http, session.Token).ConfigureAwait(false))
                {
                    await QuoteAsync(orders, game, drift: true, session.Token).ConfigureAwait(false);
                }
                // Until the next cycle, re-quote a game as soon as one of our orders on it is hit.
                using var cycle = CancellationTokenSource.CreateLinkedTokenSource(session.Token);
                cycle.CancelAfter(interval);
                try
                {
                    while (await hits.Reader.WaitToReadAsync(cycle.Token).ConfigureAwait(false))
                    {
                        var gameIds = new HashSet<string>(StringComparer.Ordinal);
                        while (hits.Reader.TryRead(out string? gameId))
                        {
                            gameIds.Add(gameId);
                        }
                        foreach (JsonNode game in (await OpenGamesAsync(http, cycle.Token).ConfigureAwait(false)).Where(g => gameIds.Contains(g["id"]!.GetValue<string>())))
                        {
                            await QuoteAsync(orders, game, drift: false, cycle.Token).ConfigureAwait(false);
                        }
                    }
                }
                catch (OperationCanceledException) when (!session.IsCancellationRequested)
                {
                    // next cycle
                }
                if (drain.IsCompleted || listen.IsCompleted)
                {
                    throw new WebSocketException("a socket closed");
                }
            }
        }
        finally
        {
            await session.CancelAsync().ConfigureAwait(false);
        }
    }

    private static async Task<ClientWebSocket> ConnectAsync(Uri baseAddress, string path, string token, CancellationToken cancel)
    {
        var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", token);
        await socket.ConnectAsync(new UriBuilder(baseAddress) { Scheme = "ws", Path = path }.Uri, cancel).ConfigureAwait(false);
        return socket;
    }

    private static async Task<List<JsonNode>> OpenGamesAsync(HttpClient http, CancellationToken cancel)
    {
        string body = await http.GetStringAsync("/exchange/v2/getGames?league=upcoming", cancel).ConfigureAwait(false);
        return [.. JsonNode.Parse(body)!["data"]!["games"]!.AsArray().Select(g => g!)];
    }

    /// <summary>Cancels the game's quotes and posts a fresh two-sided ladder around the (drifted) fair price.</summary>
    private async Task QuoteAsync(ClientWebSocket orders, JsonNode game, bool drift, CancellationToken cancel)
    {
        string id = game["id"]!.GetValue<string>();
        string away = game["participants"]![0]!["id"]!.GetValue<string>();
        string home = game["participants"]![1]!["id"]!.GetValue<string>();
        double fair = _fair.TryGetValue(id, out double p) ? p : 0.35 + (_random.NextDouble() * 0.3);
        if (drift)
        {
            fair = Math.Clamp(fair + ((_random.NextDouble() - 0.5) * 0.02), 0.15, 0.85);
        }
        _fair[id] = fair;

        var quotes = new JsonArray();
        // Moneyline: back each side at a price a little better than fair for the maker (a 2–6% edge per level).
        for (int level = 0; level < 2; level++)
        {
            double edge = 0.02 + (0.04 * level);
            quotes.Add(Quote(id, "moneyline", away, null, AmericanFor(fair - edge), 500 * (level + 1)));
            quotes.Add(Quote(id, "moneyline", home, null, AmericanFor(1 - fair - edge), 500 * (level + 1)));
        }
        bool soccer = string.Equals(game["sport"]?.GetValue<string>(), "soccer", StringComparison.OrdinalIgnoreCase);
        decimal total = soccer ? 2.5m : string.Equals(game["league"]?.GetValue<string>(), "NFL", StringComparison.OrdinalIgnoreCase) ? 47.5m : 224.5m;
        quotes.Add(QuoteTotal(id, "over", total, 105, 800));
        quotes.Add(QuoteTotal(id, "under", total, 105, 800));

        await SendAsync(orders, "cancelAllByGame", new JsonObject { ["gameId"] = id }, cancel).ConfigureAwait(false);
        await SendAsync(orders, "placeV3", new JsonObject { ["orders"] = quotes }, cancel).ConfigureAwait(false);
    }

    private static JsonObject Quote(string game, string type, string side, decimal? number, int odds, int bet) => new()
    {
        ["gameId"] = game, ["type"] = type, ["side"] = side, ["odds"] = odds, ["bet"] = bet, ["orderType"] = "post",
        ["number"] = number, ["userReference"] = "demo-maker",
    };

    private static JsonObject QuoteTotal(string game, string side, decimal number, int odds, int bet) =>
        Quote(game, "total", side, number, odds, bet);

    /// <summary>The American price of a win probability (the maker's own side), clamped to the exchange's range.</summary>
    private static int AmericanFor(double probability)
    {
        probability = Math.Clamp(probability, 0.02, 0.98);
        double american = probability >= 0.5 ? -100 * probability / (1 - probability) : 100 * (1 - probability) / probability;
        int odds = (int)Math.Round(american);
        return Math.Abs(odds) < 100 ? 100 : odds; // within ±100 is even money; 2%–98% keeps it far inside ±100000
    }

    private async Task SendAsync(ClientWebSocket socket, string type, JsonObject payload, CancellationToken cancel)
    {
        payload["requestID"] = Guid.NewGuid().ToString("n");
        byte[] frame = Encoding.UTF8.GetBytes(new JsonArray(type, payload).ToJsonString());
        await _sendLock.WaitAsync(cancel).ConfigureAwait(false);
        try
        {
            await socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, cancel).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Reads (and discards) the orders socket's answers, so its send queue never fills.</summary>
    private static async Task DrainAsync(ClientWebSocket socket, CancellationToken cancel)
    {
        var buffer = new byte[64 * 1024];
        while (socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, cancel).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
        }
    }

    /// <summary>Turns user-feed messages about fills of our resting orders into game ids to re-quote.</summary>
    private static async Task ListenForFillsAsync(ClientWebSocket socket, System.Threading.Channels.ChannelWriter<string> hits, CancellationToken cancel)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        while (socket.State == WebSocketState.Open)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, cancel).ConfigureAwait(false);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return;
            }
            message.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }
            JsonNode? feedMessage = JsonNode.Parse(message.ToArray());
            message.SetLength(0);
            if (feedMessage?["matched"] is not null && feedMessage["origin"]?.GetValue<string>() == "offer")
            {
                hits.TryWrite(feedMessage["gameID"]!.GetValue<string>());
            }
        }
    }
}
