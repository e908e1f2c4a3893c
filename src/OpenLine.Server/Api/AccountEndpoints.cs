using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;

namespace OpenLine.Server.Api;

/// <summary>
/// The caller's own orders and bets: <c>lookupOrder</c> (API §3.2) and the user lookups of API §3.3.
/// Every lookup is scoped to the caller (rules §8): an id that belongs to another account answers
/// 403 <c>"Not your order"</c> where the endpoint takes an order, fill or bet id, and is never
/// shown. The error statuses are the documented ones, including <c>getBetByUserReference</c>'s 408.
/// </summary>
public static class AccountEndpoints
{
    private const string Tag = "Account";
    private const string NotYourOrder = "Not your order";
    private static readonly string[] GetAndPost = ["GET", "POST"];

    public static IEndpointRouteBuilder MapAccount(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/session/lookupOrder", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => LookupOrderAsync(api, args, caller)))
            .Documented<LookupOrderEnvelope>("Orders", "One of the caller's orders, taker-facing, with matched and unmatched risk (query: orderID)", 401, 403, 404);
        app.MapMethods("/user/getMatchedBets", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (_, caller) => GetMatchedBetsAsync(api, caller)))
            .Documented<MatchedBetsDto>(Tag, "The caller's matched, ungraded bets, one row per fill from the caller's side; game start ascending", 401);
        app.MapMethods("/user/getUnmatched", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (_, caller) => GetUnmatchedAsync(api, caller)))
            .Documented<UnmatchedOrdersDto>(Tag, "The caller's resting orders, from the caller's side; game start ascending", 401);
        app.MapMethods("/user/getOrdersForGame", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => GetOrdersForGameAsync(api, args, caller)))
            .Documented<OrdersForGameDto>(Tag, "The caller's resting orders and matched bets on one game (query: gameID)", 401, 404);
        app.MapMethods("/user/getBetByID", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => GetBetByIdAsync(api, args, caller)))
            .DocumentedRaw<BetEnvelope>(Tag, "One bet of the caller's, top-level: a MatchedBet, a GradedWager once settled, or an UnmatchedOrder (query: id or txID)", 400, 401, 403);
        app.MapMethods("/user/getBetByWagerRequestID", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => GetBetByWagerRequestIdAsync(api, args, caller)))
            .Documented<CombinedWagersDto>(Tag, "Every fill of one of the caller's wager requests (query: wagerRequestID)", 400, 401);
        app.MapMethods("/user/getBetByUserReference", GetAndPost, (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => GetBetByUserReferenceAsync(api, args, caller)))
            .Documented<CombinedWagersDto>(Tag, "The caller's orders and bets with one userReference, optionally on one game (query: userReference, gameID)", 401, 408);
        return app;
    }

    private static Task<IResult> LookupOrderAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        // API §3.2: 404 for an invalid id, whether malformed, missing or unknown.
        if (!ObjectId.TryParse(args.GetString("orderID"), out ObjectId orderId))
        {
            return Task.FromResult(ApiResults.NotFound("Invalid Session ID"));
        }
        return api.Sequencer.QueryAsync(engine =>
        {
            if (!engine.Orders.TryGetValue(orderId, out Order? order))
            {
                return ApiResults.NotFound("Invalid Session ID");
            }
            return order.Owner.Id != caller.AccountId
                ? ApiResults.Forbidden(NotYourOrder)
                : ApiResults.Data(new LookupOrderEnvelope(AccountViews.LookupOrder(order)));
        });
    }

    private static async Task<IResult> GetMatchedBetsAsync(ApiContext api, Caller caller)
    {
        List<MatchedBetDto> rows = await api.Sequencer.QueryAsync(engine =>
        {
            var bets = new CallerBets(engine, engine.Accounts[caller.AccountId]);
            return bets.Rows(bets.Ungraded);
        }).ConfigureAwait(false);
        return ApiResults.Data(new MatchedBetsDto(rows));
    }

    private static async Task<IResult> GetUnmatchedAsync(ApiContext api, Caller caller)
    {
        List<UnmatchedOrderDto> orders = await api.Sequencer.QueryAsync(engine =>
            AccountViews.Sorted(engine.Accounts[caller.AccountId].OpenOrders).Select(AccountViews.UnmatchedOrder).ToList()).ConfigureAwait(false);
        return ApiResults.Data(new UnmatchedOrdersDto(orders));
    }

    private static Task<IResult> GetOrdersForGameAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        // API §3.3: 404 if the game is missing or invalid (and so if it is unknown).
        if (!ObjectId.TryParse(args.GetString("gameID"), out ObjectId gameId))
        {
            return Task.FromResult(ApiResults.NotFound("Invalid Game ID"));
        }
        return api.Sequencer.QueryAsync(engine =>
        {
            if (!engine.Games.TryGetValue(gameId, out Game? game))
            {
                return ApiResults.NotFound("Invalid Game ID");
            }
            var bets = new CallerBets(engine, engine.Accounts[caller.AccountId]);
            List<UnmatchedOrderDto> unmatched = AccountViews.Sorted(bets.Me.OpenOrders.Where(o => o.Game == game))
                .Select(AccountViews.UnmatchedOrder).ToList();
            List<MatchedBetDto> matched = bets.Rows(bets.Ungraded.Where(b => b.Game == game));
            return ApiResults.Data(new OrdersForGameDto(unmatched, matched));
        });
    }

    /// <summary>
    /// <c>id</c>: an order id of the caller's, or a row id (a wagerRequestID for a taker with nothing
    /// resting). <c>txID</c>: a fill's txID or a wagerRequestID. A fill answers its MatchedBet row (its GradedWager row once settled); an
    /// order answers its first fill, or the order itself (an UnmatchedOrder, <c>closed</c> once off
    /// the book) while it is open or if it never filled. 400 for neither, both, malformed or unknown;
    /// 403 for an id of another account's order, fill or wager request.
    /// </summary>
    private static Task<IResult> GetBetByIdAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        string? idText = args.GetString("id");
        string? txText = args.GetString("txID");
        if ((idText is null) == (txText is null))
        {
            return Task.FromResult(ApiResults.BadRequest("Pass exactly one of id or txID."));
        }
        if (!ObjectId.TryParse(idText ?? txText, out ObjectId id))
        {
            return Task.FromResult(ApiResults.BadRequest(idText is null ? "Invalid txID" : "Invalid id"));
        }
        bool byTxId = txText is not null;
        return api.Sequencer.QueryAsync(engine =>
        {
            var bets = new CallerBets(engine, engine.Accounts[caller.AccountId]);
            object? bet = byTxId ? FindByTxId(engine, bets, id) : FindById(engine, bets, id);
            if (bet is not null)
            {
                return ApiResults.Raw(new BetEnvelope(bet));
            }
            return bets.BelongsToSomeoneElse(id)
                ? ApiResults.Forbidden(NotYourOrder)
                : ApiResults.BadRequest(byTxId ? "Invalid txID" : "Invalid id");
        });
    }

    private static object? FindByTxId(Exchange engine, CallerBets bets, ObjectId id)
    {
        if (engine.Bets.TryGetValue(id, out Bet? bet))
        {
            return ReferenceEquals(bet.Taker, bets.Me) || ReferenceEquals(bet.Maker, bets.Me) ? bets.AnyRow(bet) : null;
        }
        return FindWagerRequest(bets, id);
    }

    private static object? FindById(Exchange engine, CallerBets bets, ObjectId id)
    {
        if (engine.Orders.TryGetValue(id, out Order? order))
        {
            return ReferenceEquals(order.Owner, bets.Me) ? OrderView(bets, order) : null;
        }
        return FindWagerRequest(bets, id);
    }

    /// <summary>A wager request's first fill as taker, else the order it rested as.</summary>
    private static object? FindWagerRequest(CallerBets bets, ObjectId wagerRequestId)
    {
        IReadOnlyList<Bet> taken = bets.TakerBets(wagerRequestId);
        if (taken.Count > 0)
        {
            return bets.AnyRow(First(taken));
        }
        return bets.OrderOf(wagerRequestId) is { } order ? OrderView(bets, order) : null;
    }

    /// <summary>An open order as itself; a closed one as its first fill (the taker fills of its wager request come first), or as itself if it never filled.</summary>
    private static object OrderView(CallerBets bets, Order order)
    {
        if (order.State != OrderState.Open)
        {
            List<Bet> fills = [.. bets.TakerBets(order.WagerRequestId), .. bets.MakerBets(order)];
            if (fills.Count > 0)
            {
                return bets.AnyRow(First(fills));
            }
        }
        return AccountViews.UnmatchedOrder(order);
    }

    private static Bet First(IEnumerable<Bet> bets) => bets.OrderBy(b => b.MatchedAt).ThenBy(b => b.TxId).First();

    /// <summary><c>unmatched</c> is always empty here (API §3.3); another account's wagerRequestID is as unknown as a made-up one.</summary>
    private static Task<IResult> GetBetByWagerRequestIdAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        if (!ObjectId.TryParse(args.GetString("wagerRequestID"), out ObjectId wagerRequestId))
        {
            return Task.FromResult(ApiResults.BadRequest("Invalid Wager Request ID"));
        }
        return api.Sequencer.QueryAsync(engine =>
        {
            var bets = new CallerBets(engine, engine.Accounts[caller.AccountId]);
            List<Bet> fills = bets.WagerRequestBets(wagerRequestId);
            if (fills.Count == 0 && bets.OrderOf(wagerRequestId) is null)
            {
                return ApiResults.BadRequest("Invalid Wager Request ID");
            }
            return ApiResults.Data(new CombinedWagersDto([], bets.Rows(fills.Where(b => !b.IsGraded)), bets.GradedRows(fills.Where(b => b.IsGraded))));
        });
    }

    /// <summary>
    /// References are the caller's own strings, so another account's use of the same string is simply
    /// not seen. 408 (sic, API §3.3) for a missing reference and for a malformed or unknown gameID;
    /// without a gameID the whole account is searched (one client omits it).
    /// </summary>
    private static Task<IResult> GetBetByUserReferenceAsync(ApiContext api, RequestArgs args, Caller caller)
    {
        const int Documented408 = StatusCodes.Status408RequestTimeout;
        string? reference = args.GetString("userReference");
        string? gameText = args.GetString("gameID");
        if (string.IsNullOrEmpty(reference))
        {
            return Task.FromResult(ApiResults.Error(Documented408, "Invalid User Reference or Game ID"));
        }
        ObjectId gameId = default;
        if (gameText is not null && !ObjectId.TryParse(gameText, out gameId))
        {
            return Task.FromResult(ApiResults.Error(Documented408, "Invalid User Reference or Game ID"));
        }
        bool scoped = gameText is not null;
        return api.Sequencer.QueryAsync(engine =>
        {
            Game? game = null;
            if (scoped && !engine.Games.TryGetValue(gameId, out game))
            {
                return ApiResults.Error(Documented408, "Invalid User Reference or Game ID");
            }
            var bets = new CallerBets(engine, engine.Accounts[caller.AccountId]);
            List<UnmatchedOrderDto> unmatched = AccountViews.Sorted(bets.Me.OpenOrders
                    .Where(o => (game is null || o.Game == game) && string.Equals(o.UserReference, reference, StringComparison.Ordinal)))
                .Select(AccountViews.UnmatchedOrder).ToList();
            List<Bet> fills = bets.Me.Bets.Where(b => (game is null || b.Game == game)
                && string.Equals(ReferenceEquals(b.Taker, bets.Me) ? b.TakerUserReference : b.MakerOrder.UserReference, reference, StringComparison.Ordinal)).ToList();
            return ApiResults.Data(new CombinedWagersDto(unmatched, bets.Rows(fills.Where(b => !b.IsGraded)), bets.GradedRows(fills.Where(b => b.IsGraded))));
        });
    }
}
