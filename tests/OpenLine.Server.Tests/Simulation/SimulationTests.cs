using System.Diagnostics;
using System.Globalization;

namespace OpenLine.Server.Tests.Simulation;

/// <summary>
/// The deterministic simulation (<see cref="Simulation"/>) over many seeds. <c>dotnet test</c> runs a
/// time budget of fresh random seeds (60 s by default); more, or one seed again:
/// <code>
/// OPENLINE_SIM_SECONDS=3600 dotnet test --project tests/OpenLine.Server.Tests -- --filter-class "*SimulationTests"
/// OPENLINE_SIM_SEED=123456 dotnet test --project tests/OpenLine.Server.Tests -- --filter-class "*SimulationTests"
/// </code>
/// A failure names its seed and the command that reproduces it.
/// </summary>
public sealed class SimulationTests
{
    private const int StepsPerSeed = 300;

    [Fact]
    public void Random_seeds_keep_every_invariant_through_crashes_failed_fsyncs_and_corrupt_snapshots()
    {
        if (Environment.GetEnvironmentVariable("OPENLINE_SIM_SEED") is { Length: > 0 } one)
        {
            Simulation single = Simulation.Run(int.Parse(one, CultureInfo.InvariantCulture), StepsPerSeed);
            string path = Path.Combine(Path.GetTempPath(), $"openline-simulation-seed-{single.Seed}.txt");
            File.WriteAllText(path, single.Transcript);
            TestContext.Current.SendDiagnosticMessage($"seed {single.Seed}: {single.Steps - 1} steps, {single.Crashes} crashes, {single.FailedAppends} failed fsyncs; transcript in {path}");
            return;
        }
        double seconds = double.TryParse(Environment.GetEnvironmentVariable("OPENLINE_SIM_SECONDS"), CultureInfo.InvariantCulture, out double s) ? s : 60;
        int first = Random.Shared.Next(1, int.MaxValue / 2);
        var clock = Stopwatch.StartNew();
        int seeds = 0, crashes = 0, failedAppends = 0, corruptSnapshots = 0, unanswered = 0;
        long steps = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            Simulation done = Simulation.Run(first + seeds, StepsPerSeed);
            seeds++;
            steps += done.Steps - 1;
            crashes += done.Crashes;
            failedAppends += done.FailedAppends;
            corruptSnapshots += done.CorruptSnapshots;
            unanswered += done.Unanswered;
        }
        string summary = string.Create(CultureInfo.InvariantCulture,
            $"simulation: seeds {first}–{first + seeds - 1} ({seeds} seeds, {steps:N0} steps) in {clock.Elapsed.TotalSeconds:0} s: {crashes} crashes, {failedAppends} failed fsyncs, {corruptSnapshots} corrupt snapshots, {unanswered} requests left unanswered by a halt; every invariant held");
        TestContext.Current.SendDiagnosticMessage(summary);
        File.AppendAllText(Path.Combine(Path.GetTempPath(), "openline-simulation.txt"), summary + Environment.NewLine);
        Assert.True(seeds > 0 && crashes > 0 && failedAppends > 0, "the budget ran seeds with crashes and failed fsyncs");
    }

    [Fact]
    public void The_same_seed_plays_out_the_same_history_and_ends_in_the_same_state()
    {
        // Several seeds, so that every snapshot cadence and fault comes up; the background
        // checkpointer's timing differs between the two runs of each, and must not matter.
        string all = "";
        for (int seed = 20_261_124; seed < 20_261_124 + 12; seed++)
        {
            Simulation first = Simulation.Run(seed, StepsPerSeed);
            Simulation second = Simulation.Run(seed, StepsPerSeed);

            Assert.Equal(first.Transcript, second.Transcript);
            Assert.Equal(first.FinalStateHash, second.FinalStateHash);
            all += first.Transcript;
        }
        Assert.Contains("crash and restart", all, StringComparison.Ordinal);
        Assert.Contains("failed fsync", all, StringComparison.Ordinal);
        Assert.Contains("snapshot (if any) corrupted", all, StringComparison.Ordinal);
    }

    [Fact]
    public void A_disk_that_loses_an_acknowledged_command_is_caught_and_named_by_its_seed()
    {
        SimulationFailure failure = Assert.Throws<SimulationFailure>(() => Simulation.Run(7, 1_000, s => s.LoseAnAcknowledgedRecordAtNextCrash = true));

        Assert.Contains("Simulation seed 7 failed", failure.Message, StringComparison.Ordinal);
        Assert.Contains("is not on the disk as it was sent", failure.Message, StringComparison.Ordinal);
        Assert.Contains("OPENLINE_SIM_SEED=7", failure.Message, StringComparison.Ordinal);
    }
}
