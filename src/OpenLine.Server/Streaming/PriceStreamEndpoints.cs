using System.Net.WebSockets;
using System.Text.Json;
using OpenLine.Server.Api;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Streaming;

/// <summary>
/// The price feed socket <c>/price-stream</c> (API §6.4). Client frames are commands:
/// <c>{"type":"subscribe","gameIDs":[],"leagueIDs":[],"sportIDs":[],"replace":true}</c>,
/// <c>{"type":"unsubscribe",…}</c> and <c>{"type":"subscribeAll"}</c>; no acknowledgement is sent.
/// </summary>
public static class PriceStreamEndpoints
{
    public static IEndpointRouteBuilder MapPriceStream(this IEndpointRouteBuilder app)
    {
        app.Map("/price-stream", SocketAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task SocketAsync(HttpContext context, ApiContext api, PriceFeed feed, ILoggerFactory loggers)
    {
        (WebSocket? accepted, Caller? caller) = await SocketGate.AcceptAsync(context, api).ConfigureAwait(false);
        if (accepted is null || caller is null)
        {
            return;
        }
        using WebSocket socket = accepted;
        var connection = new SocketConnection(socket, api.Options.SocketSendQueue, api.Options.SocketMaxMessageBytes, loggers.CreateLogger("OpenLine.PriceStream"), api.Options.SocketSendQueueBytes);
        var subscriber = new PriceSubscriber();
        feed.Add(connection, subscriber);
        using IDisposable credentials = SocketGate.WatchCredentials(api, caller, connection);
        try
        {
            await connection.RunAsync(message => Command(subscriber, message), context.RequestAborted).ConfigureAwait(false);
        }
        finally
        {
            feed.Remove(connection);
        }
    }

    /// <summary>Applies one client command; anything malformed is ignored (the feed sends no acknowledgements).</summary>
    private static Task Command(PriceSubscriber subscriber, ReadOnlyMemory<byte> message)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 8 });
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("type", out JsonElement type) || type.ValueKind != JsonValueKind.String)
            {
                return Task.CompletedTask;
            }
            switch (type.GetString())
            {
                case "subscribe":
                    subscriber.Subscribe(Strings(root, "gameIDs"), Strings(root, "leagueIDs"), Strings(root, "sportIDs"),
                        replace: root.TryGetProperty("replace", out JsonElement replace) && replace.ValueKind == JsonValueKind.True);
                    break;
                case "unsubscribe":
                    subscriber.Unsubscribe(Strings(root, "gameIDs"), Strings(root, "leagueIDs"), Strings(root, "sportIDs"));
                    break;
                case "subscribeAll":
                    subscriber.SubscribeAll();
                    break;
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // not a command we understand: ignored
        }
        return Task.CompletedTask;
    }

    private static List<string> Strings(JsonElement root, string name) =>
        root.TryGetProperty(name, out JsonElement array) && array.ValueKind == JsonValueKind.Array
            ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
            : [];
}
