using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using OpenLine.Server.Tests.Kit;

namespace OpenLine.Server.Tests.Api;

/// <summary>
/// Where secrets go (docs/security.md): passwords and tokens never reach the logs, the journal or the
/// snapshots (only their hashes do), and the cookie's Data Protection keys are kept in the data
/// directory, so a signed <c>auth</c> cookie outlives a restart.
/// </summary>
public sealed class SecretHandlingTests : IDisposable
{
    private readonly DataDirectory _dataDir = new();

    [Fact]
    public async Task Passwords_and_tokens_never_reach_the_logs_the_journal_or_the_snapshots()
    {
        const string Password = "Zq7-unique-Passw0rd";
        const string WrongPassword = "Xk9-wrong-Passw0rd";
        var logs = new CapturingLoggerProvider();
        string token;
        await using (TestServer server = await TestServer.LaunchAsync(dataDir: _dataDir,
            configureServices: services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs),
            settings: "--Logging:LogLevel:Default=Trace"))
        {
            ExchangeSetup.User user = await server.CreateUserAsync(balance: 100, username: "secretive", password: Password);
            token = user.Client.Token!;
            Assert.Equal(HttpStatusCode.Unauthorized, (await server.CreateClient().PostAsync("/user/login", new { username = "secretive", password = WrongPassword })).Status);
            Assert.Equal(HttpStatusCode.OK, (await user.Client.GetAsync("/user/getMe")).Status);
            Assert.Equal(HttpStatusCode.BadRequest, (await user.Client.PostAsync("/session/v3/place", new { orders = "not-a-batch" })).Status);
        } // a clean stop: the final snapshot is written

        string[] secrets = [Password, WrongPassword, token, TestServer.AdminToken];
        Assert.NotEmpty(logs.Lines);
        foreach (string secret in secrets)
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
            foreach (string file in Directory.EnumerateFiles(_dataDir, "openline*"))
            {
                byte[] bytes = File.ReadAllBytes(file);
                Assert.True(bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret)) < 0, $"{Path.GetFileName(file)} holds a secret in clear");
            }
        }
        Assert.Contains(Directory.EnumerateFiles(_dataDir, "openline*"), f => f.EndsWith("openline-snapshots.db", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Bad_input_is_answered_400_without_an_error_in_the_operators_log()
    {
        var logs = new CapturingLoggerProvider();
        await using TestServer server = await TestServer.LaunchAsync(dataDir: _dataDir,
            configureServices: services => services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs));

        OpenLineClient.Response refused = await server.CreateClient().PostRawAsync("/user/login", "{\"username\":\"\\ud800\",\"password\":\"x-password\"}");

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("username is not valid Unicode text.", refused.Error);
        Assert.DoesNotContain(logs.Errors, line => line.Contains("ud800", StringComparison.Ordinal) || line.Contains("Unicode", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_signed_auth_cookie_outlives_a_restart_because_the_keys_live_in_the_data_directory()
    {
        string cookie;
        await using (TestServer first = await TestServer.LaunchAsync(dataDir: _dataDir))
        {
            await first.AddUserAsync("cookie", "cookie-password");
            OpenLineClient.Response login = await first.CreateClient().PostAsync("/user/login", new { username = "cookie", password = "cookie-password" });
            cookie = login.Message.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("auth=", StringComparison.Ordinal)).Split(';')[0];
        }

        await using TestServer second = await TestServer.LaunchAsync(dataDir: _dataDir);
        using HttpClient http = second.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/user/getMe");
        request.Headers.Add("Cookie", cookie);
        using HttpResponseMessage me = await http.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        Assert.NotEmpty(Directory.EnumerateFiles(Path.Combine(_dataDir, "keys"), "*.xml"));
    }

    public void Dispose() => _dataDir.Dispose();

    private sealed class CapturingLoggerProvider : Microsoft.Extensions.Logging.ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _lines = new();
        private readonly ConcurrentQueue<string> _errors = new();

        public IReadOnlyCollection<string> Lines => _lines;

        /// <summary>What was logged at Error or Critical.</summary>
        public IReadOnlyCollection<string> Errors => _errors;

        public Microsoft.Extensions.Logging.ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(CapturingLoggerProvider provider, string category) : Microsoft.Extensions.Logging.ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(Microsoft.Extensions.Logging.LogLevel logLevel) => true;

            public void Log<TState>(Microsoft.Extensions.Logging.LogLevel logLevel, Microsoft.Extensions.Logging.EventId eventId, TState state,
                Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string line = $"{category}: {formatter(state, exception)} {exception}";
                provider._lines.Enqueue(line);
                if (logLevel >= Microsoft.Extensions.Logging.LogLevel.Error)
                {
                    provider._errors.Enqueue(line);
                }
            }
        }
    }
}
