using System.Globalization;
using System.Text.Json;
using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Export;
using OpenLine.Server.Api.Http;

namespace OpenLine.Server.Api;

/// <summary>OpenLine's operator API (rules §10), authenticated by the admin token only.</summary>
public static class AdminEndpoints
{
    public const int MinPasswordLength = 8;

    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        RouteGroupBuilder admin = app.MapGroup("/admin");
        const string Tag = "Operator";
        int[] errors = [400, 401, 403, 404, 409];
        admin.MapPost("/users", (HttpContext c, ApiContext api) => api.ForAdminAsync(c, args => CreateUserAsync(api, args)))
            .Body<CreateUserRequest>().Documented<UserEnvelope>(Tag, "Create a user; balance is booked as a first deposit", errors);
        admin.MapGet("/users", (HttpContext c, ApiContext api) => api.ForAdminAsync(c, _ => ListUsersAsync(api)))
            .Documented<UsersDto>(Tag, "Every user", errors);
        admin.MapPost("/users/{userId}/deposit", (HttpContext c, ApiContext api, string userId) =>
            api.ForAdminAsync(c, args => MoveCashAsync(api, args, userId, deposit: true)))
            .Body<AmountRequest>().Documented<UserEnvelope>(Tag, "Deposit cash", errors);
        admin.MapPost("/users/{userId}/withdraw", (HttpContext c, ApiContext api, string userId) =>
            api.ForAdminAsync(c, args => MoveCashAsync(api, args, userId, deposit: false)))
            .Body<AmountRequest>().Documented<UserEnvelope>(Tag, "Withdraw cash that backs no open order or bet", errors);
        admin.MapPost("/games", (HttpContext c, ApiContext api) => api.ForAdminAsync(c, args => CreateGameAsync(api, args)))
            .Body<CreateGameRequest>().Documented<GameEnvelope>(Tag, "Create a game (participants: away, then home)", errors);
        admin.MapGet("/games", (HttpContext c, ApiContext api) => api.ForAdminAsync(c, _ => ListGamesAsync(api)))
            .Documented<GamesEnvelope<GameDto>>(Tag, "Every game", errors);
        admin.MapPost("/games/{gameId}/live", (HttpContext c, ApiContext api, string gameId) =>
            api.ForAdminAsync(c, args => SetLiveAsync(api, args, gameId)))
            .Body<LiveRequest>().Documented<GameEnvelope>(Tag, "Mark a game live (pre-game orders are cancelled) or not", errors);
        admin.MapPost("/games/{gameId}/result", (HttpContext c, ApiContext api, string gameId) =>
            api.ForAdminAsync(c, args => GradeAsync(api, args, gameId)))
            .Body<ResultRequest>().Documented<GradeResultDto>(Tag,
                "Grade the game on its final score (rules §7): closes it, cancels its open orders and settles every bet; "
                + "a new score on an ended game regrades (reversal entries, then the new settlement); the same score again changes nothing. "
                + "overdrawn lists the accounts a correction left owing money (negative available: winnings taken back after they were withdrawn)", errors);
        admin.MapPost("/games/{gameId}/void", (HttpContext c, ApiContext api, string gameId) =>
            api.ForAdminAsync(c, _ => VoidAsync(api, gameId)))
            .Documented<GradeResultDto>(Tag, "Void the game: closes it and refunds every bet (reversing an earlier grading), adminRefund true; "
                + "overdrawn lists the accounts a void after a result left owing money", errors);
        admin.MapLedger(Tag, errors);
        admin.MapExport(Tag);
        admin.MapGet("/state", (HttpContext c, ApiContext api) => api.ForAdminAsync(c, _ => StateAsync(api)))
            .Documented<EngineStateDto>(Tag, "Command count, state hash and invariant check", errors);
        admin.MapGet("/orders/{orderId}", (HttpContext c, ApiContext api, string orderId) => api.ForAdminAsync(c, _ => OrderAsync(api, orderId)))
            .Documented<object>(Tag, "One order, whoever owns it", errors);
        admin.MapGet("/bets/{txId}", (HttpContext c, ApiContext api, string txId) => api.ForAdminAsync(c, _ => BetAsync(api, txId)))
            .Documented<object>(Tag, "One matched bet with both sides' figures and, once graded, its settlement", errors);
        return app;
    }

    private static async Task<IResult> CreateUserAsync(ApiContext api, RequestArgs args)
    {
        string? username = args.GetString("username");
        string? password = args.GetString("password");
        if (string.IsNullOrWhiteSpace(username) || password is null)
        {
            return ApiResults.BadRequest("username and password are required.");
        }
        if (password.Length < MinPasswordLength || password.Length > 1024)
        {
            return ApiResults.BadRequest($"password must be {MinPasswordLength} to 1024 characters.");
        }
        if (!TryMoney(args, "balance", Money.Zero, out Money balance, out string? error)
            || !TryMoney(args, "creditLimit", Money.Zero, out Money creditLimit, out error))
        {
            return ApiResults.BadRequest(error!);
        }
        if (!TryDecimal(args, "commission", 0.01m, out decimal commissionValue, out error))
        {
            return ApiResults.BadRequest(error!);
        }
        if (!CommissionRate.TryFromDecimal(commissionValue, out CommissionRate commission))
        {
            return ApiResults.BadRequest("commission must be a rate from 0 up to (not including) 1, with at most 6 decimals.");
        }
        string hash = api.Passwords.HashPassword(username.Trim(), password);
        return await api.Sequencer.ExecuteAsync(new CreateAccount(username, hash, balance, creditLimit, commission), static (_, result) => result switch
        {
            AccountResult created => ApiResults.Data(new UserEnvelope(Views.User(created.Account))),
            Rejected rejected => ApiContext.Rejection(rejected),
            _ => Unexpected(),
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> ListUsersAsync(ApiContext api)
    {
        UserDto[] users = await api.Sequencer.QueryAsync(engine =>
            engine.Accounts.Values.OrderBy(a => a.Id).Select(Views.User).ToArray()).ConfigureAwait(false);
        return ApiResults.Data(new UsersDto(users));
    }

    private static async Task<IResult> MoveCashAsync(ApiContext api, RequestArgs args, string userId, bool deposit)
    {
        if (!ObjectId.TryParse(userId, out ObjectId accountId))
        {
            return ApiResults.NotFound("user not found");
        }
        if (!args.TryGetBody("amount", out _))
        {
            return ApiResults.BadRequest("amount is required.");
        }
        if (!TryMoney(args, "amount", Money.Zero, out Money amount, out string? error))
        {
            return ApiResults.BadRequest(error!);
        }
        Command command = deposit ? new Deposit(accountId, amount) : new Withdraw(accountId, amount);
        return await api.Sequencer.ExecuteAsync(command, static (_, result) => result switch
        {
            AccountResult changed => ApiResults.Data(new UserEnvelope(Views.User(changed.Account))),
            Rejected rejected => ApiContext.Rejection(rejected),
            _ => Unexpected(),
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> CreateGameAsync(ApiContext api, RequestArgs args)
    {
        string? league = args.GetString("league");
        string? sport = args.GetString("sport");
        string? startText = args.GetString("start");
        string? eventName = args.GetString("eventName");
        if (string.IsNullOrWhiteSpace(league) || string.IsNullOrWhiteSpace(sport) || startText is null)
        {
            return ApiResults.BadRequest("league, sport and start are required.");
        }
        if (!DateTimeOffset.TryParse(startText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset start))
        {
            return ApiResults.BadRequest("start must be an ISO 8601 date and time, e.g. 2026-12-01T01:00:00Z.");
        }
        if (!args.TryGetBody("participants", out JsonElement participants)
            || participants.ValueKind != JsonValueKind.Array || participants.GetArrayLength() != 2)
        {
            return ApiResults.BadRequest("participants must be an array of two {longName, shortName} objects: away, then home.");
        }
        var specs = new ParticipantSpec[2];
        int i = 0;
        foreach (JsonElement p in participants.EnumerateArray())
        {
            if (p.ValueKind != JsonValueKind.Object
                || !p.TryGetProperty("longName", out JsonElement longName) || longName.ValueKind != JsonValueKind.String
                || !p.TryGetProperty("shortName", out JsonElement shortName) || shortName.ValueKind != JsonValueKind.String)
            {
                return ApiResults.BadRequest("each participant needs a longName and a shortName (strings).");
            }
            specs[i++] = new ParticipantSpec(JsonText.GetString(longName, "longName")!, JsonText.GetString(shortName, "shortName")!);
        }
        var command = new CreateGame(league, sport, start.ToUnixTimeMilliseconds(), eventName, specs[0], specs[1]);
        return await api.Sequencer.ExecuteAsync(command, static (_, result) => result switch
        {
            GameResult created => ApiResults.Data(new GameEnvelope(Views.Game(created.Game))),
            Rejected rejected => ApiContext.Rejection(rejected),
            _ => Unexpected(),
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> ListGamesAsync(ApiContext api)
    {
        GameDto[] games = await api.Sequencer.QueryAsync(engine =>
            engine.Games.Values.OrderBy(g => g.StartsAt).ThenBy(g => g.Id).Select(Views.Game).ToArray()).ConfigureAwait(false);
        return ApiResults.Data(new GamesEnvelope<GameDto>(games));
    }

    private static async Task<IResult> SetLiveAsync(ApiContext api, RequestArgs args, string gameId)
    {
        if (!ObjectId.TryParse(gameId, out ObjectId id))
        {
            return ApiResults.NotFound("game not found");
        }
        if (!args.TryGetBody("live", out JsonElement live) || live.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            return ApiResults.BadRequest("live is required: true or false.");
        }
        return await api.Sequencer.ExecuteAsync(new SetGameLive(id, live.GetBoolean()), static (_, result) => result switch
        {
            GameResult changed => ApiResults.Data(new GameEnvelope(Views.Game(changed.Game))),
            Rejected rejected => ApiContext.Rejection(rejected),
            _ => Unexpected(),
        }).ConfigureAwait(false);
    }

    private static async Task<IResult> GradeAsync(ApiContext api, RequestArgs args, string gameId)
    {
        if (!ObjectId.TryParse(gameId, out ObjectId id))
        {
            return ApiResults.NotFound("game not found");
        }
        if (!TryScore(args, "awayScore", out int away, out string? error) || !TryScore(args, "homeScore", out int home, out error))
        {
            return ApiResults.BadRequest(error!);
        }
        return await api.Sequencer.ExecuteAsync(new GradeGame(id, away, home), Graded).ConfigureAwait(false);
    }

    private static async Task<IResult> VoidAsync(ApiContext api, string gameId) =>
        ObjectId.TryParse(gameId, out ObjectId id)
            ? await api.Sequencer.ExecuteAsync(new VoidGame(id), Graded).ConfigureAwait(false)
            : ApiResults.NotFound("game not found");

    private static IResult Graded(Exchange engine, CommandResult result) => result switch
    {
        GradeResult graded => ApiResults.Data(new GradeResultDto(Views.Game(graded.Game), graded.BetsSettled, graded.Changed,
            graded.Overdrawn.Select(Views.Overdrawn).ToList())),
        Rejected rejected => ApiContext.Rejection(rejected),
        _ => Unexpected(),
    };

    /// <summary>A final score: a JSON number with a whole value from 0 to <see cref="FinalScore.MaxScore"/> (<c>3</c> and <c>3.0</c>; not <c>"3"</c>, <c>2.5</c> or <c>-1</c>).</summary>
    private static bool TryScore(RequestArgs args, string name, out int score, out string? error)
    {
        score = 0;
        error = null;
        if (!args.TryGetBody(name, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            error = $"{name} is required: a whole number from 0 to {FinalScore.MaxScore}.";
            return false;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out decimal value)
            || value != decimal.Truncate(value) || value < 0 || value > FinalScore.MaxScore)
        {
            error = $"{name} must be a whole number from 0 to {FinalScore.MaxScore}, not {Shorten(element.GetRawText())}.";
            return false;
        }
        score = (int)value;
        return true;
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>How far the engine is and a hash of its whole state: equal hashes mean equal exchanges.</summary>
    private static async Task<IResult> StateAsync(ApiContext api)
    {
        EngineStateDto state = await api.Sequencer.QueryAsync(engine =>
            new EngineStateDto(engine.CommandCount, engine.StateHash(), engine.ValidateInternalState())).ConfigureAwait(false);
        return ApiResults.Data(state);
    }

    /// <summary>One order as the engine holds it, whoever owns it.</summary>
    private static async Task<IResult> OrderAsync(ApiContext api, string orderId)
    {
        if (!ObjectId.TryParse(orderId, out ObjectId id))
        {
            return ApiResults.BadRequest("invalid order ID format");
        }
        object? order = await api.Sequencer.QueryAsync(engine => engine.Orders.TryGetValue(id, out Order? o)
            ? new
            {
                id = o.Id.ToString(),
                wagerRequestID = o.WagerRequestId.ToString(),
                userID = o.Owner.Id.ToString(),
                username = o.Owner.Username,
                gameID = o.Game.Id.ToString(),
                type = o.Book.Type.ToWire(),
                side = Exchange.SideToken(o),
                market = Exchange.MarketToken(o),
                number = Wire.Number(o.Book.NumberFor(o.Side)),
                odds = o.Odds.Value,
                offered = Wire.Amount(o.Offered),
                filled = Wire.Amount(o.Filled),
                remaining = Wire.Amount(o.Remaining),
                state = o.State.ToString().ToLowerInvariant(),
                cancelReason = o.CancelReason?.ToString(),
                createdAt = Wire.Time(o.CreatedAt),
                closedAt = Wire.Time(o.ClosedAt),
            }
            : null).ConfigureAwait(false);
        return order is null ? ApiResults.NotFound("order not found") : ApiResults.Data(order);
    }

    /// <summary>One matched bet (fill) with both sides' figures; <c>settlement</c> is null until its game is graded or voided.</summary>
    private static async Task<IResult> BetAsync(ApiContext api, string txId)
    {
        if (!ObjectId.TryParse(txId, out ObjectId id))
        {
            return ApiResults.BadRequest("invalid txID format");
        }
        object? bet = await api.Sequencer.QueryAsync(engine => engine.Bets.TryGetValue(id, out Bet? b)
            ? new
            {
                txID = b.TxId.ToString(),
                gameID = b.Game.Id.ToString(),
                takerID = b.Taker.Id.ToString(),
                makerID = b.Maker.Id.ToString(),
                makerOrderID = b.MakerOrder.Id.ToString(),
                wagerRequestID = b.TakerWagerRequestId.ToString(),
                takerOdds = b.TakerOdds.Value,
                takerStake = Wire.Amount(b.TakerStake),
                makerStake = Wire.Amount(b.MakerStake),
                takerRisk = Wire.Amount(b.TakerFigures.Risk),
                takerWin = Wire.Amount(b.TakerFigures.Win),
                isPostArb = b.IsPostArb,
                matchedAt = Wire.Time(b.MatchedAt),
                settlement = b.Settlement is { } s ? new BetSettlementDto(
                    s.TakerOutcome.ToWire(), s.MakerOutcome.ToWire(), Wire.Amount(s.MakerToTaker), Wire.Amount(s.TakerToMaker), Wire.Amount(s.Fee),
                    Wire.Amount(s.TakerDelta), Wire.Amount(s.MakerDelta), Wire.Time(b.SettledAt), b.AdminRefund, b.SettleSequence) : null,
            }
            : null).ConfigureAwait(false);
        return bet is null ? ApiResults.NotFound("bet not found") : ApiResults.Data(bet);
    }

    private static IResult Unexpected() => ApiResults.Error(StatusCodes.Status500InternalServerError, "unexpected result");

    private static bool TryDecimal(RequestArgs args, string name, decimal fallback, out decimal value, out string? error)
    {
        value = fallback;
        error = null;
        if (!args.TryGetBody(name, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind != JsonValueKind.Number || !element.TryGetDecimal(out value))
        {
            error = $"{name} must be a number.";
            return false;
        }
        return true;
    }

    private static bool TryMoney(RequestArgs args, string name, Money fallback, out Money value, out string? error)
    {
        value = fallback;
        if (!TryDecimal(args, name, fallback.ToDecimal(), out decimal number, out error))
        {
            return false;
        }
        if (Math.Abs(number) > Money.MaxStake.ToDecimal() || !Money.TryFromDecimal(number, out value))
        {
            error = $"{name} must be at most 1000000000000 in magnitude, with at most 6 decimals.";
            return false;
        }
        return true;
    }
}
