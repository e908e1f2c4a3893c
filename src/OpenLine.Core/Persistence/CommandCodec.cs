namespace OpenLine.Core;

/// <summary>
/// The binary encoding of commands, as the journal stores them (we journal inputs; replay
/// re-derives every outcome). One tag byte per command type. The layouts below were first
/// released with durability (step 2 of the plan); the layout of a tag never changes once
/// released — a new layout gets a new tag (tests pin the bytes).
/// </summary>
public static class CommandCodec
{
    private enum Tag : byte
    {
        AdvanceTime = 1,
        CreateAccount = 2,
        Deposit = 3,
        Withdraw = 4,
        CreateGame = 5,
        SetGameLive = 6,
        PlaceOrders = 7,
        CancelOrder = 8,
        IssueToken = 9,
        RevokeToken = 10,
        ConfigureExchange = 11,
        CancelOrders = 12,
        CancelAllOrders = 13,
        Heartbeat = 14,
        EditOrder = 15,
        PauseOrders = 16,
        ResumeOrders = 17,
        GradeGame = 18,
        VoidGame = 19,

        /// <summary>ConfigureExchange with an open-orders limit: the released layout of tag 11, then the limit (Int32 &gt; 0).</summary>
        ConfigureExchangeWithLimits = 20,

        /// <summary>PlaceOrders with an order not from the API: the layout of tag 7, then each order's <see cref="Platform"/> (a byte).</summary>
        PlaceOrdersWithPlatforms = 21,
    }

    public static void Write(Command command, BinaryOutput output)
    {
        switch (command)
        {
            case AdvanceTime:
                output.Byte((byte)Tag.AdvanceTime);
                break;
            case CreateAccount c:
                output.Byte((byte)Tag.CreateAccount).String(c.Username).String(c.PasswordHash).Money(c.Balance).Money(c.CreditLimit).Int32(c.Commission.Ppm);
                break;
            case Deposit d:
                output.Byte((byte)Tag.Deposit).Id(d.AccountId).Money(d.Amount);
                break;
            case Withdraw w:
                output.Byte((byte)Tag.Withdraw).Id(w.AccountId).Money(w.Amount);
                break;
            case CreateGame g:
                output.Byte((byte)Tag.CreateGame).String(g.League).String(g.Sport).Int64(g.StartsAt).NullableString(g.EventName)
                    .String(g.Away.LongName).String(g.Away.ShortName).String(g.Home.LongName).String(g.Home.ShortName);
                break;
            case SetGameLive l:
                output.Byte((byte)Tag.SetGameLive).Id(l.GameId).Bool(l.Live);
                break;
            case PlaceOrders p:
                // Orders from the API keep the released layout byte for byte; any other platform adds a byte per order.
                bool platforms = p.Orders.Any(o => o.Platform != Platform.Api);
                output.Byte((byte)(platforms ? Tag.PlaceOrdersWithPlatforms : Tag.PlaceOrders)).Id(p.AccountId).Int32(p.Orders.Count);
                foreach (OrderRequest o in p.Orders)
                {
                    output.Id(o.GameId).Byte((byte)o.Type).String(o.Side).NullableString(o.Market).Int32(o.Odds.Value).Money(o.Bet)
                        .NullableInt32(o.Number?.Quarters).Byte((byte)o.OrderType).NullableInt32(o.ExpirationMinutes).NullableString(o.UserReference);
                }
                output.NullableString(p.IdempotencyKey);
                if (platforms)
                {
                    foreach (OrderRequest o in p.Orders)
                    {
                        output.Byte((byte)o.Platform);
                    }
                }
                break;
            case CancelOrder c:
                output.Byte((byte)Tag.CancelOrder).Id(c.AccountId).Id(c.OrderId).NullableString(c.IdempotencyKey);
                break;
            case IssueToken t:
                output.Byte((byte)Tag.IssueToken).Id(t.AccountId).String(t.TokenHash).Int64(t.ExpiresAt);
                break;
            case RevokeToken r:
                output.Byte((byte)Tag.RevokeToken).String(r.TokenHash);
                break;
            case ConfigureExchange { Options.MaxOpenOrdersPerAccount: 0 } c:
                WriteOptions(output.Byte((byte)Tag.ConfigureExchange), c.Options); // the released layout, byte for byte
                break;
            case ConfigureExchange c:
                WriteOptions(output.Byte((byte)Tag.ConfigureExchangeWithLimits), c.Options);
                output.Int32(c.Options.MaxOpenOrdersPerAccount);
                break;
            case CancelOrders c:
                output.Byte((byte)Tag.CancelOrders).Id(c.AccountId).Int32(c.OrderIds.Count);
                foreach (ObjectId id in c.OrderIds)
                {
                    output.Id(id);
                }
                break;
            case CancelAllOrders c:
                output.Byte((byte)Tag.CancelAllOrders).Id(c.AccountId).Bool(c.Scope.GameId is not null).Id(c.Scope.GameId ?? ObjectId.Empty)
                    .NullableInt32(c.Scope.Type is { } type ? (int)type : null).NullableString(c.Scope.Side).NullableString(c.Scope.Market)
                    .NullableString(c.Scope.League).NullableInt32(c.Scope.UserReferences?.Count);
                foreach (string reference in c.Scope.UserReferences ?? [])
                {
                    output.String(reference);
                }
                break;
            case Heartbeat h:
                output.Byte((byte)Tag.Heartbeat).Id(h.AccountId).Int64(h.TimeoutMilliseconds);
                break;
            case EditOrder e:
                output.Byte((byte)Tag.EditOrder).Id(e.AccountId).Id(e.OrderId).Int32(e.Odds.Value).Money(e.Volume).Byte((byte)e.OrderType)
                    .NullableString(e.UserReference).NullableInt32(e.ExpirationMinutes).NullableInt64(e.IntendedVolume?.Micros).Bool(e.BlockIfNoOtherSideOrders);
                break;
            case PauseOrders p:
                output.Byte((byte)Tag.PauseOrders).Id(p.AccountId);
                break;
            case ResumeOrders r:
                output.Byte((byte)Tag.ResumeOrders).Id(r.AccountId);
                break;
            case GradeGame g:
                output.Byte((byte)Tag.GradeGame).Id(g.GameId).Int32(g.AwayScore).Int32(g.HomeScore);
                break;
            case VoidGame v:
                output.Byte((byte)Tag.VoidGame).Id(v.GameId);
                break;
            default:
                throw new ArgumentException($"No encoding for {command.GetType().Name}.", nameof(command));
        }
    }

    public static byte[] Encode(Command command)
    {
        var output = new BinaryOutput();
        Write(command, output);
        return output.ToArray();
    }

    /// <summary>Decodes one command; malformed input throws <see cref="FormatException"/>.</summary>
    public static Command Read(ReadOnlySpan<byte> data)
    {
        try
        {
            return ReadCore(data);
        }
        catch (Exception ex) when (ex is ArgumentException or OverflowException)
        {
            throw new FormatException("Corrupt command: " + ex.Message, ex);
        }
    }

    private static Command ReadCore(ReadOnlySpan<byte> data)
    {
        var input = new BinaryInput(data);
        var tag = (Tag)input.Byte();
        Command command = tag switch
        {
            Tag.AdvanceTime => AdvanceTime.Instance,
            Tag.CreateAccount => new CreateAccount(input.String(), input.String(), input.Money(), input.Money(), ReadRate(ref input)),
            Tag.Deposit => new Deposit(input.Id(), input.Money()),
            Tag.Withdraw => new Withdraw(input.Id(), input.Money()),
            Tag.CreateGame => new CreateGame(input.String(), input.String(), input.Int64(), input.NullableString(),
                new ParticipantSpec(input.String(), input.String()), new ParticipantSpec(input.String(), input.String())),
            Tag.SetGameLive => new SetGameLive(input.Id(), input.Bool()),
            Tag.PlaceOrders => ReadPlace(ref input, platforms: false),
            Tag.PlaceOrdersWithPlatforms => ReadPlace(ref input, platforms: true),
            Tag.CancelOrder => new CancelOrder(input.Id(), input.Id(), input.NullableString()),
            Tag.IssueToken => new IssueToken(input.Id(), input.String(), input.Int64()),
            Tag.RevokeToken => new RevokeToken(input.String()),
            Tag.ConfigureExchange => new ConfigureExchange(ReadOptions(ref input)),
            Tag.ConfigureExchangeWithLimits => new ConfigureExchange(ReadOptions(ref input) with { MaxOpenOrdersPerAccount = PositiveInt32(ref input) }),
            Tag.CancelOrders => ReadCancelOrders(ref input),
            Tag.CancelAllOrders => ReadCancelAll(ref input),
            Tag.Heartbeat => new Heartbeat(input.Id(), input.Int64()),
            Tag.EditOrder => ReadEdit(ref input),
            Tag.PauseOrders => new PauseOrders(input.Id()),
            Tag.ResumeOrders => new ResumeOrders(input.Id()),
            Tag.GradeGame => new GradeGame(input.Id(), input.Int32(), input.Int32()),
            Tag.VoidGame => new VoidGame(input.Id()),
            _ => throw new FormatException($"Unknown command tag {(byte)tag}."),
        };
        input.EnsureEnd();
        return command;
    }

    private static CommissionRate ReadRate(ref BinaryInput input)
    {
        int ppm = input.Int32();
        return ppm is >= 0 and < CommissionRate.PartsPerMillion ? CommissionRate.FromPpm(ppm) : throw new FormatException($"Invalid commission {ppm} ppm.");
    }

    private static PlaceOrders ReadPlace(ref BinaryInput input, bool platforms)
    {
        ObjectId account = input.Id();
        int count = input.Int32();
        if (count < 0 || count > input.Remaining)
        {
            throw new FormatException($"Invalid order count {count}.");
        }
        var orders = new OrderRequest[count];
        for (int i = 0; i < count; i++)
        {
            ObjectId game = input.Id();
            var type = (MarketType)input.Byte();
            string side = input.String();
            string? market = input.NullableString();
            int odds = input.Int32();
            Money bet = input.Money();
            int? quarters = input.NullableInt32();
            var orderType = (OrderType)input.Byte();
            int? expiration = input.NullableInt32();
            string? reference = input.NullableString();
            if (!Enum.IsDefined(type) || !Enum.IsDefined(orderType) || !AmericanOdds.TryCreate(odds, out AmericanOdds price))
            {
                throw new FormatException("Invalid order fields.");
            }
            orders[i] = new OrderRequest(game, type, side, market, price, bet, quarters is { } q ? new LineNumber(q) : null, orderType, expiration, reference);
        }
        string? idempotencyKey = input.NullableString();
        if (platforms)
        {
            for (int i = 0; i < count; i++)
            {
                var platform = (Platform)input.Byte();
                orders[i] = Enum.IsDefined(platform) ? orders[i] with { Platform = platform } : throw new FormatException($"Invalid platform {(byte)platform}.");
            }
            if (orders.All(o => o.Platform == Platform.Api))
            {
                throw new FormatException("A place with platforms names none but api (that is tag 7's layout)."); // one encoding per command
            }
        }
        return new PlaceOrders(account, orders, idempotencyKey);
    }

    private static CancelOrders ReadCancelOrders(ref BinaryInput input)
    {
        ObjectId account = input.Id();
        int count = input.Int32();
        if (count < 0 || count > input.Remaining)
        {
            throw new FormatException($"Invalid order count {count}.");
        }
        var ids = new ObjectId[count];
        for (int i = 0; i < count; i++)
        {
            ids[i] = input.Id();
        }
        return new CancelOrders(account, ids);
    }

    private static CancelAllOrders ReadCancelAll(ref BinaryInput input)
    {
        ObjectId account = input.Id();
        bool hasGame = input.Bool();
        ObjectId game = input.Id();
        int? type = input.NullableInt32();
        string? side = input.NullableString();
        string? market = input.NullableString();
        string? league = input.NullableString();
        int? count = input.NullableInt32();
        if (type is { } t && !Enum.IsDefined((MarketType)t) || count is < 0 || count > input.Remaining)
        {
            throw new FormatException("Invalid cancel scope.");
        }
        string[]? references = count is { } n ? new string[n] : null;
        for (int i = 0; i < (count ?? 0); i++)
        {
            references![i] = input.String();
        }
        return new CancelAllOrders(account, new CancelScope(hasGame ? game : null, type is { } mt ? (MarketType)mt : null, side, market, league, references));
    }

    private static EditOrder ReadEdit(ref BinaryInput input)
    {
        ObjectId account = input.Id();
        ObjectId order = input.Id();
        int odds = input.Int32();
        Money volume = input.Money();
        var orderType = (OrderType)input.Byte();
        string? reference = input.NullableString();
        int? expiration = input.NullableInt32();
        long? intended = input.NullableInt64();
        bool block = input.Bool();
        if (!Enum.IsDefined(orderType) || !AmericanOdds.TryCreate(odds, out AmericanOdds price))
        {
            throw new FormatException("Invalid edit fields.");
        }
        return new EditOrder(account, order, price, volume, orderType, reference, expiration, intended is { } v ? Money.FromMicros(v) : null, block);
    }

    private static void WriteOptions(BinaryOutput output, ExchangeOptions options)
    {
        output.Money(options.MinimumOffer).Int64(options.DefaultLiveDelayMilliseconds).Int64(options.LiveOrderDefaultLifetimeMilliseconds)
            .Int32(options.MaxExpirationMinutes).Int32(options.LiveDelayMilliseconds.Count);
        foreach (KeyValuePair<string, long> delay in options.LiveDelayMilliseconds.OrderBy(d => d.Key, StringComparer.OrdinalIgnoreCase))
        {
            output.String(delay.Key).Int64(delay.Value);
        }
    }

    private static int PositiveInt32(ref BinaryInput input)
    {
        int value = input.Int32();
        return value > 0 ? value : throw new FormatException($"Invalid limit {value}.");
    }

    private static ExchangeOptions ReadOptions(ref BinaryInput input)
    {
        Money minimum = input.Money();
        long defaultDelay = input.Int64();
        long liveLifetime = input.Int64();
        int maxExpiration = input.Int32();
        int count = input.Int32();
        if (count < 0 || count > input.Remaining)
        {
            throw new FormatException($"Invalid delay count {count}.");
        }
        var delays = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        for (int i = 0; i < count; i++)
        {
            delays[input.String()] = input.Int64();
        }
        return new ExchangeOptions
        {
            MinimumOffer = minimum,
            DefaultLiveDelayMilliseconds = defaultDelay,
            LiveOrderDefaultLifetimeMilliseconds = liveLifetime,
            MaxExpirationMinutes = maxExpiration,
            LiveDelayMilliseconds = delays,
        };
    }
}
