using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace OpenLine.Server.Tests.Kit;

/// <summary>
/// A real OpenLine server (Kestrel) on a free loopback port, with its own data directory and a
/// known admin token. Extra <c>--key=value</c> settings come from the constructor.
/// </summary>
public sealed class TestServer : IExchange, IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789abcdef";

    private readonly WebApplication _app;
    private readonly string _dataDir;
    private readonly bool _ownsDataDir;

    private TestServer(WebApplication app, string dataDir, bool ownsDataDir, Uri baseAddress)
    {
        _app = app;
        _dataDir = dataDir;
        _ownsDataDir = ownsDataDir;
        BaseAddress = baseAddress;
        Admin = CreateClient(AdminToken);
    }

    /// <summary>A fresh data directory for a test that restarts a server on it (the test deletes it).</summary>
    public static string NewDataDir() => Path.Combine(Path.GetTempPath(), "openline-tests", Guid.NewGuid().ToString("n"));

    /// <summary>Deletes every snapshot of the embedded store in <paramref name="dataDir"/>, so the next start replays the journal alone.</summary>
    public static void DeleteSnapshots(string dataDir)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection(
            $"Data Source={OpenLine.Server.Storage.SqliteJournalStore.SnapshotPathFor(Path.Combine(dataDir, "openline.db"))};Pooling=False");
        connection.Open();
        using Microsoft.Data.Sqlite.SqliteCommand delete = connection.CreateCommand();
        delete.CommandText = "DELETE FROM snapshot";
        Assert.True(delete.ExecuteNonQuery() > 0, "there was a snapshot to delete");
    }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => _app.Services;

    public OpenLineClient Admin { get; }

    public static Task<TestServer> StartAsync(params string[] settings) => StartAsync(null, settings);

    public static Task<TestServer> StartAsync(TimeProvider? clock, params string[] settings) => LaunchAsync(clock, settings: settings);

    /// <param name="clock">Replaces the server's clock (for token lifetimes and other long spans of time).</param>
    /// <param name="dataDir">An existing data directory to start on (kept on dispose); null for a fresh, private one.</param>
    /// <param name="configureServices">Replaces services (e.g. the journal store, to inject faults).</param>
    public static async Task<TestServer> LaunchAsync(TimeProvider? clock = null, string? dataDir = null,
        Action<IServiceCollection>? configureServices = null, params string[] settings)
    {
        bool ownsDataDir = dataDir is null;
        dataDir ??= NewDataDir();
        string[] args =
        [
            "--urls=http://127.0.0.1:0",
            $"--OpenLine:DataDir={dataDir}",
            $"--OpenLine:AdminToken={AdminToken}",
            "--OpenLine:Demo=false",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore.DataProtection=Error",
            .. settings,
        ];
        WebApplication app = OpenLineApp.Build(args, services =>
        {
            if (clock is not null)
            {
                services.AddSingleton(clock);
            }
            configureServices?.Invoke(services);
        });
        try
        {
            await app.StartAsync();
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var server = new TestServer(app, dataDir, ownsDataDir, new Uri(address));
        using HttpClient probe = server.CreateHttpClient();
        for (int i = 0; i < 100; i++)
        {
            HttpResponseMessage health = await probe.GetAsync("/health");
            if (health.StatusCode == HttpStatusCode.OK || (await health.Content.ReadAsStringAsync()).Contains("halted", StringComparison.Ordinal))
            {
                return server;
            }
            await Task.Delay(50);
        }
        throw new InvalidOperationException("The server did not become healthy.");
    }

    public HttpClient CreateHttpClient(HttpMessageHandler? handler = null) =>
        new(handler ?? new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

    public OpenLineClient CreateClient(string? token = null) => new(CreateHttpClient(), token);

    public async ValueTask DisposeAsync()
    {
        Admin.Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (!_ownsDataDir)
        {
            return;
        }
        try
        {
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (IOException)
        {
            // best effort: a leftover temp folder is harmless
        }
    }
}
