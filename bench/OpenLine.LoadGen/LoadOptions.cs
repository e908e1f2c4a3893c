using System.Globalization;

namespace OpenLine.LoadGen;

/// <summary>The command line, parsed and checked. Durations are in seconds; ratios are probabilities from 0 to 1.</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        dotnet run -c Release --project bench/OpenLine.LoadGen -- [options]

          --start-server        start the server from this repository as a child process on a free
                                loopback port with a temporary data dir, and kill it at the end
          --url URL             the running server (loopback only)       default http://127.0.0.1:5080
          --admin-token TOKEN   its operator token (required without --start-server)
          --connections N       concurrent connections, one user each    default 16
          --batch N             orders per place request (1..200)        default 1
          --seconds S           measured duration                        default 10
          --warmup S            unmeasured load before it                default 2
          --cancel-ratio P      share of requests that cancel an order   default 0.3
          --cross-ratio P       share of orders priced to cross          default 0.2
          --seed N              seed of the order flow                   default 42
        """;

    public Uri Url { get; init; } = new("http://127.0.0.1:5080");
    public string? AdminToken { get; init; }
    public bool StartServer { get; init; }
    public int Connections { get; init; } = 16;
    public int Batch { get; init; } = 1;
    public double Seconds { get; init; } = 10;
    public double Warmup { get; init; } = 2;
    public double CancelRatio { get; init; } = 0.3;
    public double CrossRatio { get; init; } = 0.2;
    public int Seed { get; init; } = 42;

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
            if (name is "--start-server")
            {
                options = options with { StartServer = true };
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
                "--connections" => TryInt(value, 1, 4096, out int n) ? options with { Connections = n } : null,
                "--batch" => TryInt(value, 1, 200, out int n) ? options with { Batch = n } : null,
                "--seconds" => TryDouble(value, 0.1, 3600, out double d) ? options with { Seconds = d } : null,
                "--warmup" => TryDouble(value, 0, 600, out double d) ? options with { Warmup = d } : null,
                "--cancel-ratio" => TryDouble(value, 0, 1, out double d) ? options with { CancelRatio = d } : null,
                "--cross-ratio" => TryDouble(value, 0, 1, out double d) ? options with { CrossRatio = d } : null,
                "--seed" => TryInt(value, int.MinValue, int.MaxValue, out int n) ? options with { Seed = n } : null,
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
            if (string.IsNullOrEmpty(options.AdminToken))
            {
                error = "--admin-token is required without --start-server (the server prints its operator token at start).";
                return null;
            }
        }
        return options;
    }

    /// <summary>Only these hosts, by name: a load test must never leave the machine.</summary>
    public static bool IsLoopback(Uri url) =>
        (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
        && (url.Host is "127.0.0.1" or "[::1]" || string.Equals(url.Host, "localhost", StringComparison.OrdinalIgnoreCase));

    private static bool TryInt(string text, int min, int max, out int value) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;

    private static bool TryDouble(string text, double min, double max, out double value) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
}
