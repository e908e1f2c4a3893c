using System.Diagnostics;
using System.Globalization;

namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// <c>flow generate|check|replay|compare</c>: the command line of the order-flow tools.
/// </summary>
public static class FlowCommand
{
    private const string Usage = """
        usage:
          flow generate <file> [--ops N] [--seed S] [--resting N] [--cancel-share X] [--cross-share X]
          flow check
          flow replay <file> [--runs N] [--accounts N] [--min-offer DOLLARS] [--alloc-types]
          flow compare <file> [--runs N] [--accounts N] [--min-offer DOLLARS]
          flow profile <perf-script.txt>      (see bench/profile.sh)
        """;

    public static int Run(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }
        try
        {
            var options = Options.Parse(args[1..]);
            switch (args[0])
            {
                case "generate" when options.File is not null:
                    return Generate(options);
                case "check":
                    return Check();
                case "replay" when options.File is not null:
                    return Replay(options);
                case "compare" when options.File is not null:
                    return Compare(options);
                case "profile" when options.File is not null:
                    return PerfProfile.Summarise(options.File, Console.Out);
                default:
                    Console.Error.WriteLine(Usage);
                    return 2;
            }
        }
        catch (Exception e) when (e is FormatException or FileNotFoundException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            Console.Error.WriteLine(e.Message);
            return e is FormatException ? 2 : 1;
        }
    }

    private static int Generate(Options options)
    {
        if (Check() != 0)
        {
            return 1;
        }
        var settings = new FlowGeneratorSettings
        {
            Operations = options.Long("ops", 1_000_000),
            Seed = (int)options.Long("seed", 42),
            TargetResting = (int)options.Long("resting", 5_000),
            CancelShare = options.Double("cancel-share", 0.47),
            CrossShare = options.Double("cross-share", 0.20),
        };
        var clock = Stopwatch.StartNew();
        FlowGeneratorStats stats;
        using (var writer = new StreamWriter(options.File!, append: false) { NewLine = "\n" })
        {
            stats = new FlowGenerator(settings).Generate(writer);
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Wrote {options.File} ({new FileInfo(options.File!).Length / 1_048_576.0:F1} MiB) in {clock.Elapsed.TotalSeconds:F1} s, seed {settings.Seed}; as a plain price-time book sees it:"));
        Console.WriteLine(stats);
        return 0;
    }

    private static int Check()
    {
        List<string> failures = FlowMarketCheck.Run();
        if (failures.Count > 0)
        {
            Console.Error.WriteLine($"The flow's odds mapping does not hold on this engine ({failures.Count} failures):");
            foreach (string failure in failures.Take(20))
            {
                Console.Error.WriteLine("  " + failure);
            }
            return 1;
        }
        Console.WriteLine(FlowMarketCheck.Summary());
        return 0;
    }

    private static int Replay(Options options)
    {
        CoreReplayResult result = CoreReplay.Run(options.File!, Settings(options), Console.Out);
        return result.Consistent ? 0 : 1;
    }

    private static int Compare(Options options)
    {
        CoreReplayResult core = CoreReplay.Run(options.File!, Settings(options) with { LatencyPass = false, AllocationPass = false }, Console.Out);
        PeerResult peer = PeerRunner.Run(options.File!, (int)options.Long("runs", 3), Console.Out);
        FlowModelBook model = CoreReplay.ModelOf(core.Ops);
        PeerRunner.PrintComparison(core, peer, model, Console.Out);
        return core.Consistent ? 0 : 1;
    }

    private static CoreReplaySettings Settings(Options options) => new()
    {
        Runs = (int)options.Long("runs", 3),
        Accounts = (int)options.Long("accounts", FlowEngine.DefaultAccounts),
        MinimumOffer = options.Money("min-offer"),
        AllocationTypes = options.Flag("alloc-types"),
    };

    private sealed class Options
    {
        private readonly Dictionary<string, string?> _values = [];

        public string? File { get; private set; }

        public static Options Parse(string[] args)
        {
            var options = new Options();
            for (int i = 0; i < args.Length; i++)
            {
                if (args[i].StartsWith("--", StringComparison.Ordinal))
                {
                    string name = args[i][2..];
                    bool isFlag = name == "alloc-types";
                    options._values[name] = isFlag ? null : i + 1 < args.Length ? args[++i] : throw new FormatException($"--{name} needs a value");
                }
                else if (options.File is null)
                {
                    options.File = args[i];
                }
                else
                {
                    throw new FormatException($"unexpected argument '{args[i]}'");
                }
            }
            return options;
        }

        public bool Flag(string name) => _values.ContainsKey(name);

        public long Long(string name, long fallback) =>
            !_values.TryGetValue(name, out string? text) ? fallback
            : long.TryParse(text, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out long value) ? value
            : throw new FormatException($"--{name} must be a whole number");

        public double Double(string name, double fallback) =>
            !_values.TryGetValue(name, out string? text) ? fallback
            : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) ? value
            : throw new FormatException($"--{name} must be a number");

        public Core.Money? Money(string name) =>
            !_values.TryGetValue(name, out string? text) ? null
            : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out decimal dollars) && Core.Money.TryFromDecimal(dollars, out Core.Money money) ? money
            : throw new FormatException($"--{name} must be an amount in dollars");
    }
}
