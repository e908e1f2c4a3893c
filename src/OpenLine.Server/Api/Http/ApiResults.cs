using System.Text.Json;

namespace OpenLine.Server.Api.Http;

/// <summary>
/// The API's response shapes (API §1): success is <c>{"data": …}</c>, failure <c>{"error": "…"}</c>.
/// Every JSON response goes through here, with the one set of serializer options.
/// </summary>
public static class ApiResults
{
    public static IResult Data<T>(T data) => TypedResults.Json(new DataEnvelope<T>(data), WireJson.Options);

    /// <summary>A top-level body without the <c>data</c> envelope (the API's few exceptions).</summary>
    public static IResult Raw<T>(T body, int status = StatusCodes.Status200OK) => TypedResults.Json(body, WireJson.Options, statusCode: status);

    public static IResult Error(int status, string message) => TypedResults.Json(new ErrorBody(message), WireJson.Options, statusCode: status);

    public static IResult BadRequest(string message) => Error(StatusCodes.Status400BadRequest, message);

    public static IResult NotFound(string message) => Error(StatusCodes.Status404NotFound, message);

    public static IResult Conflict(string message) => Error(StatusCodes.Status409Conflict, message);

    public static IResult Forbidden(string message) => Error(StatusCodes.Status403Forbidden, message);

    /// <summary>The body of every 429 (API §8.12).</summary>
    public const string TooManyRequestsMessage = "Too many requests. Please try again later.";

    /// <summary><c>Retry-After</c> in whole seconds, rounded up, at least 1.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) =>
        Math.Max(1, (long)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>429 with <c>Retry-After</c> (API §8.12), for limits an endpoint checks itself (per user).</summary>
    public static IResult TooManyRequests(HttpContext context, TimeSpan retryAfter)
    {
        context.Response.Headers.RetryAfter = RetryAfterSeconds(retryAfter);
        return Error(StatusCodes.Status429TooManyRequests, TooManyRequestsMessage);
    }

    /// <summary>401 with the body the API documents for a missing or bad token.</summary>
    public static readonly IResult InvalidCredentials = Error(StatusCodes.Status401Unauthorized, "InvalidCredentials");

    /// <summary>Writes an error from middleware (no endpoint result pipeline available).</summary>
    public static Task WriteErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        return JsonSerializer.SerializeAsync(context.Response.Body, new ErrorBody(message), WireJson.Options, context.RequestAborted);
    }

    public sealed record DataEnvelope<T>(T Data);

    public sealed record ErrorBody(string Error);
}
