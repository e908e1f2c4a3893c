using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;

namespace OpenLine.LoadGen;

/// <summary>
/// <c>--start-server</c>: this repository's server as a child process on a free loopback port,
/// with a temporary data directory and a random operator token. Disposing kills it and deletes
/// the directory.
/// </summary>
internal sealed class LocalServer : IAsyncDisposable
{
    private const string ServerDll = "src/OpenLine.Server/bin/Release/net10.0/OpenLine.Server.dll";
    private const int OutputLinesKept = 200;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private LocalServer(Process process, Uri url, string adminToken, string dataDir, string dll)
    {
        _process = process;
        Url = url;
        AdminToken = adminToken;
        DataDir = dataDir;
        Dll = dll;
    }

    public Uri Url { get; }
    public string AdminToken { get; }
    public string DataDir { get; }
    public string Dll { get; }

    /// <summary>CPU time the server process has used so far (all its threads).</summary>
    public TimeSpan CpuTime
    {
        get
        {
            _process.Refresh();
            return _process.TotalProcessorTime;
        }
    }

    /// <summary>The server's last lines of output, for a failure message.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>The server process's working set now, in bytes.</summary>
    public long WorkingSet
    {
        get
        {
            _process.Refresh();
            return _process.WorkingSet64;
        }
    }

    public int ProcessId => _process.Id;

    public static Task<LocalServer> StartAsync(TextWriter log, CancellationToken cancellationToken) =>
        StartAsync(ServerLaunch.Default, log, cancellationToken);

    public static async Task<LocalServer> StartAsync(ServerLaunch launch, TextWriter log, CancellationToken cancellationToken)
    {
        string? repo = FindRepositoryRoot();
        string dll = FindDll(launch);
        if (!File.Exists(dll))
        {
            await log.WriteLineAsync($"{ServerDll} is missing; building it: dotnet build -c Release src/OpenLine.Server").ConfigureAwait(false);
            await BuildAsync(repo!, cancellationToken).ConfigureAwait(false);
        }

        int port = FreePort();
        var url = new Uri($"http://127.0.0.1:{port}");
        string dataDir = Directory.CreateTempSubdirectory("openline-loadgen-").FullName;
        string adminToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var start = new ProcessStartInfo("dotnet")
        {
            // The content root is the working directory: the server's appsettings.json (log levels) lives beside its dll.
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])[dll, "--urls", url.GetLeftPart(UriPartial.Authority), $"--OpenLine:DataDir={dataDir}",
            $"--OpenLine:AdminToken={adminToken}", "--OpenLine:Demo=false", "--OpenLine:RateLimitPerMinute=0",
            "--OpenLine:OrderRequestsPerSecond=0", "--OpenLine:MaxSocketsPerAccount=0"]) // a load generator is the abuse the limits stop
        {
            start.ArgumentList.Add(arg);
        }
        foreach (string arg in launch.Args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach ((string name, string value) in launch.Environment)
        {
            start.Environment[name] = value;
        }
        Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server process");
        var server = new LocalServer(process, url, adminToken, dataDir, dll);
        // The pipes must be drained, or a chatty server would block on a full pipe.
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await _process.WaitForExitAsync(wait.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or still dying after 10 s: nothing more we can do from here.
        }
        _process.Dispose();
        for (int attempt = 0; attempt < 5 && Directory.Exists(DataDir); attempt++)
        {
            try
            {
                Directory.Delete(DataDir, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(200).ConfigureAwait(false);
            }
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }
        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var probe = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(2) };
        var health = new Uri("/health", UriKind.Relative);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode}:\n{Output}");
            }
            try
            {
                using HttpResponseMessage response = await probe.GetAsync(health, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Not answering yet.
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
        throw new TimeoutException($"The server did not answer GET /health with 200 within {timeout.TotalSeconds:0} s:\n{Output}");
    }

    private static async Task BuildAsync(string repo, CancellationToken cancellationToken)
    {
        var build = new ProcessStartInfo("dotnet") { WorkingDirectory = repo, UseShellExecute = false };
        foreach (string arg in (string[])["build", "-c", "Release", "src/OpenLine.Server"])
        {
            build.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(build) ?? throw new InvalidOperationException("could not start dotnet build");
        await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        if (process.ExitCode != 0 || !File.Exists(Path.Combine(repo, ServerDll)))
        {
            throw new InvalidOperationException($"dotnet build -c Release src/OpenLine.Server failed with code {process.ExitCode}.");
        }
    }

    /// <summary>The server build <paramref name="launch"/> names, or this repository's Release build (which may not exist yet).</summary>
    public static string FindDll(ServerLaunch launch)
    {
        if (launch.Dll is { } given)
        {
            string full = Path.GetFullPath(given);
            return File.Exists(full) ? full : throw new InvalidOperationException($"--server-dll {full} does not exist.");
        }
        string repo = FindRepositoryRoot() ?? throw new InvalidOperationException(
            "--start-server: run from inside the OpenLine repository (no OpenLine.slnx found above the current or the tool's directory), or pass --server-dll.");
        return Path.Combine(repo, ServerDll);
    }

    public static string? FindRepositoryRoot()
    {
        foreach (string start in (string[])[Directory.GetCurrentDirectory(), AppContext.BaseDirectory])
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "OpenLine.slnx")))
                {
                    return dir.FullName;
                }
            }
        }
        return null;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
