using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace OpenLine.LoadGen;

/// <summary>
/// Price-feed fan-out: N subscribers on <c>/price-stream</c> while one user places offers (and
/// cancels the oldest, keeping a short ladder) at a steady rate. For every update that carries a
/// newly placed order, each subscriber records receipt time − the order's <c>createdAt</c> (the
/// engine's time for the command; client and server share this machine's clock, millisecond
/// resolution). Prints messages/s delivered and latency percentiles.
/// <code>dotnet run -c Release --project bench/OpenLine.LoadGen -- --fanout 1000 --rate 20 --seconds 10</code>
/// </summary>
internal static class FanOutBenchmark
{
    private static readonly byte[] CreatedAt = Encoding.UTF8.GetBytes("\"createdAt\":\"");

    public static async Task<int> RunAsync(IReadOnlyList<string> args)
    {
        int subscribers = Arg(args, "--fanout", 1000);
        int rate = Arg(args, "--rate", 20);
        int seconds = Arg(args, "--seconds", 10);
        int ladder = Arg(args, "--ladder", 10);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds + 120));
        await using LocalServer server = await LocalServer.StartAsync(Console.Out, stop.Token).ConfigureAwait(false);
        using var http = new HttpClient { BaseAddress = server.Url };
        string runId = Guid.NewGuid().ToString("n")[..8];
        LoadFixture fixture = await OperatorSetup.RunAsync(http, server.AdminToken, users: 1, runId, stop.Token).ConfigureAwait(false);
        string token = fixture.UserTokens[0];
        Console.WriteLine($"Fan-out: {subscribers} price-feed subscribers, {rate} offers/s (each followed by a cancel once {ladder} rest), {seconds} s, server {server.Url}");

        var latencies = new List<long>[subscribers];
        long messages = 0;
        var sockets = new ClientWebSocket[subscribers];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < subscribers; i++)
        {
            sockets[i] = new ClientWebSocket();
            sockets[i].Options.SetRequestHeader("Authorization", token);
            await sockets[i].ConnectAsync(new UriBuilder(server.Url) { Scheme = "ws", Path = "/price-stream" }.Uri, stop.Token).ConfigureAwait(false);
            latencies[i] = new List<long>(rate * seconds);
        }
        Console.WriteLine($"  {subscribers} subscribers connected in {clock.Elapsed.TotalSeconds:F1} s");

        using var measuring = new CancellationTokenSource();
        Task[] readers = [.. sockets.Select((socket, i) => ReadAsync(socket, latencies[i], () => Interlocked.Increment(ref messages), measuring.Token))];

        // The flow: offers at +101 … +110 on one side (they never cross), the oldest cancelled once the ladder is full.
        http.DefaultRequestHeaders.Add("Authorization", token);
        var resting = new Queue<string>();
        var flow = Stopwatch.StartNew();
        long sent = 0;
        while (flow.Elapsed < TimeSpan.FromSeconds(seconds))
        {
            long due = (long)(flow.Elapsed.TotalSeconds * rate);
            for (; sent < due; sent++)
            {
                string body = JsonSerializer.Serialize(new
                {
                    orders = new[] { new { gameID = fixture.GameId, type = "moneyline", side = fixture.AwayId, odds = 101 + (int)(sent % 10), bet = 20, orderType = "post" } },
                });
                using HttpResponseMessage placed = await http.PostAsync("/session/v3/place", new StringContent(body, Encoding.UTF8, "application/json"), stop.Token).ConfigureAwait(false);
                using JsonDocument reply = JsonDocument.Parse(await placed.Content.ReadAsStringAsync(stop.Token).ConfigureAwait(false));
                resting.Enqueue(reply.RootElement.GetProperty("data").GetProperty("createdSessions")[0].GetProperty("unmatched").GetProperty("orderID").GetString()!);
                if (resting.Count > ladder)
                {
                    using HttpResponseMessage _ = await http.PostAsync("/session/cancel",
                        new StringContent($"{{\"sessionID\":\"{resting.Dequeue()}\"}}", Encoding.UTF8, "application/json"), stop.Token).ConfigureAwait(false);
                }
            }
            await Task.Delay(5, stop.Token).ConfigureAwait(false);
        }
        double elapsed = flow.Elapsed.TotalSeconds;
        await Task.Delay(1000, stop.Token).ConfigureAwait(false); // let the last updates arrive
        long delivered = Interlocked.Read(ref messages);
        await measuring.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(readers).ConfigureAwait(false);
        foreach (ClientWebSocket socket in sockets)
        {
            socket.Abort();
            socket.Dispose();
        }

        long[] all = [.. latencies.SelectMany(l => l).Order()];
        int complete = latencies.Count(l => l.Count >= sent * 9 / 10);
        Console.WriteLine($"  offers placed       {sent:N0} ({sent / elapsed:N0}/s), plus cancels keeping {ladder} resting");
        Console.WriteLine($"  messages delivered  {delivered:N0} ({delivered / (elapsed + 1):N0}/s across all subscribers)");
        Console.WriteLine($"  subscribers that saw ≥90% of the placements: {complete} of {subscribers}");
        if (all.Length > 0)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  fan-out latency, engine time → receipt, ms: p50 {P(all, 0.50)}  p99 {P(all, 0.99)}  p99.9 {P(all, 0.999)}  max {all[^1]}  ({all.Length:N0} samples)"));
        }
        Console.WriteLine($"  server CPU {server.CpuTime.TotalSeconds / (elapsed + 1):F2} cores busy (of {Environment.ProcessorCount})");
        return 0;
    }

    /// <summary>Counts messages; for each whose newest createdAt is later than any seen before, records now − createdAt.</summary>
    private static async Task ReadAsync(ClientWebSocket socket, List<long> latencies, Action counted, CancellationToken stop)
    {
        var buffer = new byte[256 * 1024];
        int length = 0;
        long newestSeen = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                ValueWebSocketReceiveResult result = await socket.ReceiveAsync(buffer.AsMemory(length), stop).ConfigureAwait(false);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }
                length += result.Count;
                if (!result.EndOfMessage)
                {
                    continue;
                }
                long received = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                counted();
                long newest = NewestCreatedAt(buffer.AsSpan(0, length));
                if (newest > newestSeen)
                {
                    newestSeen = newest;
                    latencies.Add(received - newest);
                }
                length = 0;
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or WebSocketException)
        {
            // measuring ended
        }
    }

    /// <summary>The latest <c>"createdAt":"…Z"</c> in a message, as Unix ms (0 if none).</summary>
    private static long NewestCreatedAt(ReadOnlySpan<byte> message)
    {
        long newest = 0;
        int at;
        while ((at = message.IndexOf(CreatedAt)) >= 0)
        {
            message = message[(at + CreatedAt.Length)..];
            int end = message.IndexOf((byte)'"');
            if (end > 0 && DateTimeOffset.TryParse(Encoding.ASCII.GetString(message[..end]), CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
            {
                newest = Math.Max(newest, time.ToUnixTimeMilliseconds());
            }
        }
        return newest;
    }

    private static long P(long[] sorted, double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];

    private static int Arg(IReadOnlyList<string> args, string name, int fallback)
    {
        int i = args.ToList().IndexOf(name);
        return i >= 0 && i + 1 < args.Count && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out int value) ? value : fallback;
    }
}
