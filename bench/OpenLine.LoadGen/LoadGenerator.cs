using System.Globalization;
using System.Runtime.InteropServices;

namespace OpenLine.LoadGen;

/// <summary>The command line's entry: parse, handle Ctrl+C, run one scenario or the suite.</summary>
internal static class LoadGenerator
{
    public static async Task<int> RunAsync(string[] args)
    {
        LoadOptions? options = LoadOptions.Parse(args, out string? error);
        if (options is null)
        {
            bool help = ReferenceEquals(error, LoadOptions.Usage);
            await (help ? Console.Out : Console.Error).WriteLineAsync(error).ConfigureAwait(false);
            return help ? 0 : 2;
        }

        using var stop = new CancellationTokenSource();
        // Ctrl+C or SIGTERM ends the run early but still kills a started server and deletes its data.
        using PosixSignalRegistration sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Interrupt);
        using PosixSignalRegistration sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Interrupt);
        void Interrupt(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        TextWriter output = Console.Out;
        try
        {
            output.WriteLine("OpenLine load generator");
            output.WriteLine(Line($"  machine   {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; client and server share it"));
            output.WriteLine(Line($"  flow      moneyline limit orders, bet ${OrderFlow.BetMin}..${OrderFlow.BetMax}; offers +{OrderFlow.OfferOddsMin}..+{OrderFlow.OfferOddsMax} rest, takers {OrderFlow.TakerOddsMax}..{OrderFlow.TakerOddsMin} cross with probability {options.CrossRatio}; cancel ratio {options.CancelRatio} (up to a batch of the connection's resting orders; forced at {options.MaxResting} resting); seed {options.Seed}"));
            if (options.StartServer)
            {
                output.WriteLine(Line($"  server    {ServerDescription.Of(options.Launch)}"));
            }
            if (options.Suite)
            {
                return await Suite.RunAsync(options, output, stop.Token).ConfigureAwait(false);
            }
            await ScenarioRunner.RunAsync(options, options.Scenario, options.Scenario.Name, output, stop.Token).ConfigureAwait(false);
            return 0;
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("Interrupted.").ConfigureAwait(false);
            return 130;
        }
        catch (Exception ex) when (ex is InvalidOperationException or HttpRequestException or TimeoutException or IOException
            or KeyNotFoundException or System.Net.Sockets.SocketException or System.Net.WebSockets.WebSocketException)
        {
            await Console.Error.WriteLineAsync($"Load generator failed: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
