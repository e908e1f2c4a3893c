namespace OpenLine.Core.Tests;

// Rules §8: ids are 24-hex ObjectIDs, 4 bytes of the command's time in seconds and 8 bytes of
// the engine's own sequence, so a replay reproduces them.
public class ObjectIdTests
{
    [Fact]
    public void ToString_is_24_lowercase_hex_digits_of_seconds_then_sequence()
    {
        var id = new ObjectId(0x68d43574, 0xcfebf0b249a2c28d);
        Assert.Equal("68d43574cfebf0b249a2c28d", id.ToString());
        Assert.Equal("00000001" + "0000000000000002", new ObjectId(1, 2).ToString());
    }

    [Theory]
    [InlineData("68d43574cfebf0b249a2c28d")]
    [InlineData("000000000000000000000001")]
    [InlineData("ffffffffffffffffffffffff")]
    public void Parse_round_trips(string text)
    {
        Assert.True(ObjectId.TryParse(text, out ObjectId id));
        Assert.Equal(text, id.ToString());
        Assert.Equal(id, ObjectId.Parse(text.ToUpperInvariant()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("68d43574cfebf0b249a2c28")]
    [InlineData("68d43574cfebf0b249a2c28d0")]
    [InlineData("68d43574cfebf0b249a2c2zz")]
    [InlineData("-8d43574cfebf0b249a2c28d")]
    public void TryParse_refuses_anything_but_24_hex_digits(string text)
    {
        Assert.False(ObjectId.TryParse(text, out _));
        Assert.Throws<FormatException>(() => ObjectId.Parse(text));
    }

    [Fact]
    public void Ids_order_by_time_then_sequence()
    {
        Assert.True(new ObjectId(1, 5).CompareTo(new ObjectId(2, 1)) < 0);
        Assert.True(new ObjectId(2, 1).CompareTo(new ObjectId(2, 2)) < 0);
        Assert.True(ObjectId.Empty.IsEmpty);
        Assert.False(new ObjectId(0, 1).IsEmpty);
    }

    [Fact]
    public void Generator_stamps_the_command_seconds_and_counts_up()
    {
        var ids = new IdGenerator();
        ObjectId a = ids.Next(1_760_003_200_999);
        ObjectId b = ids.Next(1_760_003_201_000);
        Assert.Equal(1_760_003_200u, a.Seconds);
        Assert.Equal(1_760_003_201u, b.Seconds);
        Assert.Equal(1ul, a.Sequence);
        Assert.Equal(2ul, b.Sequence);
        Assert.Equal(2ul, ids.LastSequence);
        Assert.Equal(0u, ids.Next(-5).Seconds);
    }

    [Fact]
    public void Engine_ids_carry_the_time_of_the_command_that_issued_them()
    {
        var x = new TestExchange();
        Account maker = x.NewAccount();
        Account taker = x.NewAccount();
        Game game = x.NewGame();
        x.Now += 12_345;
        Order resting = x.Rest(maker, Orders.Home(game, 110, 100m));
        x.Now += 61_000;
        OrderAccepted accepted = x.Accept(taker, Orders.Away(game, -110, 50m));
        uint seconds = (uint)(x.Now / 1000);

        Assert.Equal((uint)((TestExchange.T0 + 12_345) / 1000), resting.Id.Seconds);
        Assert.Equal(seconds, accepted.WagerRequestId.Seconds);
        FillReport fill = Assert.Single(accepted.Fills);
        Assert.Equal(seconds, fill.TxId.Seconds);
        Assert.Equal(accepted.WagerRequestId, fill.WagerRequestId);
        Assert.Equal(resting.Id, fill.MakerOrderId);
        Assert.Matches("^[0-9a-f]{24}$", fill.TxId.ToString());

        // Every id the engine issued is distinct and the sequences strictly increase in issue order.
        ObjectId[] issued = [maker.Id, taker.Id, game.Id, resting.WagerRequestId, resting.Id, accepted.WagerRequestId, fill.TxId];
        Assert.Equal(issued.Length, issued.Distinct().Count());
        Assert.Equal(issued.Select(i => i.Sequence).Order(), issued.Select(i => i.Sequence));
    }
}
