using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenLine.LoadGen;

/// <summary>
/// <c>--perf-summary perf.txt [--cores C --per R]</c>: where the server's CPU goes under load, from a
/// <c>perf script</c> dump of the server process (bench/profile-server.sh). Each sample is charged
/// to its thread group (the sequencer, the GC threads, the thread pool and socket threads) and to
/// the first stage its stack names, walking from the leaf up: network syscalls, waiting, the
/// journal, the engine, JSON, Kestrel, … With the server's cores busy and the request rate, a stage
/// is also shown as CPU microseconds per request (or per order).
/// </summary>
internal static partial class ServerProfile
{
    private static readonly (string Stage, Regex Frame)[] Stages =
    [
        ("journal: SQLite insert, WAL, fsync", new("SqliteJournalStore|Microsoft\\.Data\\.Sqlite|sqlite3|fsync", RegexOptions.Compiled)),
        ("journal: snapshot", new("TakeSnapshot|ComposeSnapshot", RegexOptions.Compiled)),
        ("journal: encode", new("CommandCodec|JournalRecord::", RegexOptions.Compiled)),
        ("engine: Exchange.Execute", new("OpenLine\\.Core\\.Exchange::Execute", RegexOptions.Compiled)),
        ("read models: user feed, price feed, tokens", new("UserFeed|PriceFeed|TokenTable", RegexOptions.Compiled)),
        ("waiting: spin, yield, context switch", new("ManualResetEventSlim::Wait|sched_yield|LowLevelLifoSemaphore|futex|schedule\\+", RegexOptions.Compiled)),
        ("network: send/receive syscalls (loopback delivery included)", new("__send|__libc_recv|__libc_sendmsg|recvmsg|sys_sendto|sys_recvfrom|sys_sendmsg|sys_recvmsg|__libc_write|__libc_read", RegexOptions.Compiled)),
        ("network: epoll, socket engine", new("epoll|SocketAsyncEngine", RegexOptions.Compiled)),
        ("response: JSON serialization", new("System\\.Text\\.Json\\.Serialization|WriteAsJsonAsync|JsonSerializer::", RegexOptions.Compiled)),
        ("response: place/cancel DTOs", new("PlaceResponses|OpenLine\\.Server\\.Api\\.Views::", RegexOptions.Compiled)),
        ("request: body read, JSON parse", new("RequestArgs|JsonDocument::", RegexOptions.Compiled)),
        ("request: order parsing", new("OrderParser", RegexOptions.Compiled)),
        ("request: authentication", new("Authenticator|SHA256|Tokens::", RegexOptions.Compiled)),
        ("sequencer hand-off: queue, wake, complete", new("Sequencer::ExecuteAsync|Sequencer::Enqueue|TaskCompletionSource|Sequencer::Publish|Sequencer::Process|Sequencer::RunBatch", RegexOptions.Compiled)),
        ("WebSocket framing", new("System\\.Net\\.WebSockets|ManagedWebSocket", RegexOptions.Compiled)),
        ("Kestrel: HTTP parsing, headers, pipes", new("Kestrel|System\\.IO\\.Pipelines", RegexOptions.Compiled)),
        ("ASP.NET Core: middleware, routing, endpoints", new("Microsoft\\.AspNetCore|OpenLine\\.Server", RegexOptions.Compiled)),
        ("async and thread-pool machinery", new("System\\.Threading|System\\.Runtime\\.CompilerServices", RegexOptions.Compiled)),
        ("runtime: allocation, GC suspension, casts, stubs (libcoreclr; memset/memmove)", new("libcoreclr|\\[unknown\\]|__memset|__memmove|__memcpy", RegexOptions.Compiled)),
    ];

    public static int Summarise(IReadOnlyList<string> args)
    {
        string path = args[args.ToList().IndexOf("--perf-summary") + 1];
        double cores = Arg(args, "--cores");
        double per = Arg(args, "--per");
        string unit = args.Contains("--per-order") ? "order" : "request";

        var groups = new Dictionary<string, int>(StringComparer.Ordinal);
        var stages = new Dictionary<(string Group, string Stage), int>();
        int total = 0;
        foreach ((string thread, List<string> frames) in Read(path))
        {
            string group = thread.Contains("sequen", StringComparison.Ordinal) ? "sequencer thread"
                : thread.Contains("GC", StringComparison.Ordinal) ? "GC threads"
                : "thread pool and socket threads";
            string stage = group == "GC threads" ? "garbage collection" : Stage(frames);
            groups[group] = groups.GetValueOrDefault(group) + 1;
            stages[(group, stage)] = stages.GetValueOrDefault((group, stage)) + 1;
            total++;
        }
        if (total == 0)
        {
            Console.Error.WriteLine($"No samples in {path}.");
            return 1;
        }
        bool perUnit = cores > 0 && per > 0;
        string Cost(int count) => perUnit ? string.Create(CultureInfo.InvariantCulture, $"{cores * count / total / per * 1e6,7:0.0} µs") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{total:N0} samples of the server{(perUnit ? $"; {cores:0.00} cores busy at {per:N0} {unit}s/s = {cores / per * 1e6:0.0} µs of server CPU per {unit}" : "")}"));
        Console.WriteLine(perUnit ? $"  share   per {unit}  stage" : "  share   stage");
        foreach ((string group, int count) in groups.OrderByDescending(g => g.Value))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * count / total,5:0.0}%  {Cost(count)}  {group}"));
            foreach (((string _, string stage), int n) in stages.Where(s => s.Key.Group == group).OrderByDescending(s => s.Value))
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {100.0 * n / total,5:0.0}%  {Cost(n)}    {stage}"));
            }
        }
        return 0;
    }

    private static string Stage(List<string> frames)
    {
        foreach (string frame in frames)
        {
            foreach ((string stage, Regex pattern) in Stages)
            {
                if (pattern.IsMatch(frame))
                {
                    return stage;
                }
            }
        }
        return "other";
    }

    /// <summary>perf script's text: a header line per sample (thread name, tid, time), then one indented line per frame.</summary>
    private static IEnumerable<(string Thread, List<string> Frames)> Read(string path)
    {
        string? thread = null;
        List<string> frames = [];
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                if (thread is not null)
                {
                    yield return (thread, frames);
                }
                thread = null;
                frames = [];
            }
            else if (!char.IsWhiteSpace(line[0]))
            {
                Match header = Header().Match(line);
                thread = header.Success ? header.Groups[1].Value.Trim() : "?";
            }
            else
            {
                frames.Add(line.Trim());
            }
        }
        if (thread is not null)
        {
            yield return (thread, frames);
        }
    }

    private static double Arg(IReadOnlyList<string> args, string name)
    {
        int at = args.ToList().IndexOf(name);
        return at >= 0 && at + 1 < args.Count && double.TryParse(args[at + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value : 0;
    }

    [GeneratedRegex(@"^(.*?)\s+\d+\s+[\d.]+:")]
    private static partial Regex Header();
}
