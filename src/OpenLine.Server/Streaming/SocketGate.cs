using System.Net.WebSockets;
using OpenLine.Server.Api;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Streaming;

/// <summary>
/// The checks every WebSocket endpoint makes before accepting an upgrade: it is one, its Origin is
/// allowed (when <c>OpenLine:AllowedOrigins</c> lists any — browsers send Origin, bots usually
/// don't), an upgrade authenticated by the <c>auth</c> cookie comes from this server's own pages,
/// the <c>Authorization</c> header (or that cookie) carries a valid token (API §6.1), and the account
/// has a connection slot left (<c>OpenLine:MaxSocketsPerAccount</c>, else 429).
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
        // Browsers send the auth cookie with an upgrade from any page of the same site (another port
        // on localhost, say) and no CORS applies to WebSockets: an upgrade that authenticates with the
        // cookie must come from this server's own pages (the web page at /) or a listed origin.
        if (origin is not null && string.IsNullOrEmpty(context.Request.Headers.Authorization)
            && context.Request.Cookies.ContainsKey(Authenticator.CookieName)
            && !IsOwnOrigin(origin, context.Request)
            && !api.Options.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
        {
            await ApiResults.WriteErrorAsync(context, StatusCodes.Status403Forbidden,
                $"Origin {origin} may not use the auth cookie: only this server's own pages may (bots send Authorization).").ConfigureAwait(false);
            return (null, null);
        }
        Caller? caller = api.Authenticator.AuthenticateUser(context, null);
        if (caller is null)
        {
            await ApiResults.WriteErrorAsync(context, StatusCodes.Status401Unauthorized, "InvalidCredentials").ConfigureAwait(false);
            return (null, null);
        }
        if (api.Limits.TryOpenSocket(caller.AccountId) is not { } slot)
        {
            await ApiResults.WriteErrorAsync(context, StatusCodes.Status429TooManyRequests,
                $"Too many WebSocket connections: at most {api.Options.MaxSocketsPerAccount} per account.").ConfigureAwait(false);
            return (null, null);
        }
        context.Response.RegisterForDispose(slot); // the slot frees when the connection's request ends
        return (await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false), caller);
    }

    /// <summary>The close reason of a socket whose login ended (logout, or the token's expiry).</summary>
    public const string CredentialsEndedReason = "InvalidCredentials: the login token was revoked or has expired; log in again";

    /// <summary>
    /// Closes the connection (1008) once the token it was opened with is revoked or expires, checked
    /// every second: a logout ends the user's sockets too, not only their REST calls. Dispose the
    /// result when the connection ends.
    /// </summary>
    public static IDisposable WatchCredentials(ApiContext api, Caller caller, SocketConnection connection) =>
        api.Time.CreateTimer(_ =>
        {
            if (!api.Authenticator.IsStillValid(caller))
            {
                connection.Close(WebSocketCloseStatus.PolicyViolation, CredentialsEndedReason);
            }
        }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

    /// <summary>True when Origin names the host the request was sent to (scheme aside: a TLS proxy may sit in front).</summary>
    private static bool IsOwnOrigin(string origin, HttpRequest request) =>
        Uri.TryCreate(origin, UriKind.Absolute, out Uri? uri)
        && string.Equals(uri.IsDefaultPort ? uri.Host : uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
