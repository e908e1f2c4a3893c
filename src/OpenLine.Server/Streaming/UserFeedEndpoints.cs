using System.Net.WebSockets;
using System.Text.Json;
using OpenLine.Server.Api;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Streaming;

/// <summary>A replay answer: <c>messages</c> when complete, <c>availableMessages</c> when <c>afterID</c> aged out.</summary>
public sealed record FeedReplayDto(string Status, IReadOnlyList<FeedMessage>? Messages, IReadOnlyList<FeedMessage>? AvailableMessages);

/// <summary>The user feed socket <c>/v2/user</c> and its replay <c>GET /v2/user/messages</c> (API §6.2, §6.3).</summary>
public static class UserFeedEndpoints
{
    public static IEndpointRouteBuilder MapUserFeed(this IEndpointRouteBuilder app)
    {
        app.Map("/v2/user", SocketAsync).ExcludeFromDescription();
        app.MapGet("/v2/user/messages", ReplayAsync)
            .DocumentedRaw<FeedReplayDto>("Streaming", "Replay of the caller's user-feed messages after afterID (and before beforeID)", 400, 401);
        return app;
    }

    private static async Task SocketAsync(HttpContext context, ApiContext api, UserFeed feed, ILoggerFactory loggers)
    {
        (WebSocket? accepted, Caller? caller) = await SocketGate.AcceptAsync(context, api).ConfigureAwait(false);
        if (accepted is null || caller is null)
        {
            return;
        }
        using WebSocket socket = accepted;
        var connection = new SocketConnection(socket, api.Options.SocketSendQueue, api.Options.SocketMaxMessageBytes, loggers.CreateLogger("OpenLine.UserFeed"), api.Options.SocketSendQueueBytes);
        feed.Subscribe(caller.AccountId, connection);
        using IDisposable credentials = SocketGate.WatchCredentials(api, caller, connection);
        try
        {
            // The feed speaks only; anything the client sends is ignored.
            await connection.RunAsync(_ => Task.CompletedTask, context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            feed.Unsubscribe(caller.AccountId, connection);
        }
    }

    /// <summary>
    /// Messages after <c>afterID</c> (exclusive) and before <c>beforeID</c> (exclusive, optional):
    /// <c>{"status":"success","messages":[…]}</c>, or <c>{"status":"cache_expired","availableMessages":[…]}</c>
    /// when <c>afterID</c> is older than the retention window. Auth: Authorization, Auth, or a token query parameter.
    /// </summary>
    private static async Task ReplayAsync(HttpContext context, ApiContext api, UserFeed feed)
    {
        string? token = context.Request.Headers.Authorization.FirstOrDefault() ?? context.Request.Headers["Auth"].FirstOrDefault()
            ?? context.Request.Query["token"].FirstOrDefault();
        if (api.Authenticator.AuthenticateToken(token) is not { } caller)
        {
            await ApiResults.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "InvalidCredentials").ConfigureAwait(false);
            return;
        }
        if (!UserFeed.MessageId.TryParse(context.Request.Query["afterID"], out UserFeed.MessageId after))
        {
            await ApiResults.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "afterID is required: a messageID such as 1715361234567-0").ConfigureAwait(false);
            return;
        }
        UserFeed.MessageId? before = null;
        if (context.Request.Query["beforeID"].FirstOrDefault() is { } beforeText)
        {
            if (!UserFeed.MessageId.TryParse(beforeText, out UserFeed.MessageId parsed))
            {
                await ApiResults.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "beforeID must be a messageID").ConfigureAwait(false);
                return;
            }
            before = parsed;
        }
        (bool complete, List<byte[]> messages) = feed.Replay(caller.AccountId, after, before);
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.Body);
        writer.WriteStartObject();
        writer.WriteString("status", complete ? "success" : "cache_expired");
        writer.WriteStartArray(complete ? "messages" : "availableMessages");
        foreach (byte[] message in messages)
        {
            writer.WriteRawValue(message, skipInputValidation: true);
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
