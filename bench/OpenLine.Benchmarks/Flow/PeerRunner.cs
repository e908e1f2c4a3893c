using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// Runs the peer replay (<c>node bench/peers/replay.mjs</c>, nodejs-order-book at the version
/// pinned in bench/peers/package.json) on the same flow file, and prints it beside OpenLine's.
/// </summary>
public static class PeerRunner
{
    public static PeerResult Run(string flowFile, int runs, TextWriter output)
    {
        string peers = FindPeersDirectory();
        if (!File.Exists(Path.Combine(peers, "node_modules", "nodejs-order-book", "package.json")))
        {
            output.WriteLine($"Installing the peer (npm ci in {peers}) ...");
            Exec("npm", ["ci", "--no-audit", "--no-fund"], peers, output);
        }
        output.WriteLine($"Peer replay: node {Path.Combine(peers, "replay.mjs")} ({runs} timed runs after a warm-up run)");
        string json = Exec("node", ["replay.mjs", Path.GetFullPath(flowFile), runs.ToString(CultureInfo.InvariantCulture)], peers, output);
        using JsonDocument document = JsonDocument.Parse(json.Trim().Split('\n')[^1]);
        JsonElement r = document.RootElement;
        return new PeerResult(
            r.GetProperty("engine").GetString()!, r.GetProperty("version").GetString()!, r.GetProperty("node").GetString()!,
            r.GetProperty("operations").GetInt64(), [.. r.GetProperty("seconds").EnumerateArray().Select(s => s.GetDouble())],
            r.GetProperty("opsPerSecond").GetDouble(), r.GetProperty("fills").GetInt64(), r.GetProperty("volume").GetDouble(),
            r.GetProperty("crossingOrders").GetInt64(), r.GetProperty("cancelled").GetInt64(), r.GetProperty("resting").GetInt64());
    }

    public static void PrintComparison(CoreReplayResult core, PeerResult peer, FlowModelBook model, TextWriter output)
    {
        string Row(string name, string opsPerSecond, string perOp, long fills, string volume, long resting) =>
            string.Create(CultureInfo.InvariantCulture, $"  {name,-28} {opsPerSecond,14} {perOp,10} {fills,10:N0} {volume,18} {resting,9:N0}");
        long crossing = core.Outcomes[(int)OutcomeClass.FillThenRest] + core.Outcomes[(int)OutcomeClass.FillAll] + core.Outcomes[(int)OutcomeClass.ImmediateFill];
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Side by side, {core.Ops.Length:N0} operations ({Environment.ProcessorCount} cores; medians):"));
        output.WriteLine("  engine                              ops/s      ns/op      fills   volume (stake/units)   resting");
        output.WriteLine(Row("OpenLine.Core", core.OpsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
            (1e9 / core.OpsPerSecond).ToString("N0", CultureInfo.InvariantCulture), core.Fills,
            "$" + core.TakerVolume.ToString("N0", CultureInfo.InvariantCulture), core.RestingAtEnd));
        output.WriteLine(Row($"{peer.Engine} {peer.Version}", peer.OpsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
            (1e9 / peer.OpsPerSecond).ToString("N0", CultureInfo.InvariantCulture), peer.Fills,
            peer.Volume.ToString("N0", CultureInfo.InvariantCulture), peer.Resting));
        output.WriteLine(Row("plain price-time book (model)", "-", "-", model.Fills, model.Volume.ToString("N0", CultureInfo.InvariantCulture), model.RestingCount));
        double ratio = core.OpsPerSecond / peer.OpsPerSecond;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  throughput ratio OpenLine / {peer.Engine}: {ratio:F2}x (target >= 20x: {(ratio >= 20 ? "met" : "not met")})"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  orders filled on arrival: OpenLine {crossing:N0}, peer {peer.CrossingOrders:N0}; fills: OpenLine {core.Fills:N0}, peer {peer.Fills:N0} ({100.0 * (core.Fills - peer.Fills) / Math.Max(1, peer.Fills):+0.00;-0.00}%), model {model.Fills:N0}"));
        output.WriteLine(peer.Fills == model.Fills
            ? "  the peer matches the plain price-time book exactly (same fills, volume and resting count expected)."
            : "  NOTE: the peer differs from the plain price-time book model.");
        output.WriteLine("""
              Why OpenLine's fills differ from the peer's: the peer trades unit for unit, OpenLine converts stake at
              the maker's odds (a resting $100 at +105 absorbs $105 of taker stake; rules §1 rounding to the micro-dollar,
              a remainder under one cent closes the order). So resting orders last a little longer or shorter than in the
              peer, and later fills shift. Self-match prevention never fires (B and S use disjoint accounts) and the
              minimum offer is one cent, so neither causes a difference.
            """);
    }

    private static string FindPeersDirectory()
    {
        foreach (string start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (DirectoryInfo? dir = new(start); dir is not null; dir = dir.Parent)
            {
                string candidate = Path.Combine(dir.FullName, "bench", "peers");
                if (File.Exists(Path.Combine(candidate, "replay.mjs")))
                {
                    return candidate;
                }
            }
        }
        throw new FileNotFoundException("bench/peers/replay.mjs not found above the current directory or the program.");
    }

    private static string Exec(string program, string[] arguments, string directory, TextWriter output)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        string errors = stderr.GetAwaiter().GetResult();
        if (process.ExitCode != 0)
        {
            output.WriteLine(errors);
            throw new InvalidOperationException($"{program} {string.Join(' ', arguments)} exited with {process.ExitCode}");
        }
        return stdout;
    }
}
