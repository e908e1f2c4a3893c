using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace OpenLine.Server.Tests.Kit;

/// <summary>
/// The real server as a separate OS process (<c>dotnet OpenLine.Server.dll</c>), so a test can
/// kill it with SIGKILL the way a power cut or the OOM killer would.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;

    /// <summary>What ASP.NET Core's host logs (category Microsoft.Hosting.Lifetime) once Kestrel is bound.</summary>
    private const string ListeningPrefix = "Now listening on: ";

    private ServerProcess(Process process, ConcurrentQueue<string> output, Uri baseAddress)
    {
        _process = process;
        _output = output;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public string Output => string.Join('\n', _output);

    /// <summary>
    /// Starts the server on a port the OS picks for it (<c>--urls http://127.0.0.1:0</c>) and waits
    /// until it says where it listens and answers <c>/health</c> there. Choosing a free port in the test
    /// and passing it on would race with every other server the test run starts in parallel: another
    /// one could take the port in between, answer the health probe, and the test would talk to it.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(string dataDir, params string[] settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "OpenLine.Server.dll"), "--urls", "http://127.0.0.1:0",
            $"--OpenLine:DataDir={dataDir}", $"--OpenLine:AdminToken={TestServer.AdminToken}", "--OpenLine:Demo=false",
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime=Information", .. settings])
        {
            start.ArgumentList.Add(arg);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server process");
        var output = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }
            output.Enqueue(e.Data);
            int at = e.Data.IndexOf(ListeningPrefix, StringComparison.Ordinal);
            if (at >= 0 && Uri.TryCreate(e.Data[(at + ListeningPrefix.Length)..].Trim(), UriKind.Absolute, out Uri? address))
            {
                listening.TrySetResult(address);
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var clock = Stopwatch.StartNew();
        var deadline = TimeSpan.FromSeconds(60);
        while (!listening.Task.IsCompleted)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{string.Join('\n', output)}");
            }
            if (clock.Elapsed > deadline)
            {
                Stop(process);
                throw new TimeoutException($"The server did not say where it listens:\n{string.Join('\n', output)}");
            }
            await Task.WhenAny(listening.Task, Task.Delay(50));
        }

        var server = new ServerProcess(process, output, await listening.Task);
        using var probe = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        while (clock.Elapsed < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {process.ExitCode}:\n{server.Output}");
            }
            try
            {
                if ((await probe.GetAsync("/health")).StatusCode == HttpStatusCode.OK)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // not answering yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
            await Task.Delay(100);
        }
        server.Kill();
        throw new TimeoutException($"The server did not become healthy:\n{server.Output}");
    }

    /// <summary>SIGKILL: no shutdown hooks, no final snapshot, no flush.</summary>
    public void Kill() => Stop(_process);

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }
        process.WaitForExit(10_000);
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
