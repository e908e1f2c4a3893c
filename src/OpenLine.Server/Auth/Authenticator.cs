using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using OpenLine.Core;
using OpenLine.Server.Configuration;

namespace OpenLine.Server.Auth;

/// <summary>
/// Resolves the caller of a request (rules §8). The token is taken from the first place that has
/// one — the <c>Authorization</c> header (raw or <c>Bearer </c>), then the signed <c>auth</c>
/// cookie, then <c>token</c> in the JSON body — and a bad one is refused with no fall-through.
/// The admin token is valid only on <c>/admin/*</c>, user tokens only elsewhere.
/// </summary>
public sealed class Authenticator
{
    public const string CookieName = "auth";

    private readonly TokenTable _tokens;
    private readonly TimeProvider _time;
    private readonly IDataProtector _cookieProtector;
    private readonly byte[] _adminTokenHash;

    public Authenticator(TokenTable tokens, TimeProvider time, IDataProtectionProvider dataProtection, IOptions<OpenLineOptions> options)
    {
        _tokens = tokens;
        _time = time;
        _cookieProtector = dataProtection.CreateProtector("OpenLine.AuthCookie.v1");
        _adminTokenHash = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.AdminToken
            ?? throw new InvalidOperationException("OpenLine:AdminToken must be set before the authenticator is built.")));
    }

    /// <summary>The token a request presents; null when it presents none.</summary>
    public string? FindToken(HttpContext context, JsonElement? body) => FindToken(context, body, out _);

    /// <summary>The token a request presents, and whether it came in the <c>auth</c> cookie (the web page's login); null when it presents none.</summary>
    public string? FindToken(HttpContext context, JsonElement? body, out bool fromCookie)
    {
        fromCookie = false;
        string? header = context.Request.Headers.Authorization;
        if (!string.IsNullOrEmpty(header))
        {
            header = header.Trim();
            return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : header;
        }
        if (context.Request.Cookies.TryGetValue(CookieName, out string? cookie) && !string.IsNullOrEmpty(cookie))
        {
            fromCookie = true;
            try
            {
                return _cookieProtector.Unprotect(cookie);
            }
            catch (CryptographicException)
            {
                return ""; // present but forged or from another key ring: refused, no fall-through
            }
        }
        if (body is { ValueKind: JsonValueKind.Object } json && json.TryGetProperty("token", out JsonElement token))
        {
            return token.ValueKind == JsonValueKind.String && Api.Http.JsonText.TryGetString(token, out string? text) ? text ?? "" : "";
        }
        return null;
    }

    /// <summary>The user behind a request on a user endpoint, or null (→ 401).</summary>
    public Caller? AuthenticateUser(HttpContext context, JsonElement? body)
    {
        string? token = FindToken(context, body, out bool fromCookie);
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return null;
        }
        string hash = Tokens.Hash(token);
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        return _tokens.TryGet(hash, out TokenTable.Grant grant) && grant.ExpiresAt > now
            ? new Caller(grant.AccountId, hash, grant.ExpiresAt, IsAdmin: false) { Platform = fromCookie ? Platform.Web : Platform.Api }
            : null;
    }

    /// <summary>The user a raw token belongs to, or null.</summary>
    public Caller? AuthenticateToken(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 256)
        {
            return null;
        }
        token = token.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? token[7..].Trim() : token.Trim();
        string hash = Tokens.Hash(token);
        return _tokens.TryGet(hash, out TokenTable.Grant grant) && grant.ExpiresAt > _time.GetUtcNow().ToUnixTimeMilliseconds()
            ? new Caller(grant.AccountId, hash, grant.ExpiresAt, IsAdmin: false)
            : null;
    }

    /// <summary>True when the request presents the admin token.</summary>
    /// <summary>True while the caller's token is still recorded and unexpired (a logout or expiry ends it).</summary>
    public bool IsStillValid(Caller caller) =>
        caller.IsAdmin
        || (_tokens.TryGet(caller.TokenHash, out TokenTable.Grant grant) && grant.ExpiresAt > _time.GetUtcNow().ToUnixTimeMilliseconds());

    public bool IsAdmin(HttpContext context, JsonElement? body)
    {
        string? token = FindToken(context, body);
        if (string.IsNullOrEmpty(token))
        {
            return false;
        }
        byte[] hash = SHA256.HashData(Encoding.UTF8.GetBytes(token));
        return CryptographicOperations.FixedTimeEquals(hash, _adminTokenHash);
    }

    /// <summary>True when the request presents a valid user token (used to refuse it on the operator API).</summary>
    public bool IsUserToken(HttpContext context, JsonElement? body) => AuthenticateUser(context, body) is not null;

    public string ProtectCookie(string token) => _cookieProtector.Protect(token);
}
