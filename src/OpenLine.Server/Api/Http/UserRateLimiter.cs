using System.Collections.Concurrent;
using OpenLine.Core;

namespace OpenLine.Server.Api.Http;

/// <summary>
/// A per-user sliding-window limit: at most <paramref name="permits"/> requests in any
/// <paramref name="window"/>, counted on the server's clock. It keeps each user's recent request
/// times (at most <paramref name="permits"/> of them), so a refusal knows exactly when the oldest
/// one leaves the window and can say so in <c>Retry-After</c> (the framework's sliding-window limiter,
/// used for the per-IP limit, reports no retry time). <paramref name="permits"/> ≤ 0 turns it off.
/// </summary>
public sealed class UserRateLimiter(int permits, TimeSpan window, TimeProvider time)
{
    private readonly ConcurrentDictionary<ObjectId, Queue<long>> _requests = new();
    private readonly long _windowMs = (long)window.TotalMilliseconds;

    public int Permits { get; } = permits;

    public TimeSpan Window { get; } = window;

    /// <summary>Counts one request of <paramref name="user"/>; false, with the wait until one would be allowed, when the window is full.</summary>
    public bool TryAcquire(ObjectId user, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        if (Permits <= 0)
        {
            return true;
        }
        long now = time.GetUtcNow().ToUnixTimeMilliseconds();
        Queue<long> requests = _requests.GetOrAdd(user, static _ => new Queue<long>());
        lock (requests)
        {
            while (requests.Count > 0 && requests.Peek() <= now - _windowMs)
            {
                requests.Dequeue();
            }
            if (requests.Count < Permits)
            {
                requests.Enqueue(now);
                return true;
            }
            retryAfter = TimeSpan.FromMilliseconds(requests.Peek() + _windowMs - now);
            return false;
        }
    }
}
