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
    TimeProvider time)
{
    public Sequencer Sequencer { get; } = sequencer;
    public Authenticator Authenticator { get; } = authenticator;
    public OpenLineOptions Options { get; } = options.Value;
    public TimeProvider Time { get; } = time;
    public PasswordHasher<string> Passwords { get; } = new();

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>
    /// Runs a user endpoint: reads the arguments, authenticates the caller (401 otherwise), renews a
    /// token in its last days (rules §8), then calls <paramref name="handler"/>.
    /// </summary>
    public async Task<IResult> ForUserAsync(HttpContext context, Func<RequestArgs, Caller, Task<IResult>> handler)
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
            if (caller.ExpiresAt - NowMs < (long)Tokens.RenewWithin.TotalMilliseconds)
            {
                await IssueTokenAsync(context, caller.AccountId).ConfigureAwait(false);
            }
            return await handler(args, caller).ConfigureAwait(false);
        }
    }

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

    /// <summary>Issues a fresh token for the account, records it in the engine, and sends it as header and cookie.</summary>
    public async Task<string> IssueTokenAsync(HttpContext context, ObjectId accountId)
    {
        string token = Tokens.NewToken();
        long expiresAt = NowMs + (long)Tokens.Lifetime.TotalMilliseconds;
        await Sequencer.ExecuteAsync(new IssueToken(accountId, Tokens.Hash(token), expiresAt), static (_, r) => r).ConfigureAwait(false);
        context.Response.Headers["X-Auth-Token"] = token;
        context.Response.Cookies.Append(Authenticator.CookieName, Authenticator.ProtectCookie(token), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Lax,
            Path = "/",
            MaxAge = Tokens.Lifetime,
        });
        return token;
    }

    /// <summary>The response for a command the engine refused as a whole.</summary>
    public static IResult Rejection(Rejected rejected) => ApiResults.Error(RejectReasons.HttpStatus(rejected.Reason), rejected.Message);
}
