using CsCheck;

namespace OpenLine.Core.Tests;

// Rules §9 and plan step 2: "replaying the journal from empty and restoring snapshot+tail give the
// same state hash as the live engine (test it on long random command sequences)". Every command of a
// random flow is recorded as the journal stores it, (time, CommandCodec bytes), and replayed from
// the bytes alone.
public class ReplayProperties
{
    private static readonly Gen<JournalFlow> Flows = JournalFlows.Generate(maxOps: 60, maxExtras: 20);

    [Fact]
    public void Replaying_the_journal_from_empty_matches_the_live_engine_after_every_record()
    {
        Flows.Sample(flow =>
        {
            (Exchange live, List<JournalRecord> journal, List<LiveStep> steps, _) = JournalFlows.Run(flow);

            var replay = new Exchange();
            var events = new List<ExchangeEvent>();
            for (int i = 0; i < journal.Count; i++)
            {
                events.Clear();
                CommandResult result = replay.Execute(CommandCodec.Read(journal[i].Command), journal[i].At, events);
                Assert.Equal(steps[i].Result, Render.Result(result));
                Assert.Equal(steps[i].Events, Render.Events(events));
                Assert.True(steps[i].Hash == replay.StateHash(), $"state hash differs after record {i + 1} of {journal.Count}");
            }
            Twin.AssertSameState(live, replay);
        }, iter: 150);
    }

    [Fact]
    public void Restoring_a_snapshot_taken_at_any_step_and_replaying_the_tail_matches_the_live_engine()
    {
        Gen<(JournalFlow Flow, int Pick)> cases = Gen.Select(Flows, Gen.Int[0, 10_000]);
        cases.Sample(c =>
        {
            // The journal's length is known only after the run; count it once, then snapshot at record k.
            int length = JournalFlows.Run(c.Flow).Journal.Count;
            int k = c.Pick % (length + 1);
            (Exchange live, List<JournalRecord> journal, List<LiveStep> steps, byte[]? snapshot) = JournalFlows.Run(c.Flow, snapshotAfter: k);
            Assert.NotNull(snapshot);

            Exchange restored = Exchange.ReadSnapshot(snapshot);
            Assert.Empty(restored.ValidateInternalState());
            Assert.Equal(k == 0 ? new Exchange().StateHash() : steps[k - 1].Hash, restored.StateHash());
            Assert.Equal(snapshot, Twin.Snapshot(restored));

            var events = new List<ExchangeEvent>();
            for (int i = k; i < journal.Count; i++)
            {
                events.Clear();
                CommandResult result = restored.Execute(CommandCodec.Read(journal[i].Command), journal[i].At, events);
                Assert.Equal(steps[i].Result, Render.Result(result));
                Assert.Equal(steps[i].Events, Render.Events(events));
                Assert.True(steps[i].Hash == restored.StateHash(), $"state hash differs after record {i + 1} of {journal.Count} (snapshot after {k})");
            }
            Twin.AssertSameState(live, restored);
        }, iter: 150, print: c => $"snapshot pick {c.Pick}\n{c.Flow}");
    }

    private static readonly string[] Markers =
    [
        "OrderHeld", "HeldOrderResolved", "Reason = Expired", "Reason = GameStart", "Reason = MarketClosed",
        "Started = True", "TokenIssued", "TokenRevoked", "OrderFilled", "BalanceChanged", "Moneyline1x2",
    ];

    [Fact]
    public void Generated_flows_cover_what_the_replay_properties_claim()
    {
        // Guards the generator: across a modest sample the flows hold orders for the live delay,
        // release them, expire orders, start games, change options mid-flow and use tokens.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Flows.Sample(flow =>
        {
            (_, List<JournalRecord> journal, List<LiveStep> steps, _) = JournalFlows.Run(flow);
            foreach (LiveStep step in steps)
            {
                foreach (string marker in Markers)
                {
                    if (step.Result.Contains(marker, StringComparison.Ordinal) || step.Events.Contains(marker, StringComparison.Ordinal))
                    {
                        seen.Add(marker);
                    }
                }
            }
            if (journal.Any(r => r.Command[0] == CommandCodec.Encode(new ConfigureExchange(new ExchangeOptions()))[0]))
            {
                seen.Add("configure");
            }
        }, iter: 400, threads: 1);

        string[] missing = [.. Markers.Append("configure").Where(m => !seen.Contains(m))];
        Assert.True(missing.Length == 0, "never generated: " + string.Join(", ", missing));
    }
}
