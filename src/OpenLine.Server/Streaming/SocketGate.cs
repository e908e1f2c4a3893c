using System.Net.WebSockets;
using OpenLine.Server.Api;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Streaming;

/// <summary>
/// The checks every WebSocket endpoint makes before accepting an upgrade: it is one, its Origin is
/// allowed (when <c>OpenLine:AllowedOrigins</c> lists any — browsers send Origin, bots usually
/// don't), and the <c>Authorization</c> header carries a valid token (API §6.1).
/// </summary>
public static class SocketGate
{
    /// <summary>The accepted socket and its user, or nulls after an error response was written.</summary>
    public static async Task<(WebSocket? Socket, Caller? Caller)> AcceptAsync(HttpContext context, ApiContext api)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ApiResults.WriteErrorAsync(context, StatusCodes.Status400BadRequest, "This endpoint takes a WebSocket upgrade.").ConfigureAwait(false);
            return (null, null);
        }
        string? origin = context.Request.Headers.Origin;
        if (api.Options.AllowedOrigins.Length > 0 && origin is not null
            && !api.Options.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            await ApiResults.WriteErrorAsync(context, StatusCodes.Status403Forbidden, $"Origin {origin} is not allowed.").ConfigureAwait(false);
            return (null, null);
        }
        Caller? caller = api.Authenticator.AuthenticateUser(context, null);
        if (caller is null)
        {
            await ApiResults.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "InvalidCredentials").ConfigureAwait(false);
            return (null, null);
        }
        return (await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false), caller);
    }
}
