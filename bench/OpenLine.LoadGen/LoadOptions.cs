using System.Globalization;

namespace OpenLine.LoadGen;

/// <summary>The command line, parsed and checked. Durations are in seconds; ratios are probabilities from 0 to 1.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        dotnet run -c Release --project bench/OpenLine.LoadGen -- [options]

        One scenario (default: REST orders, closed loop):
          --start-server        start the server from this repository as a child process on a free
                                loopback port with a temporary data dir, and kill it at the end
          --url URL             or drive this running server (loopback only)  default http://127.0.0.1:5080
          --admin-token TOKEN   its operator token (required without --start-server)
          --scenario NAME       http (orders over REST), ws (orders over /orders/ws),
                                trivial (GET /health)                    default http
          --connections N       concurrent connections                   default 64
          --users N             users they share (connection i is user i mod N; the server hashes
                                each password, so fewer users is a faster setup)  default 16
          --batch N             orders per place request (1..200)        default 1
          --rate R              paced (open loop): R requests/s in total, latency counted from
                                each request's due time; 0 = closed loop default 0
          --pace-us N           paced mode: the pacer releases due requests every N µs  default 100
          --seconds S           measured duration                        default 10
          --warmup S            unmeasured load before it                default 2
          --cancel-ratio P      share of requests that cancel            default 0.3
          --cross-ratio P       share of orders priced to cross          default 0.2
          --max-resting N       a connection with N resting orders cancels next  default 1000
          --seed N              seed of the order flow                   default 42
          --progress MODE       live progress line: auto (in place on a terminal, a line every
                                5 s otherwise), on, off                  default auto

        The whole suite (implies --start-server; a fresh server for every scenario):
          --suite               GET /health, HTTP batch 1 and 50, WebSocket batch 1 and 50 (closed
                                loop), then HTTP batch 1 paced at fractions of its closed-loop peak;
                                prints a table (medians over --runs) and writes the chart
          --runs N              repetitions of the suite                 default 1
          --sweep F,F,...       paced rates as fractions of the peak     default 0.1,0.25,0.5,0.75,0.9
          --chart PATH          latency-vs-load SVG                      default loadgen-latency.svg
          --results PATH        the table as Markdown (also printed)     default: not written

        Server launch (with --start-server or --suite):
          --server-dll PATH     the server build to run    default src/OpenLine.Server/bin/Release/net10.0/OpenLine.Server.dll
          --server-arg ARG      an extra server argument (repeatable), e.g. --server-arg --OpenLine:SnapshotEvery=0
          --server-env K=V      an extra environment variable (repeatable), e.g. --server-env DOTNET_gcServer=0
          --server-output       print the server's last 200 lines of output after each scenario
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:5080");
    public string? AdminToken { get; init; }
    public bool StartServer { get; init; }
    public ScenarioKind Kind { get; init; } = ScenarioKind.Http;
    public int Connections { get; init; } = 64;
    public int Users { get; init; } = 16;
    public int Batch { get; init; } = 1;
    public double Rate { get; init; }
    public int PaceMicros { get; init; } = 100;
    public double Seconds { get; init; } = 10;
    public double Warmup { get; init; } = 2;
    public double CancelRatio { get; init; } = 0.3;
    public double CrossRatio { get; init; } = 0.2;
    public int MaxResting { get; init; } = 1000;
    public int Seed { get; init; } = 42;
    public string Progress { get; init; } = "auto";
    public bool Suite { get; init; }
    public int Runs { get; init; } = 1;
    public IReadOnlyList<double> Sweep { get; init; } = [0.1, 0.25, 0.5, 0.75, 0.9];
    public string Chart { get; init; } = "loadgen-latency.svg";
    public string? Results { get; init; }
    public ServerLaunch Launch { get; init; } = ServerLaunch.Default;
    public bool ServerOutput { get; init; }

    public Scenario Scenario => new(Kind, Kind == ScenarioKind.Trivial ? 1 : Batch, Connections, Rate, Seconds, Warmup);

    /// <summary>Parses <paramref name="args"/>; on failure returns null and a message for the user.</summary>
    public static LoadOptions? Parse(IReadOnlyList<string> args, out string? error)
    {
        var options = new LoadOptions();
        error = null;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string name = arg;
            string? inline = null;
            int equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                inline = arg[(equals + 1)..];
            }
            if (name is "--start-server" or "--suite" or "--server-output")
            {
                options = name switch
                {
                    "--suite" => options with { Suite = true, StartServer = true },
                    "--server-output" => options with { ServerOutput = true },
                    _ => options with { StartServer = true },
                };
                continue;
            }
            if (name is "-h" or "--help")
            {
                error = Usage;
                return null;
            }
            string? value = inline ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                error = $"{name} needs a value.";
                return null;
            }
            LoadOptions? next = name switch
            {
                "--url" => Uri.TryCreate(value, UriKind.Absolute, out Uri? url) ? options with { Url = url } : null,
                "--admin-token" => options with { AdminToken = value },
                "--scenario" => value switch
                {
                    "http" => options with { Kind = ScenarioKind.Http },
                    "ws" => options with { Kind = ScenarioKind.Socket },
                    "trivial" => options with { Kind = ScenarioKind.Trivial },
                    _ => null,
                },
                "--connections" => TryInt(value, 1, 4096, out int n) ? options with { Connections = n } : null,
                "--users" => TryInt(value, 1, 4096, out int n) ? options with { Users = n } : null,
                "--batch" => TryInt(value, 1, 200, out int n) ? options with { Batch = n } : null,
                "--rate" => TryDouble(value, 0, 10_000_000, out double d) ? options with { Rate = d } : null,
                "--pace-us" => TryInt(value, 10, 100_000, out int n) ? options with { PaceMicros = n } : null,
                "--seconds" => TryDouble(value, 0.1, 3600, out double d) ? options with { Seconds = d } : null,
                "--warmup" => TryDouble(value, 0, 600, out double d) ? options with { Warmup = d } : null,
                "--cancel-ratio" => TryDouble(value, 0, 1, out double d) ? options with { CancelRatio = d } : null,
                "--cross-ratio" => TryDouble(value, 0, 1, out double d) ? options with { CrossRatio = d } : null,
                "--max-resting" => TryInt(value, 1, int.MaxValue, out int n) ? options with { MaxResting = n } : null,
                "--seed" => TryInt(value, int.MinValue, int.MaxValue, out int n) ? options with { Seed = n } : null,
                "--progress" => value is "auto" or "on" or "off" ? options with { Progress = value } : null,
                "--runs" => TryInt(value, 1, 100, out int n) ? options with { Runs = n } : null,
                "--sweep" => TryFractions(value, out double[] f) ? options with { Sweep = f } : null,
                "--chart" => options with { Chart = value },
                "--results" => options with { Results = value },
                "--server-dll" => options with { Launch = options.Launch with { Dll = value } },
                "--server-arg" => options with { Launch = options.Launch with { Args = [.. options.Launch.Args, value] } },
                "--server-env" => value.IndexOf('=', StringComparison.Ordinal) is > 0 and int at
                    ? options with { Launch = options.Launch with { Environment = [.. options.Launch.Environment, new(value[..at], value[(at + 1)..])] } }
                    : null,
                _ => null,
            };
            if (next is null)
            {
                error = $"Unknown option or bad value: {name} {value}\n\n{Usage}";
                return null;
            }
            options = next;
        }

        if (!options.StartServer)
        {
            if (!IsLoopback(options.Url))
            {
                error = $"Refusing {options.Url}: the load generator only drives a server on 127.0.0.1, localhost or [::1].";
                return null;
            }
            if (string.IsNullOrEmpty(options.AdminToken) && options.Kind != ScenarioKind.Trivial)
            {
                error = "--admin-token is required without --start-server (the server prints its operator token at start).";
                return null;
            }
        }
        return options;
    }

    /// <summary>Only these hosts, by name: a load test must never leave the machine.</summary>
    public static bool IsLoopback(Uri url) =>
        url.Scheme == Uri.UriSchemeHttp
        && (url.Host is "127.0.0.1" or "[::1]" || string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase));

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static bool TryDouble(string text, double min, double max, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static bool TryFractions(string text, out double[] values)
    {
        string[] parts = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        values = new double[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (!TryDouble(parts[i], 0.001, 2, out values[i]))
            {
                return false;
            }
        }
        return values.Length > 0;
    }
}
