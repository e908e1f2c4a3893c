namespace OpenLine.Server.Api.Http;

/// <summary>
/// OpenAPI metadata for the endpoints. Handlers return <see cref="IResult"/> (their status codes vary
/// by outcome), so each endpoint states its body and response types here for the generated document.
/// </summary>
public static class OpenApiDocs
{
    /// <summary>A read or command answering <c>{"data": TData}</c>; documents the error shape and the usual failures.</summary>
    public static RouteHandlerBuilder Documented<TData>(this RouteHandlerBuilder builder, string tag, string summary, params int[] errors) =>
        builder.Documented(tag, summary, typeof(ApiResults.DataEnvelope<TData>), errors);

    /// <summary>An endpoint whose 200 body has no <c>data</c> envelope (the API's few exceptions).</summary>
    public static RouteHandlerBuilder DocumentedRaw<TBody>(this RouteHandlerBuilder builder, string tag, string summary, params int[] errors) =>
        builder.Documented(tag, summary, typeof(TBody), errors);

    /// <summary>States the JSON request body an endpoint reads (besides query parameters on GET).</summary>
    public static RouteHandlerBuilder Body<TBody>(this RouteHandlerBuilder builder) where TBody : notnull =>
        builder.Accepts<TBody>("application/json");

    private static RouteHandlerBuilder Documented(this RouteHandlerBuilder builder, string tag, string summary, Type ok, int[] errors)
    {
        builder.WithTags(tag).WithSummary(summary).Produces(StatusCodes.Status200OK, ok, "application/json");
        foreach (int status in errors.Length == 0 ? [StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized] : errors)
        {
            builder.Produces(status, typeof(ApiResults.ErrorBody), "application/json");
        }
        return builder;
    }
}
