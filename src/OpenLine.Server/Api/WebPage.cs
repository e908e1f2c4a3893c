using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace OpenLine.Server.Api;

/// <summary>
/// The web trading page: the static files of <c>wwwroot/</c> (plain HTML, CSS and ES modules, no build
/// step), embedded in this assembly so that <c>dotnet run</c>, the tests and a published server all
/// serve the same bytes whatever their working directory. <c>/</c> is <c>index.html</c>. The page uses
/// only the public API (REST, <c>/price-stream</c>, <c>/v2/user</c>, and <c>/admin/*</c> with the
/// operator's token), so it adds no endpoint of its own.
/// </summary>
public static class WebPage
{
    private const string EmbeddedRoot = "OpenLine.Server.wwwroot";

    /// <summary>
    /// Headers every response gets; harmless to JSON and WebSocket clients: no MIME sniffing, no
    /// framing by other sites, no referrer sent to other sites.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        HttpResponse response = context.Response;
        response.OnStarting(() =>
        {
            IHeaderDictionary headers = response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            return Task.CompletedTask;
        });
        return next(context);
    });

    /// <summary>Serves the page's files; <c>/</c> answers <c>index.html</c>. Anything else falls through to the API.</summary>
    public static IApplicationBuilder UseWebPage(this IApplicationBuilder app)
    {
        var files = new EmbeddedFileProvider(typeof(WebPage).Assembly, EmbeddedRoot);
        app.Use((context, next) =>
        {
            if (context.Request.Path == "/" && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                context.Request.Path = "/index.html";
            }
            return next(context);
        });
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".svg"] = "image/svg+xml";
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = types,
            ServeUnknownFileTypes = false,
            OnPrepareResponse = file =>
            {
                IHeaderDictionary headers = file.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy(file.Context.Request);
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
                // Revalidate every time (ETag): a new server version is picked up at once, an unchanged one costs a 304.
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    /// <summary>
    /// No inline script or style, nothing from another origin; the feeds' WebSockets go to this host
    /// (named explicitly: older browsers do not let <c>'self'</c> cover ws: and wss:).
    /// </summary>
    private static string ContentSecurityPolicy(HttpRequest request)
    {
        string host = request.Host.HasValue ? request.Host.Value! : "localhost";
        return "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; "
            + $"connect-src 'self' ws://{host} wss://{host}; manifest-src 'self'; base-uri 'none'; form-action 'self'; "
            + "frame-ancestors 'none'; object-src 'none'";
    }
}
