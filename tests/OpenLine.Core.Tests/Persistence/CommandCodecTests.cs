using CsCheck;

namespace OpenLine.Core.Tests;

// Rules §9: every command is journaled as bytes and replayed from them, so the encoding must carry
// every field exactly, and a damaged record must fail as a FormatException (never another
// exception, never a read past the end) so the journal reader can stop at it.
public class CommandCodecTests
{
    public static TheoryData<string> Samples => CommandSamples.Names;

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_command_decodes_to_equal_values_and_reencodes_to_identical_bytes(string sample)
    {
        Command command = CommandSamples.All[sample];

        byte[] bytes = CommandCodec.Encode(command);
        Command decoded = CommandCodec.Read(bytes);

        CommandSamples.AssertSame(command, decoded);
        Assert.Equal(bytes, CommandCodec.Encode(decoded));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Write_appends_the_same_bytes_as_Encode(string sample)
    {
        Command command = CommandSamples.All[sample];
        var output = new BinaryOutput(1);
        output.Byte(0xAB).Int32(7);

        CommandCodec.Write(command, output);

        byte[] expected = [0xAB, 7, 0, 0, 0, .. CommandCodec.Encode(command)];
        Assert.Equal(expected, output.ToArray());
    }

    [Fact]
    public void Every_command_type_has_a_sample()
    {
        IEnumerable<Type> commandTypes = typeof(Command).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(Command)) && !t.IsAbstract);

        Assert.Equal(
            commandTypes.Select(t => t.Name).Order(StringComparer.Ordinal),
            CommandSamples.All.Values.Select(c => c.GetType().Name).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_command_type_has_its_own_tag_byte_and_configure_a_second_one_for_limits()
    {
        var tags = CommandSamples.All.Values.GroupBy(c => c.GetType()).ToDictionary(g => g.Key, g => g.Select(c => CommandCodec.Encode(c)[0]).Distinct().Order().ToArray());

        Assert.All(tags.Where(t => t.Key != typeof(ConfigureExchange)).Select(t => t.Value), t => Assert.Single(t));
        Assert.Equal([11, 20], tags[typeof(ConfigureExchange)]); // the released layout, and the one with an open-orders limit
        Assert.Equal(tags.Values.Sum(t => t.Length), tags.Values.SelectMany(t => t).Distinct().Count()); // no tag shared between types
    }

    [Fact]
    public void Configure_with_an_open_orders_limit_is_the_released_layout_under_tag_20_then_the_limit()
    {
        var options = new ExchangeOptions { MaxOpenOrdersPerAccount = 1_000 };
        byte[] without = CommandCodec.Encode(new ConfigureExchange(options with { MaxOpenOrdersPerAccount = 0 }));

        byte[] with = CommandCodec.Encode(new ConfigureExchange(options));

        Assert.Equal((byte)11, without[0]);
        Assert.Equal([20, .. without[1..], 0xE8, 0x03, 0x00, 0x00], with);
        Assert.Equal(1_000, Assert.IsType<ConfigureExchange>(CommandCodec.Read(with)).Options.MaxOpenOrdersPerAccount);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_limit_that_is_not_positive_under_tag_20_throws_FormatException(int limit)
    {
        byte[] bytes = CommandCodec.Encode(new ConfigureExchange(new ExchangeOptions { MaxOpenOrdersPerAccount = 5 }));
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 4), limit);

        Assert.Throws<FormatException>(() => CommandCodec.Read(bytes));
    }

    [Fact]
    public void Place_and_cancel_records_keep_the_first_released_layout()
    {
        // "The layout of a tag never changes once released; a new layout gets a new tag" (CommandCodec).
        // Tags 7 and 8 as first released (with step 2, idempotency key included), byte by byte: a
        // journal written by this codec must read forever, so these bytes must never need to change.
        var account = new ObjectId(0x01020304, 0x1112131415161718);
        var game = new ObjectId(5, 6);
        byte[] place = new BinaryOutput()
            .Byte(7).Int32(0x01020304).Int64(0x1112131415161718).Int32(1)
            .Int32(5).Int64(6).Byte(1).Int32(1).Byte((byte)'s').Byte(0).Int32(-110).Int64(10_000_000)
            .Byte(1).Int32(-9).Byte(2).Byte(1).Int32(30).Byte(1).Int32(1).Byte((byte)'r')
            .Byte(1).Int32(1).Byte((byte)'k')
            .ToArray();
        byte[] cancel = new BinaryOutput().Byte(8).Int32(0x01020304).Int64(0x1112131415161718).Int32(5).Int64(6).Byte(0).ToArray();
        var expectedPlace = new PlaceOrders(account,
        [
            new OrderRequest(game, MarketType.Spread, "s", null, AmericanOdds.FromInt32(-110), Money.FromMicros(10_000_000),
                new LineNumber(-9), OrderType.PostArb, 30, "r"),
        ], "k");

        CommandSamples.AssertSame(expectedPlace, CommandCodec.Read(place));
        Assert.Equal("k", ((PlaceOrders)CommandCodec.Read(place)).IdempotencyKey);
        CommandSamples.AssertSame(new CancelOrder(account, game), CommandCodec.Read(cancel));
        Assert.Equal(place, CommandCodec.Encode(expectedPlace));
        Assert.Equal(cancel, CommandCodec.Encode(new CancelOrder(account, game)));
    }

    [Fact]
    public void Grade_and_void_records_are_pinned_byte_by_byte()
    {
        var game = new ObjectId(0x01020304, 0x1112131415161718);
        byte[] grade = new BinaryOutput().Byte(18).Int32(0x01020304).Int64(0x1112131415161718).Int32(3).Int32(21).ToArray();
        byte[] voided = new BinaryOutput().Byte(19).Int32(0x01020304).Int64(0x1112131415161718).ToArray();

        Assert.Equal(grade, CommandCodec.Encode(new GradeGame(game, 3, 21)));
        Assert.Equal(voided, CommandCodec.Encode(new VoidGame(game)));
        Assert.Equal(new GradeGame(game, 3, 21), CommandCodec.Read(grade));
        Assert.Equal(new VoidGame(game), CommandCodec.Read(voided));
    }

    [Fact]
    public void Configure_record_is_written_in_the_released_layout_with_leagues_in_a_canonical_order()
    {
        var options = new ExchangeOptions
        {
            MinimumOffer = Money.FromMicros(5_000_000),
            LiveDelayMilliseconds = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase) { ["nfl"] = 3_000, ["ATP"] = 8_000 },
            DefaultLiveDelayMilliseconds = 10_000,
            LiveOrderDefaultLifetimeMilliseconds = 300_000,
            MaxExpirationMinutes = 60,
        };
        byte[] expected = new BinaryOutput()
            .Byte(11).Int64(5_000_000).Int64(10_000).Int64(300_000).Int32(60).Int32(2)
            .String("ATP").Int64(8_000).String("nfl").Int64(3_000)
            .ToArray();

        Assert.Equal(expected, CommandCodec.Encode(new ConfigureExchange(options)));
    }

    [Fact]
    public void Options_that_are_equal_encode_identically_whatever_the_insertion_order()
    {
        var a = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase) { ["NBA"] = 1, ["EPL"] = 2, ["atp"] = 3 };
        var b = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase) { ["atp"] = 3, ["NBA"] = 1, ["EPL"] = 2 };

        Assert.Equal(
            CommandCodec.Encode(new ConfigureExchange(new ExchangeOptions { LiveDelayMilliseconds = a })),
            CommandCodec.Encode(new ConfigureExchange(new ExchangeOptions { LiveDelayMilliseconds = b })));
    }

    [Fact]
    public void Decoded_delay_table_matches_leagues_case_insensitively()
    {
        var options = new ExchangeOptions { LiveDelayMilliseconds = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase) { ["NBA"] = 4_321 } };

        var decoded = (ConfigureExchange)CommandCodec.Read(CommandCodec.Encode(new ConfigureExchange(options)));

        Assert.Equal(4_321, decoded.Options.LiveDelayFor("nba"));
        Assert.Equal(4_321, decoded.Options.LiveDelayFor("Nba"));
    }

    [Fact]
    public void A_string_utf8_cannot_carry_is_refused_when_encoded_not_silently_changed()
    {
        // A lone surrogate has no UTF-8 form; writing U+FFFD instead would make the replayed state
        // differ from the acknowledged one (rules §9: replay gives identical state). Either the
        // encoder refuses the command, or the decoded command is exactly the original.
        var command = new CreateAccount("bad\uD800name", "h", Money.Zero, Money.Zero, CommissionRate.OnePercent);

        byte[] bytes;
        try
        {
            bytes = CommandCodec.Encode(command);
        }
        catch (ArgumentException)
        {
            return; // refused: the server can reject the request before it is acknowledged
        }
        Assert.Equal(command, CommandCodec.Read(bytes));
    }

    [Fact]
    public void Empty_input_throws_FormatException()
    {
        Assert.Throws<FormatException>(() => CommandCodec.Read([]));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Input_truncated_at_any_length_throws_FormatException(string sample)
    {
        byte[] bytes = CommandCodec.Encode(CommandSamples.All[sample]);

        for (int length = 0; length < bytes.Length; length++)
        {
            byte[] prefix = bytes[..length];
            Assert.Throws<FormatException>(() => CommandCodec.Read(prefix));
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Input_with_trailing_bytes_throws_FormatException(string sample)
    {
        byte[] bytes = CommandCodec.Encode(CommandSamples.All[sample]);

        Assert.Throws<FormatException>(() => CommandCodec.Read([.. bytes, 0]));
        Assert.Throws<FormatException>(() => CommandCodec.Read([.. bytes, .. bytes]));
    }

    [Fact]
    public void Unknown_tags_throw_FormatException()
    {
        byte[] body = CommandCodec.Encode(CommandSamples.All["deposit"])[1..];
        for (int tag = 0; tag <= byte.MaxValue; tag++)
        {
            if (tag is >= 1 and <= 19) // the released tags
            {
                continue;
            }
            byte[] alone = [(byte)tag];
            byte[] withBody = [(byte)tag, .. body];
            Assert.Throws<FormatException>(() => CommandCodec.Read(alone));
            Assert.Throws<FormatException>(() => CommandCodec.Read(withBody));
        }
    }

    // Offsets into the encoding of PlaceOrders(account, [moneyline with side "s", no market, no number]):
    // tag 1 + account 12 + count 4 + game 12 = 29 (market type 1, side 5, market presence 1) → 36 (odds 4, stake 8,
    // number presence 1) → 49 (order type).
    private const int MarketTypeOffset = 29;
    private const int OddsOffset = 36;
    private const int OrderTypeOffset = 49;

    private static byte[] OneOrderPlace() => CommandCodec.Encode(new PlaceOrders(new ObjectId(1, 2),
        [new OrderRequest(new ObjectId(3, 4), MarketType.Moneyline, "s", null, AmericanOdds.FromInt32(-110), Money.FromDollars(20), null, OrderType.Limit, null, null)]));

    [Fact]
    public void Offsets_used_by_the_corruption_tests_point_at_the_fields_they_name()
    {
        byte[] bytes = OneOrderPlace();

        Assert.Equal((byte)MarketType.Moneyline, bytes[MarketTypeOffset]);
        Assert.Equal(-110, BitConverter.ToInt32(bytes, OddsOffset));
        Assert.Equal((byte)OrderType.Limit, bytes[OrderTypeOffset]);
        bytes[MarketTypeOffset] = (byte)MarketType.Total;
        bytes[OrderTypeOffset] = (byte)OrderType.FillOrKill;
        OrderRequest order = Assert.Single(((PlaceOrders)CommandCodec.Read(bytes)).Orders);
        Assert.Equal(MarketType.Total, order.Type);
        Assert.Equal(OrderType.FillOrKill, order.OrderType);
    }

    [Fact]
    public void Undefined_market_types_throw_FormatException()
    {
        for (int value = 4; value <= byte.MaxValue; value++)
        {
            byte[] bytes = OneOrderPlace();
            bytes[MarketTypeOffset] = (byte)value;
            Assert.Throws<FormatException>(() => CommandCodec.Read(bytes));
        }
    }

    [Fact]
    public void Undefined_order_types_throw_FormatException()
    {
        for (int value = 5; value <= byte.MaxValue; value++)
        {
            byte[] bytes = OneOrderPlace();
            bytes[OrderTypeOffset] = (byte)value;
            Assert.Throws<FormatException>(() => CommandCodec.Read(bytes));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(99)]
    [InlineData(-99)]
    [InlineData(100_001)]
    [InlineData(-100_001)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Odds_outside_the_range_throw_FormatException(int odds)
    {
        byte[] bytes = OneOrderPlace();
        BitConverter.TryWriteBytes(bytes.AsSpan(OddsOffset), odds);

        Assert.Throws<FormatException>(() => CommandCodec.Read(bytes));
    }

    [Fact]
    public void Odds_of_minus_100_decode_as_even_money()
    {
        byte[] bytes = OneOrderPlace();
        BitConverter.TryWriteBytes(bytes.AsSpan(OddsOffset), -100);

        Assert.Equal(AmericanOdds.Even, Assert.Single(((PlaceOrders)CommandCodec.Read(bytes)).Orders).Odds);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1_000_000)]
    [InlineData(int.MinValue)]
    [InlineData(int.MaxValue)]
    public void Commission_outside_zero_to_one_throws_FormatException(int ppm)
    {
        byte[] bytes = CommandCodec.Encode(CommandSamples.All["create account"]);
        BitConverter.TryWriteBytes(bytes.AsSpan(bytes.Length - 4), ppm);

        Assert.Throws<FormatException>(() => CommandCodec.Read(bytes));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(0xFF)]
    public void Booleans_other_than_0_and_1_throw_FormatException(byte value)
    {
        byte[] live = CommandCodec.Encode(new SetGameLive(new ObjectId(1, 2), true));
        live[^1] = value;
        byte[] noEventName = CommandCodec.Encode(CommandSamples.All["create game, no event name"]);
        noEventName[1 + 4 + 3 + 4 + 6 + 8] = value; // tag, "EPL", "soccer", startsAt, then the event name's presence byte

        Assert.Throws<FormatException>(() => CommandCodec.Read(live));
        Assert.Throws<FormatException>(() => CommandCodec.Read(noEventName));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(6)]
    [InlineData(int.MaxValue)]
    public void String_lengths_that_are_negative_or_run_past_the_end_throw_FormatException(int length)
    {
        byte[] bytes = CommandCodec.Encode(new RevokeToken("token"));
        BitConverter.TryWriteBytes(bytes.AsSpan(1), length);

        Assert.Throws<FormatException>(() => CommandCodec.Read(bytes));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(2)]
    [InlineData(1_000_000)]
    [InlineData(int.MaxValue)]
    public void Order_counts_that_are_negative_or_exceed_the_record_throw_FormatException(int count)
    {
        byte[] bytes = OneOrderPlace();
        BitConverter.TryWriteBytes(bytes.AsSpan(13), count);

        Assert.Throws<FormatException>(() => CommandCodec.Read(bytes));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    [InlineData(1)]
    [InlineData(int.MaxValue)]
    public void Delay_counts_that_are_negative_or_exceed_the_record_throw_FormatException(int count)
    {
        byte[] bytes = CommandCodec.Encode(CommandSamples.All["configure, empty delay table"]);
        BitConverter.TryWriteBytes(bytes.AsSpan(1 + 8 + 8 + 8 + 4), count);

        Assert.Throws<FormatException>(() => CommandCodec.Read(bytes));
    }

    [Fact]
    public void Random_bytes_decode_or_throw_FormatException_only()
    {
        Gen<byte[]> record = Gen.Frequency(
            (1, Gen.Byte.Array[0, 80]),
            (3, Gen.Select(Gen.Byte[0, 12], Gen.Byte.Array[0, 80], (tag, body) => (byte[])[tag, .. body])));

        Fuzz.Run(record, DecodesOrFailsCleanly, iterations: 20_000);
    }

    [Fact]
    public void Mutations_of_valid_records_decode_or_throw_FormatException_only()
    {
        Gen<byte[]> mutated =
            from sample in Gen.Int[0, CommandSamples.Encodings.Length - 1]
            from mutations in Gen.Select(Gen.Int[0, int.MaxValue], Gen.Byte, Gen.Int[0, 5]).Array[1, 4]
            select Mutate(CommandSamples.Encodings[sample], mutations);

        Fuzz.Run(mutated, DecodesOrFailsCleanly, iterations: 20_000);
    }

    [Fact]
    public void Every_single_byte_change_of_every_sample_decodes_or_throws_FormatException_only()
    {
        byte[] values = [0x00, 0x01, 0x02, 0x7F, 0x80, 0xFE, 0xFF];
        foreach (byte[] encoding in CommandSamples.Encodings)
        {
            for (int i = 0; i < encoding.Length; i++)
            {
                foreach (byte value in values)
                {
                    byte[] bytes = [.. encoding];
                    bytes[i] = value;
                    DecodesOrFailsCleanly(bytes);
                }
            }
        }
    }

    /// <summary>
    /// Kind 0-2: set a byte; 3: flip one bit; 4: delete a byte; 5: insert a byte. Positions wrap.
    /// </summary>
    private static byte[] Mutate(byte[] original, (int Position, byte Value, int Kind)[] mutations)
    {
        List<byte> bytes = [.. original];
        foreach ((int position, byte value, int kind) in mutations)
        {
            int at = bytes.Count == 0 ? 0 : position % bytes.Count;
            switch (kind)
            {
                case 3 when bytes.Count > 0:
                    bytes[at] ^= (byte)(1 << (value % 8));
                    break;
                case 4 when bytes.Count > 0:
                    bytes.RemoveAt(at);
                    break;
                case 5:
                    bytes.Insert(position % (bytes.Count + 1), value);
                    break;
                default:
                    if (bytes.Count > 0)
                    {
                        bytes[at] = value;
                    }
                    break;
            }
        }
        return [.. bytes];
    }

    /// <summary>
    /// The only allowed outcomes: a FormatException, or a command whose own encoding decodes back to
    /// the same bytes (what the reader accepted is something the writer can produce).
    /// </summary>
    private static void DecodesOrFailsCleanly(byte[] bytes)
    {
        Command decoded;
        try
        {
            decoded = CommandCodec.Read(bytes);
        }
        catch (FormatException)
        {
            return;
        }
        byte[] canonical = CommandCodec.Encode(decoded);
        Assert.Equal(canonical, CommandCodec.Encode(CommandCodec.Read(canonical)));
    }
}
