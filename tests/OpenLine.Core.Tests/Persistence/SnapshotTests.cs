using CsCheck;

namespace OpenLine.Core.Tests;

// Rules §9: "On start the server rebuilds its state from the latest snapshot plus the journal ...
// replay gives identical state." A restored engine must equal the one that wrote the snapshot and
// go on to behave identically; a damaged snapshot must fail as a FormatException only.
public class SnapshotTests
{
    private static Exchange Restore(byte[] snapshot)
    {
        Exchange restored = Exchange.ReadSnapshot(snapshot);
        Assert.Empty(restored.ValidateInternalState());
        return restored;
    }

    [Fact]
    public void Empty_engine_restores_to_the_same_hash_and_writes_identical_bytes()
    {
        var empty = new Exchange();
        byte[] snapshot = Twin.Snapshot(empty);

        Exchange restored = Restore(snapshot);

        Assert.Equal(empty.StateHash(), restored.StateHash());
        Assert.Equal(snapshot, Twin.Snapshot(restored));
        Twin.AssertSameState(empty, restored);
    }

    [Fact]
    public void Empty_engine_restored_then_driven_behaves_like_a_fresh_one()
    {
        var twin = new Twin(new Exchange(), Restore(Twin.Snapshot(new Exchange())), TestExchange.T0);

        twin.Run(new CreateAccount("a", "h", Orders.Usd(100m), Money.Zero, CommissionRate.OnePercent), "create");
        twin.Run(new CreateGame("NBA", "basketball", TestExchange.T0 + 1_000, null, new ParticipantSpec("A", "A"), new ParticipantSpec("B", "B")), "game");
        twin.Now += 2_000;
        twin.Run(AdvanceTime.Instance, "start");

        Twin.AssertSameState(twin.Expected, twin.Actual);
    }

    [Fact]
    public void Engine_with_non_default_options_restores_them()
    {
        var x = new TestExchange();
        x.Run(new ConfigureExchange(RichScenario.Options));

        Exchange restored = Restore(Twin.Snapshot(x.Engine));

        CommandSamples.AssertSame(RichScenario.Options, restored.Options);
        Assert.Equal(4_000, restored.Options.LiveDelayFor("nba"));
    }

    [Fact]
    public void Rich_state_restores_to_the_same_hash_and_a_valid_state()
    {
        RichScenario s = RichScenario.Build(withHeldOrders: false);

        Exchange restored = Restore(Twin.Snapshot(s.X.Engine));

        Assert.Equal(s.X.Engine.StateHash(), restored.StateHash());
        Twin.AssertSameState(s.X.Engine, restored);
    }

    [Fact]
    public void Rich_state_with_held_live_delay_orders_restores_to_the_same_hash_and_a_valid_state()
    {
        RichScenario s = RichScenario.Build(withHeldOrders: true);

        Exchange restored = Restore(Twin.Snapshot(s.X.Engine));

        Assert.Equal(s.X.Engine.StateHash(), restored.StateHash());
        Twin.AssertSameState(s.X.Engine, restored);
    }

    [Fact]
    public void Snapshot_of_a_restored_engine_has_identical_bytes()
    {
        byte[] snapshot = Twin.Snapshot(RichScenario.Build(withHeldOrders: false).X.Engine);

        Assert.Equal(snapshot, Twin.Snapshot(Restore(snapshot)));
    }

    [Fact]
    public void Snapshot_with_held_orders_of_a_restored_engine_has_identical_bytes()
    {
        byte[] snapshot = Twin.Snapshot(RichScenario.Build(withHeldOrders: true).X.Engine);

        Assert.Equal(snapshot, Twin.Snapshot(Restore(snapshot)));
    }

    [Fact]
    public void Writing_a_snapshot_changes_nothing()
    {
        RichScenario s = RichScenario.Build(withHeldOrders: true);
        string before = s.X.Engine.StateHash();

        byte[] first = Twin.Snapshot(s.X.Engine);

        Assert.Equal(before, s.X.Engine.StateHash());
        Assert.Equal(first, Twin.Snapshot(s.X.Engine));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Restored_engine_driven_on_gives_the_same_results_events_and_hashes_as_the_original(bool withHeldOrders)
    {
        RichScenario s = RichScenario.Build(withHeldOrders);
        var twin = new Twin(s.X.Engine, Restore(Twin.Snapshot(s.X.Engine)), s.X.Now);

        int step = 0;
        foreach ((long advanceBy, Command command) in s.FollowUps())
        {
            twin.Now += advanceBy;
            twin.Run(command, $"follow-up {++step}");
        }

        Twin.AssertSameState(twin.Expected, twin.Actual);
    }

    [Fact]
    public void Follow_ups_exercise_what_they_claim_to()
    {
        // Guards the scenario itself: the follow-ups fill restored orders, release held orders,
        // expire, start games and close markets, and the options carried by the snapshot matter.
        RichScenario s = RichScenario.Build(withHeldOrders: true);
        var events = new List<ExchangeEvent>();
        var results = new List<CommandResult>();
        long now = s.X.Now;
        foreach ((long advanceBy, Command command) in s.FollowUps())
        {
            now += advanceBy;
            results.Add(s.X.Engine.Execute(command, now, events));
        }

        Assert.Contains(events, e => e is OrderFilled);
        Assert.True(events.OfType<HeldOrderResolved>().Count() >= 4);
        Assert.Contains(events, e => e is OrderCancelled { Report.Reason: CancelReason.Expired });
        Assert.Contains(events, e => e is OrderCancelled { Report.Reason: CancelReason.GameStart });
        Assert.Contains(events, e => e is OrderCancelled { Report.Reason: CancelReason.MarketClosed });
        Assert.Contains(events, e => e is GameChanged { Started: true, Live: true });
        OrderOutcome withFiveDollarMinimum = Assert.Single(Assert.IsType<PlaceResult>(results[7]).Outcomes);
        OrderOutcome withTenDollarMinimum = Assert.Single(Assert.IsType<PlaceResult>(results[15]).Outcomes);
        Assert.NotNull(Assert.IsType<OrderAccepted>(withFiveDollarMinimum).Rest);
        Assert.Equal(RejectReason.BelowMinimumOffer, Assert.IsType<OrderRejected>(withTenDollarMinimum).Reason);
        Assert.Empty(s.X.Engine.ValidateInternalState());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Snapshot_taken_after_every_follow_up_restores_to_the_same_state(bool withHeldOrders)
    {
        RichScenario s = RichScenario.Build(withHeldOrders);
        var events = new List<ExchangeEvent>();
        long now = s.X.Now;
        foreach ((long advanceBy, Command command) in s.FollowUps())
        {
            now += advanceBy;
            s.X.Engine.Execute(command, now, events);
            byte[] snapshot = Twin.Snapshot(s.X.Engine);
            Exchange restored = Restore(snapshot);
            Assert.Equal(s.X.Engine.StateHash(), restored.StateHash());
            Assert.Equal(snapshot, Twin.Snapshot(restored));
        }
    }

    [Fact]
    public void Snapshot_with_a_single_held_order_restores_it_and_releases_it_identically()
    {
        var x = new TestExchange();
        Game game = x.NewGame("NBA", "basketball");
        Account maker = x.NewAccount();
        Account taker = x.NewAccount();
        x.SetLive(game);
        x.Rest(maker, Orders.Home(game, 110, 100m));
        OrderHeld held = x.Hold(taker, Orders.Away(game, -110, 50m));

        var twin = new Twin(x.Engine, Restore(Twin.Snapshot(x.Engine)), x.Now);
        twin.Now = held.ReleaseAt;
        twin.Run(AdvanceTime.Instance, "release");

        Twin.AssertSameState(twin.Expected, twin.Actual);
        // The release ran on both engines through the twin (not through x's event log): the taker got its fill in each.
        Assert.Single(taker.Bets);
        Assert.Single(twin.Actual.Accounts[taker.Id].Bets);
    }

    // Corruption. The layout starts with a 4-byte magic and a version byte.

    [Fact]
    public void Snapshot_with_an_order_on_a_side_other_than_0_or_1_throws_FormatException()
    {
        // Two engines that differ only in the side of one resting order: their snapshots differ in that byte alone.
        byte[] away = OneRestingOrder(home: false);
        byte[] home = OneRestingOrder(home: true);
        int[] differing = [.. Enumerable.Range(0, away.Length).Where(i => away[i] != home[i])];
        int sideByte = Assert.Single(differing);
        Assert.Equal((0, 1), (away[sideByte], home[sideByte]));

        foreach (byte side in (byte[])[2, 3, 0x80, 0xFF])
        {
            byte[] corrupt = [.. away];
            corrupt[sideByte] = side;
            Assert.Throws<FormatException>(() => Exchange.ReadSnapshot(corrupt));
        }
    }

    private static byte[] OneRestingOrder(bool home)
    {
        var x = new TestExchange();
        Game game = x.NewGame();
        Account a = x.NewAccount();
        x.Rest(a, home ? Orders.Home(game, 110, 20m) : Orders.Away(game, 110, 20m));
        return Twin.Snapshot(x.Engine);
    }

    [Fact]
    public void Snapshot_whose_options_record_decodes_as_another_command_throws_FormatException()
    {
        // With a minimum offer of 28 micro-dollars and no delay table, the 33-byte options record
        // read with tag 10 (RevokeToken) instead of 11 is a well-formed RevokeToken of the same
        // length: a one-bit flip (11 ^ 1 = 10) the reader must still refuse as a FormatException.
        var engine = new Exchange(new ExchangeOptions
        {
            MinimumOffer = Money.FromMicros(28),
            LiveDelayMilliseconds = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase),
        });
        byte[] snapshot = Twin.Snapshot(engine);
        Assert.Equal(11, snapshot[5]);
        snapshot[5] ^= 0x01;

        Assert.Throws<FormatException>(() => Exchange.ReadSnapshot(snapshot));
    }

    [Fact]
    public void Empty_input_throws_FormatException()
    {
        Assert.Throws<FormatException>(() => Exchange.ReadSnapshot([]));
    }

    [Theory]
    [InlineData(0, 0x00)]
    [InlineData(0, 0xFF)]
    [InlineData(3, 0x01)]
    [InlineData(4, 0x00)]
    [InlineData(4, 0x04)]
    [InlineData(4, 0xFF)]
    public void Bad_magic_or_version_throws_FormatException(int position, byte value)
    {
        byte[] snapshot = Twin.Snapshot(RichScenario.Build(withHeldOrders: false).X.Engine);
        Assert.NotEqual(value, snapshot[position]);
        snapshot[position] = value;

        Assert.Throws<FormatException>(() => Exchange.ReadSnapshot(snapshot));
    }

    [Fact]
    public void A_command_record_is_not_a_snapshot()
    {
        Assert.Throws<FormatException>(() => Exchange.ReadSnapshot(CommandCodec.Encode(new ConfigureExchange(new ExchangeOptions()))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Snapshot_truncated_at_any_length_throws_FormatException(bool withHeldOrders)
    {
        byte[] snapshot = Twin.Snapshot(RichScenario.Build(withHeldOrders).X.Engine);

        for (int length = 0; length < snapshot.Length; length++)
        {
            byte[] prefix = snapshot[..length];
            Assert.Throws<FormatException>(() => Exchange.ReadSnapshot(prefix));
        }
    }

    [Fact]
    public void Snapshot_with_trailing_bytes_throws_FormatException()
    {
        byte[] snapshot = Twin.Snapshot(RichScenario.Build(withHeldOrders: false).X.Engine);

        Assert.Throws<FormatException>(() => Exchange.ReadSnapshot([.. snapshot, 0]));
        Assert.Throws<FormatException>(() => Exchange.ReadSnapshot([.. snapshot, .. snapshot]));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_single_byte_change_restores_or_throws_FormatException_only(bool withHeldOrders)
    {
        byte[] snapshot = Twin.Snapshot(RichScenario.Build(withHeldOrders).X.Engine);
        byte[] masks = [0x01, 0xFF];
        var escaped = new List<string>();

        for (int i = 0; i < snapshot.Length; i++)
        {
            foreach (byte mask in masks)
            {
                byte[] bytes = [.. snapshot];
                bytes[i] ^= mask;
                if (RestoreOrFormatException(bytes) is { } other)
                {
                    escaped.Add($"byte {i} ^ 0x{mask:x2}: {other.GetType().Name}: {other.Message}");
                }
            }
        }

        Assert.True(escaped.Count == 0,
            $"{escaped.Count} single-byte changes of a {snapshot.Length}-byte snapshot escaped as other exceptions; the first of each kind:\n"
            + string.Join('\n', escaped.GroupBy(e => e[(e.IndexOf(": ", StringComparison.Ordinal) + 2)..]).Select(g => $"{g.Count()} × {g.First()}")));
    }

    [Fact]
    public void Random_mutations_of_snapshots_restore_or_throw_FormatException_only()
    {
        byte[][] snapshots =
        [
            Twin.Snapshot(new Exchange()),
            Twin.Snapshot(RichScenario.Build(withHeldOrders: false).X.Engine),
            Twin.Snapshot(RichScenario.Build(withHeldOrders: true).X.Engine),
        ];
        Gen<byte[]> mutated =
            from which in Gen.Int[0, snapshots.Length - 1]
            from changes in Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[0, 3]).Array[1, 6]
            select Mutate(snapshots[which], changes);

        Fuzz.Run(mutated, bytes =>
        {
            Exception? other = RestoreOrFormatException(bytes);
            Assert.True(other is null, other?.ToString());
        }, iterations: 3_000);
    }

    [Fact]
    public void Random_bytes_behind_a_valid_header_throw_FormatException_only()
    {
        byte[] header = Twin.Snapshot(new Exchange())[..5];
        Fuzz.Run(Gen.Byte.Array[0, 400], body =>
        {
            Exception? other = RestoreOrFormatException([.. header, .. body]);
            Assert.True(other is null, other?.ToString());
        }, iterations: 5_000);
    }

    /// <summary>Kind 0-1: set a byte; 2: delete a byte; 3: insert a byte. Positions wrap.</summary>
    private static byte[] Mutate(byte[] original, (int Position, byte Value, int Kind)[] changes)
    {
        List<byte> bytes = [.. original];
        foreach ((int position, byte value, int kind) in changes)
        {
            int at = position % bytes.Count;
            switch (kind)
            {
                case 2 when bytes.Count > 1:
                    bytes.RemoveAt(at);
                    break;
                case 3:
                    bytes.Insert(at, value);
                    break;
                default:
                    bytes[at] = value;
                    break;
            }
        }
        return [.. bytes];
    }

    [Fact]
    public void A_version_1_snapshot_from_before_the_ledger_restores_with_each_balance_as_an_opening_entry()
    {
        // Version 1 is version 3 without the trailing platforms section (two empty lists, 8 bytes, all from the API)
        // and the settlement section before it: settle sequence (8), results (4), bets (4 + 5 each while ungraded),
        // ledger (4 + 63 per entry).
        var x = new TestExchange();
        Account maker = x.NewAccount(1000m);
        Account taker = x.NewAccount(500m, commission: 0.02m);
        x.Run(new Deposit(maker.Id, Orders.Usd(25m)));
        x.Run(new Withdraw(taker.Id, Orders.Usd(100m)));
        Game game = x.NewGame();
        x.Rest(maker, Orders.Home(game, 120, 100m));
        x.Accept(taker, Orders.Away(game, -120, 60m));
        byte[] v3 = Twin.Snapshot(x.Engine);
        int section = 8 + 8 + 4 + 4 + (5 * x.Engine.Bets.Count) + 4 + (63 * x.Engine.Ledger.Entries.Count);
        byte[] v1 = v3[..^section];
        v1[4] = 1;

        Exchange restored = Exchange.ReadSnapshot(v1);

        Assert.Empty(restored.ValidateInternalState());
        Assert.Equal([LedgerEntryKind.Opening, LedgerEntryKind.Opening], restored.Ledger.Entries.Select(e => e.Kind));
        Assert.Equal([Orders.Usd(1025m), Orders.Usd(400m)], restored.Ledger.Entries.Select(e => e.Amount));
        Assert.Equal(CommissionRate.FromPpm(20_000), Assert.Single(restored.Bets.Values).TakerCommission);
        // It grades like the engine that wrote it.
        var events = new List<ExchangeEvent>();
        restored.Execute(new GradeGame(game.Id, 0, 3), x.Now, events);
        x.Run(new GradeGame(game.Id, 0, 3));
        Assert.Equal(x.Engine.Accounts[taker.Id].Balance, restored.Accounts[taker.Id].Balance);
        Assert.Equal(x.Engine.HouseCommission, restored.HouseCommission);
        Assert.Empty(restored.ValidateInternalState());
    }

    [Fact]
    public void A_version_2_snapshot_from_before_platforms_restores_with_every_order_and_bet_from_the_api()
    {
        var x = new TestExchange();
        Account maker = x.NewAccount(1000m);
        Account taker = x.NewAccount(500m);
        Game game = x.NewGame();
        x.Rest(maker, Orders.Home(game, 120, 100m));
        x.Accept(taker, Orders.Away(game, -120, 60m));
        byte[] v3 = Twin.Snapshot(x.Engine);
        byte[] v2 = v3[..^8]; // the two empty platform lists
        v2[4] = 2;

        Exchange restored = Exchange.ReadSnapshot(v2);

        Assert.Equal(x.Engine.StateHash(), restored.StateHash());
        Assert.All(restored.Orders.Values, o => Assert.Equal(Platform.Api, o.Platform));
        Assert.Equal(Platform.Api, Assert.Single(restored.Bets.Values).TakerPlatform);
    }

    /// <summary>Null when the bytes restore (to an engine whose hash can be computed) or throw FormatException; otherwise the exception.</summary>
    private static Exception? RestoreOrFormatException(byte[] bytes)
    {
        try
        {
            Exchange.ReadSnapshot(bytes).StateHash();
            return null;
        }
        catch (FormatException)
        {
            return null;
        }
#pragma warning disable CA1031 // Any other exception type is the finding this collects and reports.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return ex;
        }
    }
}
