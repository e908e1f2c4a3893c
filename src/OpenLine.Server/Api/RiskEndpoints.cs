using System.Text.Json;
using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Api;

/// <summary>The REST dead-man switch and per-game liability (API §3.3, §8.8, §8.10).</summary>
public static class RiskEndpoints
{
    /// <summary>The shortest REST heartbeat timeout: more than 5 seconds.</summary>
    public const int MinTimeoutSeconds = 6;

    public static IEndpointRouteBuilder MapRisk(this IEndpointRouteBuilder app)
    {
        app.MapPost("/user/ordersHeartbeat", (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => HeartbeatAsync(api, args, caller)))
            .Body<HeartbeatRequest>().Documented<HeartbeatAckDto>("Account", "Dead-man switch: without another heartbeat within timeout seconds, every open order is cancelled");
        app.MapMethods("/user/getGameLiability", ["GET", "POST"], (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => GameLiabilityAsync(api, args, caller)))
            .Documented<GameLiabilityDto>("Account", "Worst-case loss on one game (hedges netted) plus resting stakes there", 400, 401, 404);
        return app;
    }

    private static async Task<IResult> HeartbeatAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        if (!args.TryGetBody("timeout", out JsonElement timeout) || timeout.ValueKind != JsonValueKind.Number
            || !timeout.TryGetDecimal(out decimal seconds) || seconds != decimal.Truncate(seconds)
            || seconds < MinTimeoutSeconds || seconds > 86_400)
        {
            return ApiResults.BadRequest($"timeout is required: a whole number of seconds greater than 5 (at most 86400).");
        }
        CommandResult result = await api.Sequencer.ExecuteAsync(new Heartbeat(caller.AccountId, (long)seconds * 1000), static (_, r) => r).ConfigureAwait(false);
        return result is HeartbeatResult beat
            ? ApiResults.Data(new HeartbeatAckDto("heartbeatAck",
                api.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture),
                beat.TimeoutMilliseconds / 1000))
            : ApiContext.Rejection((Rejected)result);
    }

    private static async Task<IResult> GameLiabilityAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        string? text = args.GetString("gameID");
        if (text is null || !ObjectId.TryParse(text, out ObjectId gameId))
        {
            return ApiResults.BadRequest(text is null ? "gameID is required." : "game not found: invalid gameID");
        }
        decimal? liability = await api.Sequencer.QueryAsync(engine => engine.Games.TryGetValue(gameId, out Game? game)
            ? Wire.Amount(engine.Accounts[caller.AccountId].GameLiability(game))
            : (decimal?)null).ConfigureAwait(false);
        return liability is { } value ? ApiResults.Data(new GameLiabilityDto(value)) : ApiResults.NotFound("game not found");
    }
}
