using System.Text.Json;
using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Api;

/// <summary>Placing and cancelling orders (API §3.2).</summary>
public static class OrderEndpoints
{
    public static IEndpointRouteBuilder MapOrders(this IEndpointRouteBuilder app)
    {
        const string Tag = "Orders";
        app.MapPost("/session/v3/place", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (args, caller) => PlaceAsync(context, api, args, caller, legacy: false)))
            .Body<PlaceRequest>().Documented<CreatedSessionsDto>(Tag, "Place a batch of orders; results are positional");
        app.MapPost("/session/v2/place", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (args, caller) => PlaceAsync(context, api, args, caller, legacy: true)))
            .Body<PlaceRequest>().Documented<CreatedSessionsDto>(Tag, "Legacy alias of v3/place (accepts risk for bet)");
        app.MapPost("/session/cancel", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (args, caller) => CancelAsync(context, api, args, caller)))
            .Body<CancelRequest>().Documented<CancelResultDto>(Tag, "Cancel one open order", 400, 401, 403, 404, 409);
        app.MapPost("/session/cancelMultiple", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (args, caller) => CancelMultipleAsync(api, args, caller)))
            .Body<CancelMultipleRequest>().Documented<CancelResultDto[]>(Tag, "Cancel several orders; per-id results (failures as {success:false, reason})");
        app.MapPost("/session/cancelByReference", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (args, caller) => CancelByReferenceAsync(api, args, caller)))
            .Body<CancelByReferenceRequest>().Documented<CancelResultDto[]>(Tag, "Cancel the caller's open orders in a game by userReference");
        app.MapPost("/session/cancelAllOrdersForGame", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (args, caller) => CancelAllForGameAsync(api, args, caller)))
            .Body<CancelAllForGameRequest>().Documented<CancelResultDto[]>(Tag, "Cancel the caller's open orders in a game, optionally of one market type");
        app.MapPost("/session/cancelAllForLeague", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (args, caller) => CancelAllForLeagueAsync(api, args, caller)))
            .Body<CancelAllForLeagueRequest>().Documented<OrdersReceivedDto>(Tag, "Cancel the caller's open orders in a league");
        app.MapPost("/session/cancelAllOrders", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (_, caller) => CancelScopeAsync(api, caller, CancelScope.Everything)))
            .Documented<CancelResultDto[]>(Tag, "Kill switch: cancel every open order of the caller");
        app.MapPost("/session/pauseOrders", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (_, caller) => BulkAsync(api, new PauseOrders(caller.AccountId))))
            .Documented<CancelResultDto[]>(Tag, "Cancel every open order and remember it for resumeOrders");
        app.MapPost("/session/resumeOrders", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (_, caller) => ResumeAsync(api, caller)))
            .Documented<CreatedSessionsDto>(Tag, "Offer again (as post) what pauseOrders took off the book");
        app.MapPost("/session/editOrder", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (args, caller) => EditAsync(api, args, caller, v4: false)))
            .Body<EditOrderRequest>().Documented<EditResultDto>(Tag, "Cancel-and-replace a resting order", 400, 401, 403, 404, 409);
        app.MapPost("/session/v4/editOrder", (HttpContext context, ApiContext api) =>
            api.ForTradingAsync(context, (args, caller) => EditAsync(api, args, caller, v4: true)))
            .Body<EditOrderRequest>().Documented<EditResultDto>(Tag, "Edit with the intendedOrderVolume and blockIfNoOtherSideOrders guards", 400, 401, 403, 404, 409);
        return app;
    }

    private static async Task<IResult> CancelMultipleAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        if (!args.TryGetBody("sessionIDs", out JsonElement ids) || ids.ValueKind != JsonValueKind.Array)
        {
            return ApiResults.BadRequest("sessionIDs is required: an array of order ids.");
        }
        if (ids.GetArrayLength() > api.Options.MaxBatchSize)
        {
            return ApiResults.BadRequest($"A cancel request may carry at most {api.Options.MaxBatchSize} ids.");
        }
        var orderIds = new List<ObjectId>();
        foreach (JsonElement id in ids.EnumerateArray())
        {
            if (id.ValueKind != JsonValueKind.String || !JsonText.TryGetString(id, out string? text) || !ObjectId.TryParse(text, out ObjectId orderId))
            {
                return ApiResults.BadRequest("invalid order ID format");
            }
            orderIds.Add(orderId);
        }
        CommandResult result = await api.Sequencer.ExecuteAsync(new CancelOrders(caller.AccountId, orderIds), static (_, r) => r).ConfigureAwait(false);
        return result is CancelManyResult many
            ? ApiResults.Data(many.Results.Select(r => r switch
            {
                CancelResult cancelled => (object)Views.Cancel(cancelled.Report),
                Rejected rejected => new CancelFailureDto(false, rejected.Message),
                _ => new CancelFailureDto(false, "unexpected result"),
            }).ToArray())
            : ApiContext.Rejection((Rejected)result);
    }

    private static Task<IResult> CancelByReferenceAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        if (!TryGame(args, required: true, out ObjectId? gameId, out IResult? error))
        {
            return Task.FromResult(error!);
        }
        if (!args.TryGetBody("userReferences", out JsonElement references) || references.ValueKind != JsonValueKind.Array)
        {
            return Task.FromResult(ApiResults.BadRequest("userReferences is required: an array of strings."));
        }
        var list = new List<string>();
        foreach (JsonElement reference in references.EnumerateArray())
        {
            if (reference.ValueKind != JsonValueKind.String || !JsonText.TryGetString(reference, out string? text))
            {
                return Task.FromResult(ApiResults.BadRequest("userReferences must be strings."));
            }
            list.Add(text!);
        }
        return CancelScopeAsync(api, caller, new CancelScope(gameId, UserReferences: list));
    }

    private static Task<IResult> CancelAllForGameAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        if (!TryGame(args, required: true, out ObjectId? gameId, out IResult? error))
        {
            return Task.FromResult(error!);
        }
        MarketType? type = null;
        if (args.GetString("type") is { } typeText)
        {
            if (!MarketTypes.TryParse(typeText, out MarketType parsed))
            {
                return Task.FromResult(ApiResults.BadRequest("invalid type: must be moneyline, spread, total or moneyline1x2"));
            }
            type = parsed;
        }
        return CancelScopeAsync(api, caller, new CancelScope(gameId, type));
    }

    private static async Task<IResult> CancelAllForLeagueAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        string? league = args.GetString("league");
        if (string.IsNullOrWhiteSpace(league))
        {
            return ApiResults.BadRequest("league is required.");
        }
        bool known = await api.Sequencer.QueryAsync(engine =>
            engine.Games.Values.Any(g => g.League.Equals(league, StringComparison.OrdinalIgnoreCase))).ConfigureAwait(false);
        if (!known)
        {
            return ApiResults.BadRequest($"unknown league: {league}");
        }
        // Asynchronous in 4casters (results arrive on the user feed): the cancels are applied and durable before this answer.
        await api.Sequencer.ExecuteAsync(new CancelAllOrders(caller.AccountId, new CancelScope(League: league)), static (_, r) => r).ConfigureAwait(false);
        return ApiResults.Data(new OrdersReceivedDto(true));
    }

    private static Task<IResult> CancelScopeAsync(ApiContext api, Caller caller, CancelScope scope) =>
        BulkAsync(api, new CancelAllOrders(caller.AccountId, scope));

    /// <summary>A bulk cancel (or pause): one CancelResult per order it took off the book.</summary>
    private static async Task<IResult> BulkAsync(ApiContext api, Command command)
    {
        CommandResult result = await api.Sequencer.ExecuteAsync(command, static (_, r) => r).ConfigureAwait(false);
        return result switch
        {
            CancelManyResult many => ApiResults.Data(many.Results.OfType<CancelResult>().Select(c => Views.Cancel(c.Report)).ToArray()),
            Rejected rejected => ApiContext.Rejection(rejected),
            _ => ApiResults.Error(StatusCodes.Status500InternalServerError, "unexpected result"),
        };
    }

    private static async Task<IResult> ResumeAsync(ApiContext api, Caller caller)
    {
        CommandResult result = await api.Sequencer.ExecuteAsync(new ResumeOrders(caller.AccountId), static (_, r) => r).ConfigureAwait(false);
        if (result is not PlaceResult place)
        {
            return ApiContext.Rejection((Rejected)result);
        }
        return ApiResults.Data(new CreatedSessionsDto(await PlaceResponses.EntriesAsync(api.Sequencer, place.Outcomes, PlaceResponses.Rest).ConfigureAwait(false)));
    }

    private static async Task<IResult> EditAsync(ApiContext api, RequestArgs args, Caller caller, bool v4)
    {
        IResult Invalid(string message) => v4
            ? ApiResults.Raw(new PlaceErrorDto(message, RejectReasons.ValidationError), StatusCodes.Status400BadRequest)
            : ApiResults.BadRequest(message);

        string? sessionId = args.GetString("sessionID");
        if (sessionId is null || !ObjectId.TryParse(sessionId, out ObjectId orderId))
        {
            return Invalid(sessionId is null ? "sessionID is required." : "invalid order ID format");
        }
        if (!TryDecimal(args, "orderOdds", out decimal? oddsValue, out string? error)
            || !TryDecimal(args, "orderVolume", out decimal? volumeValue, out error)
            || !TryDecimal(args, "intendedOrderVolume", out decimal? intendedValue, out error)
            || !TryDecimal(args, "expiryChange", out decimal? expiryValue, out error, acceptNumericString: true))
        {
            return Invalid(error!);
        }
        if (oddsValue is { } o && (o != decimal.Truncate(o) || !AmericanOdds.TryCreate((long)Math.Clamp(o, long.MinValue, long.MaxValue), out _)))
        {
            return Invalid("orderOdds must be whole American odds from 100 to 100000 in magnitude");
        }
        if (volumeValue is { } v && (v <= 0 || v > Money.MaxStake.ToDecimal() || !Money.TryFromDecimal(v, out _)))
        {
            return Invalid(v <= 0 ? "bet must be greater than 0" : "orderVolume must be at most 1000000000000 with at most 6 decimals");
        }
        if (intendedValue is { } iv && (iv < 0 || !Money.TryFromDecimal(iv, out _)))
        {
            return Invalid("intendedOrderVolume must be a non-negative amount with at most 6 decimals");
        }
        if (expiryValue is { } e && (e != decimal.Truncate(e) || e < 0 || e > 10_080))
        {
            return Invalid("expiryChange must be a whole number of minutes from 0 to 10080");
        }
        OrderType orderType = OrderType.Limit;
        if (args.GetString("orderType") is { } typeText && !OrderTypes.TryParse(typeText, out orderType))
        {
            return Invalid("invalid orderType: must be limit, post, postArb, fillAndKill or fillOrKill");
        }
        string? userReference = args.GetString("userReference");
        if (userReference is { Length: > OrderParser.MaxUserReferenceLength })
        {
            return Invalid($"userReference must be at most {OrderParser.MaxUserReferenceLength} characters");
        }
        bool block = v4 && args.TryGetBody("blockIfNoOtherSideOrders", out JsonElement blockValue) && blockValue.ValueKind == JsonValueKind.True;

        // Unchanged odds or volume (null or absent, as published) keep the order's own.
        (AmericanOdds Odds, Money Remaining)? current = await api.Sequencer.QueryAsync(engine =>
            engine.Orders.TryGetValue(orderId, out Order? order) && order.Owner.Id == caller.AccountId
                ? (order.Odds, order.Remaining)
                : ((AmericanOdds, Money)?)null).ConfigureAwait(false);
        AmericanOdds odds = oddsValue is { } newOdds ? AmericanOdds.FromInt32((int)newOdds) : current?.Odds ?? AmericanOdds.Even;
        Money volume = volumeValue is { } newVolume ? Money.FromDecimal(newVolume) : current?.Remaining ?? Money.Zero;
        var command = new EditOrder(caller.AccountId, orderId, odds, volume, orderType, userReference,
            expiryValue is > 0 ? (int)expiryValue.Value : null, v4 && intendedValue is { } intended ? Money.FromDecimal(intended) : null, block);

        CommandResult result = await api.Sequencer.ExecuteAsync(command, static (_, r) => r).ConfigureAwait(false);
        if (result is Rejected rejected)
        {
            // editOrder documents 400 for every refusal (not cancel's 404/409); another user's order stays a 403.
            if (rejected.Reason == RejectReason.NotYourOrder)
            {
                return ApiContext.Rejection(rejected);
            }
            return v4
                ? ApiResults.Raw(new PlaceErrorDto(rejected.Message, RejectReasons.ErrorType(rejected.Reason)), StatusCodes.Status400BadRequest)
                : ApiResults.BadRequest(rejected.Message);
        }
        var edit = (EditResult)result;
        CancelReport c = edit.Cancelled;
        CancelledOrderDto cancelled = Views.CancelledOrder(c);
        if (edit.Replacement is null)
        {
            return ApiResults.Data(new EditResultDto(cancelled, [], null)); // v4 guard: stopped after the cancel, no "unmatched" key
        }
        object entry = (await PlaceResponses.EntriesAsync(api.Sequencer, [edit.Replacement], PlaceResponses.Rest).ConfigureAwait(false))[0];
        return entry switch
        {
            PlaceSuccessDto success => ApiResults.Data(new EditResultDto(cancelled, success.Matched, success.Unmatched)),
            // The old order is cancelled; the replacement was refused (as 4casters does: cancel first, then place).
            PlaceErrorDto failed => v4
                ? ApiResults.Raw(failed, StatusCodes.Status400BadRequest)
                : ApiResults.BadRequest(failed.Error),
            _ => ApiResults.Error(StatusCodes.Status500InternalServerError, "unexpected result"),
        };
    }

    private static bool TryGame(RequestArgs args, bool required, out ObjectId? gameId, out IResult? error)
    {
        gameId = null;
        error = null;
        string? text = args.GetString("gameID") ?? args.GetString("gameId");
        if (text is null)
        {
            if (required)
            {
                error = ApiResults.BadRequest("gameID is required.");
            }
            return !required;
        }
        if (!ObjectId.TryParse(text, out ObjectId id))
        {
            error = ApiResults.BadRequest("game not found: invalid gameID");
            return false;
        }
        gameId = id;
        return true;
    }

    private static bool TryDecimal(RequestArgs args, string name, out decimal? value, out string? error, bool acceptNumericString = false)
    {
        value = null;
        error = null;
        if (!args.TryGetBody(name, out JsonElement element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }
        if (element.ValueKind == JsonValueKind.Number && element.TryGetDecimal(out decimal number))
        {
            value = number;
            return true;
        }
        if (acceptNumericString && element.ValueKind == JsonValueKind.String && JsonText.TryGetString(element, out string? text)
            && decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out number))
        {
            value = number;
            return true;
        }
        error = $"{name} must be a number";
        return false;
    }

    private static async Task<IResult> PlaceAsync(HttpContext context, ApiContext api, RequestArgs args, Caller caller, bool legacy)
    {
        if (!ApiContext.TryGetIdempotencyKey(context, out string? idempotencyKey, out IResult? keyError))
        {
            return keyError!;
        }
        if (args.BodyObject is not { } body)
        {
            return ApiResults.BadRequest("The body must be a JSON object with an \"orders\" array.");
        }
        if (!body.TryGetProperty("orders", out JsonElement orders) || orders.ValueKind != JsonValueKind.Array)
        {
            return ApiResults.BadRequest("\"orders\" is required and must be an array of orders.");
        }
        int count = orders.GetArrayLength();
        if (count == 0)
        {
            return ApiResults.BadRequest("\"orders\" must contain at least one order.");
        }
        if (count > api.Options.MaxBatchSize)
        {
            return ApiResults.BadRequest($"A place request may carry at most {api.Options.MaxBatchSize} orders; this one has {count}.");
        }

        // Receive: parse each order; one that fails gets its own validation_error and the rest proceed.
        var entries = new object?[count];
        var valid = new List<OrderRequest>(count);
        var positions = new List<int>(count);
        int index = 0;
        foreach (JsonElement element in orders.EnumerateArray())
        {
            if (OrderParser.TryParse(element, legacy, out OrderRequest? order, out string? error))
            {
                valid.Add(caller.Platform == Platform.Api ? order! : order! with { Platform = caller.Platform });
                positions.Add(index);
            }
            else
            {
                entries[index] = new PlaceErrorDto(error!, RejectReasons.ValidationError);
            }
            index++;
        }

        if (valid.Count > 0)
        {
            CommandResult result = await api.Sequencer.ExecuteAsync(new PlaceOrders(caller.AccountId, valid, idempotencyKey), static (_, r) => r).ConfigureAwait(false);
            if (result is Rejected rejected)
            {
                return ApiContext.Rejection(rejected);
            }
            object[] placed = await PlaceResponses.EntriesAsync(api.Sequencer, ((PlaceResult)result).Outcomes, PlaceResponses.Rest).ConfigureAwait(false);
            for (int i = 0; i < placed.Length; i++)
            {
                entries[positions[i]] = placed[i];
            }
        }
        return ApiResults.Data(new CreatedSessionsDto(entries!));
    }

    private static async Task<IResult> CancelAsync(HttpContext context, ApiContext api, RequestArgs args, Caller caller)
    {
        if (!ApiContext.TryGetIdempotencyKey(context, out string? idempotencyKey, out IResult? keyError))
        {
            return keyError!;
        }
        string? sessionId = args.GetString("sessionID");
        if (sessionId is null)
        {
            return ApiResults.BadRequest("sessionID is required.");
        }
        if (!ObjectId.TryParse(sessionId, out ObjectId orderId))
        {
            return ApiResults.BadRequest("invalid order ID format");
        }
        CommandResult result = await api.Sequencer.ExecuteAsync(new CancelOrder(caller.AccountId, orderId, idempotencyKey), static (_, r) => r).ConfigureAwait(false);
        return result switch
        {
            CancelResult cancelled => ApiResults.Data(Views.Cancel(cancelled.Report)),
            Rejected rejected => ApiContext.Rejection(rejected),
            _ => ApiResults.Error(StatusCodes.Status500InternalServerError, "unexpected result"),
        };
    }
}
