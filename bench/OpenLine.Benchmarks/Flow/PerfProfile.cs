using System.Globalization;
using System.Text.RegularExpressions;

namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// Summarises a Linux <c>perf script</c> dump of a replay (bench/profile.sh) to the samples under
/// <c>Exchange.Execute</c>: where the engine's CPU time goes, by method. Time spent outside managed
/// code (the GC, allocation helpers, write barriers, page faults of a growing heap) is charged to
/// the managed method it was called from, and shown separately, so an allocation-heavy method
/// shows up as what it costs. perf unwinds by frame pointers and the runtime's allocation helpers
/// keep none, so that time often lands one frame further up (on the caller of the allocating method).
/// </summary>
public static partial class PerfProfile
{
    public static int Summarise(string perfScript, TextWriter output, int top = 30)
    {
        var samples = Read(perfScript);
        List<List<Frame>> engine = [.. samples.Where(s => s.Any(f => f.Managed && f.Name.EndsWith("Exchange::Execute", StringComparison.Ordinal)))];
        if (engine.Count == 0)
        {
            output.WriteLine($"No samples under Exchange.Execute in {perfScript} ({samples.Count} samples): was the run started with DOTNET_PerfMapEnabled=1?");
            return 1;
        }
        double n = engine.Count;
        var self = new Dictionary<string, int>();
        var runtime = new Dictionary<string, int>();
        var inclusive = new Dictionary<string, int>();
        int runtimeTotal = 0;
        foreach (List<Frame> stack in engine)
        {
            string owner = stack.FirstOrDefault(f => f.Managed)?.Name ?? "?";
            self[owner] = self.GetValueOrDefault(owner) + 1;
            if (!stack[0].Managed)
            {
                runtime[owner] = runtime.GetValueOrDefault(owner) + 1;
                runtimeTotal++;
            }
            foreach (string name in stack.Where(f => f.Managed).Select(f => f.Name).Distinct())
            {
                inclusive[name] = inclusive.GetValueOrDefault(name) + 1;
            }
        }
        output.WriteLine(Invariant($"{engine.Count:N0} of {samples.Count:N0} samples are under Exchange.Execute; in {100 * runtimeTotal / n:F1}% of them the CPU was outside managed code (GC, allocation helpers, write barriers, page faults)."));
        output.WriteLine();
        output.WriteLine("  total   runtime  method (own time, plus the runtime time it called into)");
        foreach ((string name, int count) in self.OrderByDescending(p => p.Value).Take(top))
        {
            output.WriteLine(Invariant($"  {100 * count / n,5:F1}%   {100 * runtime.GetValueOrDefault(name) / n,5:F1}%  {name}"));
        }
        output.WriteLine();
        output.WriteLine("  inclusive  OpenLine method (time on the stack)");
        foreach ((string name, int count) in inclusive.Where(p => p.Key.StartsWith("OpenLine.Core.", StringComparison.Ordinal))
            .OrderByDescending(p => p.Value).Take(top))
        {
            output.WriteLine(Invariant($"  {100 * count / n,7:F1}%  {name}"));
        }
        return 0;
    }

    private static List<List<Frame>> Read(string path)
    {
        var samples = new List<List<Frame>>();
        List<Frame>? current = null;
        foreach (string line in File.ReadLines(path))
        {
            if (line.Length == 0)
            {
                if (current is { Count: > 0 })
                {
                    samples.Add(current);
                }
                current = null;
            }
            else if (line[0] is not ('\t' or ' '))
            {
                current = []; // a sample's header: comm pid time: period event
            }
            else if (current is not null && FrameLine().Match(line) is { Success: true } match)
            {
                string symbol = match.Groups["symbol"].Value;
                bool managed = PerfMap().IsMatch(match.Groups["dso"].Value);
                current.Add(new Frame(managed, managed ? MethodName(symbol) : symbol));
            }
        }
        if (current is { Count: > 0 })
        {
            samples.Add(current);
        }
        return samples;
    }

    // "instance class X [Asm] Ns.Type::Method(args)[OptimizedTier1]" → "Ns.Type::Method"
    private static string MethodName(string symbol)
    {
        int paren = symbol.IndexOf('(', StringComparison.Ordinal);
        string head = paren < 0 ? symbol : symbol[..paren];
        int space = head.LastIndexOf(' ');
        return space < 0 ? head : head[(space + 1)..];
    }

    private sealed record Frame(bool Managed, string Name);

    [GeneratedRegex(@"^\s+[0-9a-f]+ (?<symbol>.*?)(\+0x[0-9a-f]+)? \((?<dso>[^()]*)\)$")]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"perf-\d+\.map$")]
    private static partial Regex PerfMap();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
