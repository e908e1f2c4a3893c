using Microsoft.AspNetCore.Identity;
using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Api;

/// <summary>Login, logout and the caller's own account (API §2, §3.3).</summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUsers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/user/login", LoginAsync)
            .Body<LoginRequest>().Documented<UserEnvelope>("Account", "Log in: the user with its token (auth), also set as the signed auth cookie");
        app.MapPost("/user/logout", (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (_, caller) => LogoutAsync(context, api, caller), renew: false))
            .Documented<SuccessDto>("Account", "Invalidate the token used");
        app.MapMethods("/user/getMe", ["GET", "POST"], (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (_, caller) => GetMeAsync(api, caller)))
            .Documented<UserEnvelope>("Account", "The caller's account: balance, credit limit, liability, commission");
        return app;
    }

    /// <summary>The 429 of a throttled login (API §2.1: throttled per IP and per account).</summary>
    public const string LoginThrottledMessage = "Too many failed logins. Please try again later.";

    private static async Task<IResult> LoginAsync(HttpContext context, ApiContext api)
    {
        (RequestArgs? args, IResult? error) = await RequestArgs.ReadAsync(context).ConfigureAwait(false);
        if (args is null)
        {
            return error!;
        }
        using (args)
        {
            string? username = args.GetString("username");
            string? password = args.GetString("password");
            if (string.IsNullOrEmpty(username) || string.IsNullOrEmpty(password))
            {
                return ApiResults.BadRequest("username and password are required.");
            }
            System.Net.IPAddress? client = context.Connection.RemoteIpAddress;
            if (api.Limits.IsLoginThrottled(username, client, out TimeSpan retryAfter))
            {
                context.Response.Headers.RetryAfter = ApiResults.RetryAfterSeconds(retryAfter);
                return ApiResults.Error(StatusCodes.Status429TooManyRequests, LoginThrottledMessage);
            }
            if (username.Length > Exchange.MaxUsernameLength || password.Length > 1024)
            {
                api.Limits.LoginFailed(username, client);
                return ApiResults.InvalidCredentials;
            }
            (ObjectId Id, string Hash)? account = await api.Sequencer.QueryAsync(engine =>
                engine.FindAccount(username) is { } a ? (a.Id, a.PasswordHash) : ((ObjectId, string)?)null).ConfigureAwait(false);

            // Verify off the engine thread: hashing is deliberately slow.
            if (account is not { } found
                || api.Passwords.VerifyHashedPassword(username, found.Hash, password) == PasswordVerificationResult.Failed)
            {
                api.Limits.LoginFailed(username, client);
                return ApiResults.InvalidCredentials;
            }
            api.Limits.LoginSucceeded(username);
            string token = await api.IssueTokenAsync(context, found.Id).ConfigureAwait(false);
            UserDto user = await api.Sequencer.QueryAsync(engine => Views.AuthenticatedUser(engine.Accounts[found.Id], token)).ConfigureAwait(false);
            return ApiResults.Data(new UserEnvelope(user));
        }
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, ApiContext api, Caller caller)
    {
        await api.Sequencer.ExecuteAsync(new RevokeToken(caller.TokenHash), static (_, r) => r).ConfigureAwait(false);
        context.Response.Headers.Remove("X-Auth-Token");
        context.Response.Cookies.Delete(Authenticator.CookieName);
        return ApiResults.Data(new SuccessDto(true));
    }

    private static async Task<IResult> GetMeAsync(ApiContext api, Caller caller)
    {
        UserDto user = await api.Sequencer.QueryAsync(engine => Views.User(engine.Accounts[caller.AccountId])).ConfigureAwait(false);
        return ApiResults.Data(new UserEnvelope(user));
    }
}
