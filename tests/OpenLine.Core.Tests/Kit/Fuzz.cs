using System.Globalization;
using CsCheck;

namespace OpenLine.Core.Tests;

/// <summary>
/// The parser fuzz tests (journal records, snapshots) run a fixed number of cases under
/// <c>dotnet test</c>; with <c>OPENLINE_FUZZ_SECONDS=600</c> each runs for that long instead.
/// </summary>
internal static class Fuzz
{
    private static int Seconds =>
        int.TryParse(Environment.GetEnvironmentVariable("OPENLINE_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out int s) ? s : 0;

    public static void Run<T>(Gen<T> inputs, Action<T> check, long iterations)
    {
        if (Seconds > 0)
        {
            inputs.Sample(check, time: Seconds);
        }
        else
        {
            inputs.Sample(check, iter: iterations);
        }
    }
}
