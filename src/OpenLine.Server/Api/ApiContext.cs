using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenLine.Core;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;
using OpenLine.Server.Configuration;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server.Api;

/// <summary>What every endpoint needs, injected once: the sequencer, authentication, options and the clock.</summary>
public sealed class ApiContext(
    Sequencer sequencer,
    Authenticator authenticator,
    IOptions<OpenLineOptions> options,
    TimeProvider time,
    AbuseLimits limits)
{
    /// <summary>Per-account trading, login and socket limits.</summary>
    public AbuseLimits Limits { get; } = limits;

    public Sequencer Sequencer { get; } = sequencer;
    public Authenticator Authenticator { get; } = authenticator;
    public OpenLineOptions Options { get; } = options.Value;
    public TimeProvider Time { get; } = time;
    public PasswordHasher<string> Passwords { get; } = new();

    // Old token hash → the token that replaced it, so a client that keeps sending the old token in
    // its last days gets the same replacement back instead of a new token per request.
    private readonly ConcurrentDictionary<string, (string Token, long OldExpiresAt)> _renewals = new(StringComparer.Ordinal);

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Runs a user endpoint: reads the arguments, authenticates the caller (401 otherwise), renews a
    /// token in its last days (rules §8), then calls <paramref name="handler"/>.
    /// </summary>
    /// <param name="renew">False for logout: ending a login must not mint its replacement.</param>
    public async Task<IResult> ForUserAsync(HttpContext context, Func<RequestArgs, Caller, Task<IResult>> handler, bool renew = true)
    {
        (RequestArgs? args, IResult? error) = await RequestArgs.ReadAsync(context).ConfigureAwait(false);
        if (args is null)
        {
            return error!;
        }
        using (args)
        {
            Caller? caller = Authenticator.AuthenticateUser(context, args.Body);
            if (caller is null)
            {
                return ApiResults.InvalidCredentials;
            }
            if (renew && caller.ExpiresAt - NowMs < (long)Tokens.RenewWithin.TotalMilliseconds)
            {
                await RenewAsync(context, caller).ConfigureAwait(false);
            }
            return await handler(args, caller).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs a trading endpoint (place, edit, cancel, pause, resume): as <see cref="ForUserAsync"/>, and
    /// counted against the account's trading-request limit (429 with <c>Retry-After</c> beyond it).
    /// </summary>
    public Task<IResult> ForTradingAsync(HttpContext context, Func<RequestArgs, Caller, Task<IResult>> handler) =>
        ForUserAsync(context, (args, caller) => Limits.TryTradingRequest(caller, out TimeSpan retryAfter)
            ? handler(args, caller)
            : Task.FromResult(ApiResults.TooManyRequests(context, retryAfter)));

    /// <summary>Runs an operator endpoint: the admin token only (user tokens get 403).</summary>
    public async Task<IResult> ForAdminAsync(HttpContext context, Func<RequestArgs, Task<IResult>> handler)
    {
        (RequestArgs? args, IResult? error) = await RequestArgs.ReadAsync(context).ConfigureAwait(false);
        if (args is null)
        {
            return error!;
        }
        using (args)
        {
            if (!Authenticator.IsAdmin(context, args.Body))
            {
                return Authenticator.IsUserToken(context, args.Body)
                    ? ApiResults.Forbidden("The operator API needs the admin token; user tokens are refused.")
                    : ApiResults.InvalidCredentials;
            }
            return await handler(args).ConfigureAwait(false);
        }
    }

    /// <summary>Hands out the replacement of a token in its last days (rules §8), once per old token.</summary>
    private async Task RenewAsync(HttpContext context, Caller caller)
    {
        if (_renewals.TryGetValue(caller.TokenHash, out (string Token, long OldExpiresAt) renewal))
        {
            SendToken(context, renewal.Token);
            return;
        }
        string token = await IssueTokenAsync(context, caller.AccountId).ConfigureAwait(false);
        _renewals[caller.TokenHash] = (token, caller.ExpiresAt);
        long now = NowMs;
        foreach (KeyValuePair<string, (string Token, long OldExpiresAt)> entry in _renewals)
        {
            if (entry.Value.OldExpiresAt <= now)
            {
                _renewals.TryRemove(entry.Key, out _);
            }
        }
    }

    /// <summary>Issues a fresh token for the account, records it in the engine, and sends it as header and cookie.</summary>
    public async Task<string> IssueTokenAsync(HttpContext context, ObjectId accountId)
    {
        string token = Tokens.NewToken();
        long expiresAt = NowMs + (long)Tokens.Lifetime.TotalMilliseconds;
        await Sequencer.ExecuteAsync(new IssueToken(accountId, Tokens.Hash(token), expiresAt), static (_, r) => r).ConfigureAwait(false);
        SendToken(context, token);
        return token;
    }

    private void SendToken(HttpContext context, string token)
    {
        context.Response.Headers["X-Auth-Token"] = token;
        context.Response.Cookies.Append(Authenticator.CookieName, Authenticator.ProtectCookie(token), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = Tokens.Lifetime,
        });
    }

    /// <summary>
    /// The optional <c>Idempotency-Key</c> header (an OpenLine extension): 1–200 printable ASCII
    /// characters. A retry with the same key from the same user returns the first result.
    /// </summary>
    public static bool TryGetIdempotencyKey(HttpContext context, out string? key, out IResult? error)
    {
        key = context.Request.Headers["Idempotency-Key"];
        error = null;
        if (key is null)
        {
            return true;
        }
        if (key.Length is 0 or > Exchange.MaxIdempotencyKeyLength || key.Any(c => c is < (char)0x21 or > (char)0x7E))
        {
            error = ApiResults.BadRequest($"Idempotency-Key must be 1 to {Exchange.MaxIdempotencyKeyLength} printable ASCII characters.");
            return false;
        }
        return true;
    }

    /// <summary>The response for a command the engine refused as a whole.</summary>
    public static IResult Rejection(Rejected rejected) => ApiResults.Error(RejectReasons.HttpStatus(rejected.Reason), rejected.Message);
}
