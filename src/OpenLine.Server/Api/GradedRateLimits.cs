using Microsoft.Extensions.Options;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Configuration;

namespace OpenLine.Server.Api;

/// <summary>
/// The graded-history endpoints' per-user limits (API §8.12), on top of the per-IP limit:
/// <c>getGraded</c> and its legacy alias <c>getGradedWagers</c> share 60 a minute; <c>getGradedSince</c>
/// has 10 per 5 seconds (room to drain a backlog while polling once a second). Configurable as
/// <c>OpenLine:GradedRateLimitPerMinute</c> and <c>OpenLine:GradedSinceRateLimitPer5Seconds</c>.
/// </summary>
public sealed class GradedRateLimits(IOptions<OpenLineOptions> options, TimeProvider time)
{
    public UserRateLimiter History { get; } = new(options.Value.GradedRateLimitPerMinute, TimeSpan.FromMinutes(1), time);

    public UserRateLimiter Since { get; } = new(options.Value.GradedSinceRateLimitPer5Seconds, TimeSpan.FromSeconds(5), time);
}
