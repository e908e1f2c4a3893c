using System.Globalization;
using OpenLine.Core;

namespace OpenLine.Server.Configuration;

/// <summary>
/// The <c>OpenLine</c> configuration section (rules §11): appsettings, <c>OpenLine__X</c>
/// environment variables or <c>--OpenLine:X=</c> arguments.
/// </summary>
public sealed class OpenLineOptions
{
    public const string Section = "OpenLine";

    /// <summary>Token for the operator API (<c>/admin/*</c>); generated and printed at start when unset.</summary>
    public string? AdminToken { get; set; }

    /// <summary>Where the embedded store and the Data Protection keys live; default <c>./data</c>.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>A PostgreSQL connection string; when set, PostgreSQL is the store (arrives with step 2).</summary>
    public string? Postgres { get; set; }

    /// <summary>Take a snapshot every this many commands (and at clean shutdown); 0 turns periodic snapshots off.</summary>
    public long SnapshotEvery { get; set; } = 100_000;

    /// <summary>Seed demo users, games and liquidity when the store is new.</summary>
    public bool Demo { get; set; } = true;

    /// <summary>With demo data: how often (seconds) the demo market maker refreshes its quotes; 0 turns it off.</summary>
    public int DemoBotIntervalSeconds { get; set; } = 5;

    /// <summary>The largest number of orders one place request may carry (rules §3).</summary>
    public int MaxBatchSize { get; set; } = 200;

    /// <summary>The most orders one account may have resting at once; more are refused as <c>validation_error</c>. 0 turns the cap off.</summary>
    public int MaxOpenOrdersPerAccount { get; set; } = 10_000;

    /// <summary>The smallest stake that may rest, in dollars (rules §4).</summary>
    public decimal MinimumOffer { get; set; } = 10m;

    /// <summary>
    /// Live delay in seconds per league (<c>OpenLine:LiveDelay:NBA=5</c>) and <c>Default</c>
    /// (rules §6). Leagues not given keep the documented delays.
    /// </summary>
    public Dictionary<string, decimal> LiveDelay { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Requests per rolling 60 s per client IP before 429 (rules §8); 0 turns the limit off.</summary>
    public int RateLimitPerMinute { get; set; } = 3000;

    /// <summary>Trading requests (place, edit, cancel, pause, resume; REST and <c>/orders/ws</c>) per account per second, sustained; 0 turns the limit off.</summary>
    public int OrderRequestsPerSecond { get; set; } = 50;

    /// <summary>Trading requests an account may send at once before <see cref="OrderRequestsPerSecond"/> applies (the token bucket's size).</summary>
    public int OrderRequestBurst { get; set; } = 100;

    /// <summary>Failed logins for one username within <see cref="LoginThrottleMinutes"/> after which its logins get 429 until the window ends; 0 turns it off.</summary>
    public int LoginFailuresPerAccount { get; set; } = 5;

    /// <summary>Failed logins from one client IP within <see cref="LoginThrottleMinutes"/> after which its logins get 429; 0 turns it off.</summary>
    public int LoginFailuresPerIp { get; set; } = 30;

    /// <summary>The window of the failed-login counts, in minutes.</summary>
    public int LoginThrottleMinutes { get; set; } = 15;

    /// <summary>WebSocket connections (all endpoints together) one account may have open at once; 0 turns the cap off.</summary>
    public int MaxSocketsPerAccount { get; set; } = 20;

    /// <summary><c>/user/v2/getGraded</c> and <c>/user/getGradedWagers</c> together: requests per rolling minute per user before 429 (API §8.12); 0 turns the limit off.</summary>
    public int GradedRateLimitPerMinute { get; set; } = 60;

    /// <summary><c>/user/v2/getGradedSince</c>: requests per rolling 5 seconds per user before 429 (API §8.12); 0 turns the limit off.</summary>
    public int GradedSinceRateLimitPer5Seconds { get; set; } = 10;

    /// <summary>
    /// IP addresses of reverse proxies (e.g. a TLS terminator) whose <c>X-Forwarded-For</c> and
    /// <c>X-Forwarded-Proto</c> are believed: per-IP limits then count the client, and cookies are
    /// marked Secure when the client used HTTPS. Empty (the default): those headers are ignored.
    /// </summary>
    public string[] TrustedProxies { get; set; } = [];

    /// <summary>Origins allowed to open WebSockets (exact, e.g. <c>https://trade.example.com</c>); empty allows any. Requests without an Origin (bots) are always allowed.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Messages a WebSocket connection may have queued for sending before it is closed as a slow consumer.</summary>
    public int SocketSendQueue { get; set; } = 4096;

    /// <summary>Bytes a WebSocket connection may have queued for sending before it is closed as a slow consumer.</summary>
    public long SocketSendQueueBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>The largest WebSocket message accepted from a client, in bytes.</summary>
    public int SocketMaxMessageBytes { get; set; } = 1024 * 1024;

    /// <summary>How long user-feed messages stay available for replay, in minutes (then replay answers cache_expired).</summary>
    public int FeedRetentionMinutes { get; set; } = 24 * 60;

    /// <summary>At most this many of a user's newest feed messages are kept for replay, however recent.</summary>
    public int FeedMaxMessagesPerUser { get; set; } = 10_000;

    /// <summary>An HTTP connection with no request for this long is closed (Kestrel's keep-alive timeout).</summary>
    public int IdleConnectionSeconds { get; set; } = 120;

    /// <summary>A request whose headers take longer than this to arrive is answered 408 and its connection closed (slow clients).</summary>
    public int RequestHeadersTimeoutSeconds { get; set; } = 30;

    /// <summary>Seconds between the pings the server sends on every WebSocket.</summary>
    public int SocketKeepAliveSeconds { get; set; } = 10;

    /// <summary>A WebSocket whose peer does not answer a ping within this many seconds is dropped (a dead or stalled client).</summary>
    public int SocketPongTimeoutSeconds { get; set; } = 30;

    /// <summary>Requests that may wait for the sequencer at once (all accounts together); beyond it 503 with <c>Retry-After</c>. 0: no bound.</summary>
    public int MaxQueuedRequests { get; set; } = 50_000;

    /// <summary>The largest request body accepted, in bytes.</summary>
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>The engine's rule parameters derived from these options.</summary>
    public ExchangeOptions ToExchangeOptions()
    {
        var defaults = new ExchangeOptions();
        var delays = new Dictionary<string, long>(defaults.LiveDelayMilliseconds, StringComparer.OrdinalIgnoreCase);
        long defaultDelay = defaults.DefaultLiveDelayMilliseconds;
        foreach ((string league, decimal seconds) in LiveDelay)
        {
            if (seconds < 0)
            {
                throw new InvalidOperationException($"OpenLine:LiveDelay:{league} must not be negative.");
            }
            long ms = (long)decimal.Round(seconds * 1000, 0, MidpointRounding.AwayFromZero);
            if (string.Equals(league, "Default", StringComparison.OrdinalIgnoreCase))
            {
                defaultDelay = ms;
            }
            else
            {
                delays[league] = ms;
            }
        }
        if (!Money.TryFromDecimal(MinimumOffer, out Money minimum) || minimum < Money.OneCent)
        {
            throw new InvalidOperationException(
                $"OpenLine:MinimumOffer must be at least 0.01 with at most six decimals (was {MinimumOffer.ToString(CultureInfo.InvariantCulture)}).");
        }
        foreach (string proxy in TrustedProxies)
        {
            if (!System.Net.IPAddress.TryParse(proxy, out _))
            {
                throw new InvalidOperationException($"OpenLine:TrustedProxies holds '{proxy}', which is not an IP address.");
            }
        }
        if (MaxOpenOrdersPerAccount < 0)
        {
            throw new InvalidOperationException($"OpenLine:MaxOpenOrdersPerAccount must be 0 (no cap) or more (was {MaxOpenOrdersPerAccount}).");
        }
        return defaults with
        {
            MaxOpenOrdersPerAccount = MaxOpenOrdersPerAccount,
            MinimumOffer = minimum,
            LiveDelayMilliseconds = delays,
            DefaultLiveDelayMilliseconds = defaultDelay,
        };
    }
}
