using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenLine.Core;
using OpenLine.Server.Api;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;
using OpenLine.Server.Configuration;
using OpenLine.Server.Demo;
using OpenLine.Server.Sequencing;
using OpenLine.Server.Storage;
using OpenLine.Server.Streaming;
using Scalar.AspNetCore;

namespace OpenLine.Server;

/// <summary>Composition of the OpenLine host: services, middleware and endpoints. Nothing else lives here.</summary>
public static class OpenLineApp
{
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public static WebApplication Build(string[] args, Action<IServiceCollection>? configureServices = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        OpenLineOptions options = builder.Configuration.GetSection(OpenLineOptions.Section).Get<OpenLineOptions>() ?? new OpenLineOptions();
        bool generatedAdminToken = string.IsNullOrWhiteSpace(options.AdminToken);
        if (generatedAdminToken)
        {
            options.AdminToken = Tokens.NewToken();
        }
        options.DataDir = Path.GetFullPath(options.DataDir);
        Directory.CreateDirectory(options.DataDir);
        ExchangeOptions engineOptions = options.ToExchangeOptions(); // validates; fails fast on bad settings

        IServiceCollection services = builder.Services;
        services.AddSingleton(Options.Create(options));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IJournalStore>(_ => string.IsNullOrWhiteSpace(options.Postgres)
            ? new SqliteJournalStore(Path.Combine(options.DataDir, "openline.db"))
            : new PostgresJournalStore(options.Postgres));
        services.AddSingleton<TokenTable>();
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<TokenTable>());
        UserFeed NewUserFeed() => new(options.FeedRetentionMinutes * 60_000L, options.FeedMaxMessagesPerUser);
        services.AddSingleton(NewUserFeed());
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<UserFeed>());
        services.AddSingleton<PriceFeed>();
        services.AddSingleton<IEventSink>(sp => sp.GetRequiredService<PriceFeed>());
        services.AddSingleton(sp =>
        {
            IJournalStore journal = sp.GetRequiredService<IJournalStore>();
            var checkpointer = new Checkpointer(options.SnapshotEvery, journal.OpenForBackground,
                () => [NewUserFeed()], // the checkpointer's own copies of the snapshotted read models
                sp.GetRequiredService<ILogger<Checkpointer>>());
            return new Sequencer(journal, engineOptions, sp.GetRequiredService<TimeProvider>(), sp.GetServices<IEventSink>(),
                sp.GetRequiredService<ILogger<Sequencer>>(), checkpointer, options.MaxQueuedRequests);
        });
        services.AddSingleton<Authenticator>();
        services.AddSingleton<ApiContext>();
        services.AddSingleton<GradedRateLimits>();
        services.AddSingleton<AbuseLimits>();
        services.AddSingleton<DemoSeeder>();
        services.AddSingleton<Readiness>();
        services.AddHostedService<StartupService>();
        services.AddHostedService<MarketMakerBot>();
        services.AddDataProtection()
            .SetApplicationName("OpenLine")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(options.DataDir, "keys")));
        services.Configure<Microsoft.AspNetCore.Server.Kestrel.Core.KestrelServerOptions>(k =>
        {
            k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes;
            // Idle and slow clients (slowloris): a connection that sends no request for this long, or
            // takes this long over a request's headers, is closed.
            k.Limits.KeepAliveTimeout = TimeSpan.FromSeconds(options.IdleConnectionSeconds);
            k.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(options.RequestHeadersTimeoutSeconds);
        });
        services.Configure<RouteOptions>(r => r.LowercaseUrls = false);
        if (options.TrustedProxies.Length > 0)
        {
            // Behind a reverse proxy (TLS termination): believe X-Forwarded-For/-Proto from these
            // addresses only, so per-IP limits see the client and cookies are marked Secure.
            services.Configure<ForwardedHeadersOptions>(forwarded =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (string proxy in options.TrustedProxies)
                {
                    forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
                }
            });
        }
        AddRateLimiting(services, options);
        services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "OpenLine";
            document.Info.Version = "v1";
            document.Info.Description =
                "A peer-to-peer sports-betting exchange, wire-compatible with the 4casters API. Authenticate with "
                + "`Authorization: <token>` (raw or `Bearer`), the signed `auth` cookie, or `token` in a JSON body; the "
                + "operator API (/admin) takes the operator token. Read endpoints accept GET with a query string and POST "
                + "with a JSON body.";
            return Task.CompletedTask;
        }).AddSchemaTransformer((schema, context, _) =>
        {
            // A polymorphic DTO without type discriminators (GradedWagerDto) is written as its derived
            // shape alone, with no "$type" property for a discriminator to name.
            if (context.JsonTypeInfo.PolymorphismOptions is { } polymorphism && polymorphism.DerivedTypes.All(d => d.TypeDiscriminator is null))
            {
                schema.Discriminator = null;
            }
            return Task.CompletedTask;
        }));
        configureServices?.Invoke(services);

        WebApplication app = builder.Build();
        if (generatedAdminToken)
        {
            // Printed only when generated (rules §11); a configured token never reaches the logs.
            app.Logger.LogInformation("OpenLine operator token: {AdminToken} (generated; set OpenLine:AdminToken to keep one)", options.AdminToken);
        }

        if (options.TrustedProxies.Length > 0)
        {
            app.UseForwardedHeaders();
        }
        app.UseSecurityHeaders();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = WriteUnhandledAsync,
            // A client's bad input (or a request refused while the exchange is halted, which the
            // sequencer logs once) is answered, not an error of the server: logging each with a stack
            // trace would let any client flood the operator's logs.
            SuppressDiagnosticsCallback = failure => failure.Exception is BadInputException or BadHttpRequestException or ExchangeHaltedException or ExchangeBusyException,
        });
        app.UseStatusCodePages(async context =>
        {
            HttpResponse response = context.HttpContext.Response;
            if (response.ContentLength is null && string.IsNullOrEmpty(response.ContentType))
            {
                string message = response.StatusCode switch
                {
                    StatusCodes.Status404NotFound => $"Not found: {context.HttpContext.Request.Path}",
                    StatusCodes.Status405MethodNotAllowed => $"Method {context.HttpContext.Request.Method} is not allowed here",
                    _ => ReasonPhrase(response.StatusCode),
                };
                await ApiResults.WriteErrorAsync(context.HttpContext, response.StatusCode, message).ConfigureAwait(false);
            }
        });
        if (options.RateLimitPerMinute > 0)
        {
            app.UseRateLimiter();
        }
        app.UseWebPage(); // the web trading page at / (wwwroot/, embedded)

        app.MapGet("/health", (Readiness readiness, Sequencer sequencer) => sequencer.HaltReason is { } halted
            ? Results.Json(new { status = "halted", error = halted }, WireJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable)
            : readiness.IsReady
                ? Results.Json(new { status = "ok" }, WireJson.Options)
                : Results.Json(new { status = "starting" }, WireJson.Options, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.UseWebSockets(new WebSocketOptions
        {
            // A ping every interval; a peer that does not answer with a pong within the timeout is dropped.
            KeepAliveInterval = TimeSpan.FromSeconds(options.SocketKeepAliveSeconds),
            KeepAliveTimeout = TimeSpan.FromSeconds(options.SocketPongTimeoutSeconds),
        });
        app.MapOpenApi("/openapi.json");
        app.MapScalarApiReference("/docs", scalar => scalar.WithTitle("OpenLine API").WithOpenApiRoutePattern("/openapi.json"));
        app.MapUsers();
        app.MapOrders();
        app.MapRisk();
        app.MapMarkets();
        app.MapAccount();
        app.MapGraded();
        app.MapMarketBooks();
        app.MapAdmin();
        app.MapOrdersSocket();
        app.MapUserFeed();
        app.MapPriceStream();
        return app;
    }

    private static void AddRateLimiting(IServiceCollection services, OpenLineOptions options)
    {
        if (options.RateLimitPerMinute <= 0)
        {
            return;
        }
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetSlidingWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new SlidingWindowRateLimiterOptions
                    {
                        PermitLimit = options.RateLimitPerMinute,
                        Window = TimeSpan.FromSeconds(60),
                        SegmentsPerWindow = 6,
                        QueueLimit = 0,
                    }));
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                TimeSpan retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? wait : TimeSpan.FromSeconds(10);
                context.HttpContext.Response.Headers.RetryAfter = ApiResults.RetryAfterSeconds(retryAfter);
                await ApiResults.WriteErrorAsync(context.HttpContext, StatusCodes.Status429TooManyRequests, ApiResults.TooManyRequestsMessage).ConfigureAwait(false);
            };
        });
    }

    /// <summary>The one catch point for HTTP requests: anything unexpected becomes a JSON error, logged once.</summary>
    private static Task WriteUnhandledAsync(HttpContext context)
    {
        Exception? error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        if (error is ExchangeHaltedException halted)
        {
            return ApiResults.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, halted.Message);
        }
        if (error is ExchangeBusyException busy)
        {
            context.Response.Headers.RetryAfter = "1";
            return ApiResults.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, busy.Message);
        }
        if (error is CommandAppliedException applied)
        {
            return ApiResults.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, applied.Message);
        }
        if (error is BadInputException badInput)
        {
            return ApiResults.WriteErrorAsync(context, StatusCodes.Status400BadRequest, badInput.Message);
        }
        return error is BadHttpRequestException bad
            ? ApiResults.WriteErrorAsync(context, bad.StatusCode, bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "Request body too large."
                : "Bad request: " + bad.Message)
            : ApiResults.WriteErrorAsync(context, StatusCodes.Status500InternalServerError, "Internal server error.");
    }

    private static string ReasonPhrase(int status) =>
        Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
}
