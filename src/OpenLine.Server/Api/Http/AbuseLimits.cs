using System.Collections.Concurrent;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using OpenLine.Core;
using OpenLine.Server.Auth;
using OpenLine.Server.Configuration;

namespace OpenLine.Server.Api.Http;

/// <summary>
/// The per-account and per-client limits against hostile or runaway bots (API §8.12), besides the
/// global per-IP request limit:
/// <list type="bullet">
/// <item><b>Trading requests</b> (place, edit, cancel, pause, resume; REST and <c>/orders/ws</c>) per
/// account: a token bucket of <c>OrderRequestBurst</c>, refilled at <c>OrderRequestsPerSecond</c>.
/// A batch of orders is one request.</item>
/// <item><b>Failed logins</b>, counted per username and per client IP in a window of
/// <c>LoginThrottleMinutes</c>: past <c>LoginFailuresPerAccount</c> (or <c>LoginFailuresPerIp</c>) every
/// login for that username (or from that IP) gets 429 until the window ends — even with the right
/// password, so guessing cannot go on. Counted for unknown usernames too, so the answer does not
/// tell which accounts exist. A successful login clears its username's count.</item>
/// <item><b>WebSocket connections</b> per account: at most <c>MaxSocketsPerAccount</c> open at once.</item>
/// </list>
/// Every limit set to 0 is off.
/// </summary>
public sealed class AbuseLimits : IDisposable
{
    private const int MaxTrackedLoginKeys = 100_000;

    private readonly OpenLineOptions _options;
    private readonly TimeProvider _time;
    private readonly PartitionedRateLimiter<ObjectId>? _orders;
    private readonly ConcurrentDictionary<string, LoginFailures> _loginFailures = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<ObjectId, int> _sockets = new();
    private readonly ConcurrentDictionary<string, bool> _tradingExemptTokens = new(StringComparer.Ordinal);

    public AbuseLimits(IOptions<OpenLineOptions> options, TimeProvider time)
    {
        _options = options.Value;
        _time = time;
        if (_options.OrderRequestsPerSecond > 0)
        {
            int perSecond = _options.OrderRequestsPerSecond;
            int burst = Math.Max(_options.OrderRequestBurst, perSecond);
            _orders = PartitionedRateLimiter.Create<ObjectId, ObjectId>(account => RateLimitPartition.GetTokenBucketLimiter(account, _ =>
                new TokenBucketRateLimiterOptions
                {
                    TokenLimit = burst,
                    TokensPerPeriod = perSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        }
    }

    /// <summary>
    /// Lifts the trading-request limit for requests made with one login (by the hash of its token) for the
    /// life of the process: the house's own demo market maker, which quotes every open game each cycle.
    /// The login, not the account: anyone else logging in as <c>maker</c> (its demo password is public) is
    /// limited like everyone. Not configurable for user accounts on purpose — an operator raises
    /// <c>OrderRequestsPerSecond</c> for everyone instead.
    /// </summary>
    public void ExemptFromTradingLimit(string tokenHash) => _tradingExemptTokens[tokenHash] = true;

    /// <summary>Counts one trading request of the caller's account; false, with how long to wait, when its bucket is empty.</summary>
    public bool TryTradingRequest(Caller caller, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (_orders is null || _tradingExemptTokens.ContainsKey(caller.TokenHash))
        {
            return true;
        }
        using RateLimitLease lease = _orders.AttemptAcquire(caller.AccountId);
        if (lease.IsAcquired)
        {
            return true;
        }
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? wait : TimeSpan.FromSeconds(1);
        return false;
    }

    /// <summary>True when logins for <paramref name="username"/> or from <paramref name="client"/> are throttled, with how long for.</summary>
    public bool IsLoginThrottled(string username, IPAddress? client, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        long now = NowMs;
        foreach ((string key, int limit) in LoginKeys(username, client))
        {
            if (limit > 0 && _loginFailures.TryGetValue(key, out LoginFailures? failures) && failures.Blocks(now, limit, WindowMs, out long wait))
            {
                retryAfter = TimeSpan.FromMilliseconds(Math.Max(retryAfter.TotalMilliseconds, wait));
            }
        }
        return retryAfter > TimeSpan.Zero;
    }

    public void LoginFailed(string username, IPAddress? client)
    {
        long now = NowMs;
        if (_loginFailures.Count > MaxTrackedLoginKeys)
        {
            Sweep(now);
        }
        foreach ((string key, int limit) in LoginKeys(username, client))
        {
            if (limit > 0)
            {
                _loginFailures.GetOrAdd(key, static _ => new LoginFailures()).Count(now, WindowMs);
            }
        }
    }

    public void LoginSucceeded(string username) => _loginFailures.TryRemove(UserKey(username), out _);

    /// <summary>Takes one of the account's WebSocket slots; null when all are in use. Dispose the result when the socket closes.</summary>
    public IDisposable? TryOpenSocket(ObjectId account)
    {
        int max = _options.MaxSocketsPerAccount;
        if (max <= 0)
        {
            return new SocketSlot(null, account);
        }
        while (true)
        {
            int open = _sockets.GetOrAdd(account, 0);
            if (open >= max)
            {
                return null;
            }
            if (_sockets.TryUpdate(account, open + 1, open))
            {
                return new SocketSlot(this, account);
            }
        }
    }

    private void ReleaseSocket(ObjectId account)
    {
        while (_sockets.TryGetValue(account, out int open))
        {
            if (open <= 1 ? _sockets.TryRemove(new KeyValuePair<ObjectId, int>(account, open)) : _sockets.TryUpdate(account, open - 1, open))
            {
                return;
            }
        }
    }

    private long NowMs => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private long WindowMs => Math.Max(1, _options.LoginThrottleMinutes) * 60_000L;

    private static string UserKey(string username) => "user:" + username.Trim().ToUpperInvariant();

    private IEnumerable<(string Key, int Limit)> LoginKeys(string username, IPAddress? client)
    {
        yield return (UserKey(username), _options.LoginFailuresPerAccount);
        if (client is not null)
        {
            yield return ("ip:" + client, _options.LoginFailuresPerIp);
        }
    }

    private void Sweep(long now)
    {
        foreach (KeyValuePair<string, LoginFailures> entry in _loginFailures)
        {
            if (entry.Value.Expired(now, WindowMs))
            {
                _loginFailures.TryRemove(entry);
            }
        }
    }

    public void Dispose() => _orders?.Dispose();

    /// <summary>Failures in a fixed window that starts at the first failure after the previous window ended.</summary>
    private sealed class LoginFailures
    {
        private readonly Lock _gate = new();
        private long _windowStart;
        private int _count;

        public void Count(long now, long window)
        {
            lock (_gate)
            {
                if (now - _windowStart >= window)
                {
                    _windowStart = now;
                    _count = 0;
                }
                _count++;
            }
        }

        public bool Blocks(long now, int limit, long window, out long waitMs)
        {
            lock (_gate)
            {
                waitMs = _windowStart + window - now;
                return _count >= limit && waitMs > 0;
            }
        }

        public bool Expired(long now, long window)
        {
            lock (_gate)
            {
                return now - _windowStart >= window;
            }
        }
    }

    private sealed class SocketSlot(AbuseLimits? limits, ObjectId account) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limits?.ReleaseSocket(account);
            }
        }
    }
}
