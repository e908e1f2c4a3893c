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
        app.MapPost("/session/v3/place", (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => PlaceAsync(context, api, args, caller, legacy: false)));
        app.MapPost("/session/v2/place", (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => PlaceAsync(context, api, args, caller, legacy: true)));
        app.MapPost("/session/cancel", (HttpContext context, ApiContext api) =>
            api.ForUserAsync(context, (args, caller) => CancelAsync(context, api, args, caller)));
        return app;
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
                valid.Add(order!);
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
            IReadOnlyList<OrderOutcome> outcomes = ((PlaceResult)result).Outcomes;
            var pending = new List<Task>();
            for (int i = 0; i < outcomes.Count; i++)
            {
                int position = positions[i];
                if (outcomes[i] is OrderHeld held)
                {
                    // Live delay: the response waits for the held order's outcome (rules §6).
                    pending.Add(api.Sequencer.WaitForHoldAsync(held.HoldId).ContinueWith(
                        t => entries[position] = t.IsCompletedSuccessfully ? Entry(t.Result) : SystemError(),
                        TaskScheduler.Default));
                }
                else
                {
                    entries[position] = Entry(outcomes[i]);
                }
            }
            await Task.WhenAll(pending).ConfigureAwait(false);
        }
        return ApiResults.Data(new CreatedSessionsDto(entries!));
    }

    private static object Entry(OrderOutcome outcome) => outcome switch
    {
        OrderAccepted accepted => new PlaceSuccessDto(
            accepted.Fills.Select(Views.Fill).ToArray(),
            accepted.Rest is { } rest ? Views.Rest(rest) : EmptyObject.Instance),
        OrderRejected rejected => new PlaceErrorDto(rejected.Message, RejectReasons.ErrorType(rejected.Reason)),
        _ => SystemError(),
    };

    private static PlaceErrorDto SystemError() => new("failed to interact with database", RejectReasons.SystemError);

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
