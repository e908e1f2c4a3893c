using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using OpenLine.Core;
using OpenLine.Server.Api;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Auth;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server.Streaming;

/// <summary>
/// The orders WebSocket, <c>/orders/ws</c> (API §5): JSON 2-tuples <c>["type", {requestID, …}]</c>
/// in, <c>{requestID, data}</c> or <c>{requestID, error}</c> out. Commands go to the sequencer in
/// the order they arrive; answers go back as each completes, so an order held for the live delay
/// does not hold up the messages after it.
/// </summary>
public static class OrdersSocket
{
    public static IEndpointRouteBuilder MapOrdersSocket(this IEndpointRouteBuilder app)
    {
        app.Map("/orders/ws", HandleAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task HandleAsync(HttpContext context, ApiContext api, ILoggerFactory loggers)
    {
        (WebSocket? accepted, Caller? caller) = await SocketGate.AcceptAsync(context, api).ConfigureAwait(false);
        if (accepted is null || caller is null)
        {
            return;
        }
        using WebSocket socket = accepted;
        var connection = new SocketConnection(socket, api.Options.SocketSendQueue, api.Options.SocketMaxMessageBytes, loggers.CreateLogger("OpenLine.OrdersSocket"), api.Options.SocketSendQueueBytes);
        var session = new Session(api, caller, connection);
        using IDisposable credentials = SocketGate.WatchCredentials(api, caller, connection);
        await connection.RunAsync(session.OnMessageAsync, context.RequestAborted).ConfigureAwait(false);
    }

    private sealed class Session(ApiContext api, Caller caller, SocketConnection connection)
    {
        public Task OnMessageAsync(ReadOnlyMemory<byte> message)
        {
            string requestId = "";
            Task<object> answer;
            try
            {
                using JsonDocument document = JsonDocument.Parse(message, new JsonDocumentOptions { MaxDepth = 32 });
                JsonElement root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() != 2 || root[0].ValueKind != JsonValueKind.String
                    || root[1].ValueKind != JsonValueKind.Object)
                {
                    Reply(requestId, error: "invalid message: expected [\"messageType\", {…}]");
                    return Task.CompletedTask;
                }
                JsonElement payload = root[1];
                requestId = payload.TryGetProperty("requestID", out JsonElement id) && id.ValueKind == JsonValueKind.String
                    ? JsonText.GetString(id, "requestID") ?? ""
                    : Guid.NewGuid().ToString("n"); // omitted: the server makes one up (API §5)
                string? type = JsonText.GetString(root[0], "messageType");
                if (!api.Authenticator.IsStillValid(caller))
                {
                    // Logged out (or expired) since the upgrade: no more commands on this login.
                    Reply(requestId, error: "InvalidCredentials");
                    connection.Close(WebSocketCloseStatus.PolicyViolation, SocketGate.CredentialsEndedReason);
                    return Task.CompletedTask;
                }
                if (type != "heartbeat" && !api.Limits.TryTradingRequest(caller, out _))
                {
                    Reply(requestId, error: ApiResults.TooManyRequestsMessage); // the account's trading-request limit, as over REST
                    return Task.CompletedTask;
                }
                // Dispatch synchronously up to the sequencer call, so commands keep the order they arrived in.
                answer = type switch
                {
                    "heartbeat" => HeartbeatAsync(payload),
                    "placeV3" => PlaceAsync(payload),
                    "cancelById" => CancelByIdAsync(payload),
                    "cancelMultiple" => CancelMultipleAsync(payload),
                    "cancelAllByGame" => CancelAllByGameAsync(payload),
                    "cancelAll" => CancelAllAsync(),
                    var other => Task.FromResult<object>(new Failure($"unknown message type: {other}")),
                };
            }
            catch (JsonException)
            {
                Reply(requestId, error: "invalid message: not JSON");
                return Task.CompletedTask;
            }
            catch (BadInputException ex)
            {
                Reply(requestId, error: ex.Message);
                return Task.CompletedTask;
            }
            catch (Exception ex) when (ex is ExchangeHaltedException or ExchangeBusyException)
            {
                Reply(requestId, error: ex.Message); // halted, or the queue is full: nothing was done
                return Task.CompletedTask;
            }
            _ = answer.ContinueWith(t => Reply(requestId, t), TaskScheduler.Default);
            return Task.CompletedTask;
        }

        private void Reply(string requestId, Task<object> answer)
        {
            if (!answer.IsCompletedSuccessfully)
            {
                Reply(requestId, error: answer.Exception?.InnerException switch
                {
                    ExchangeHaltedException halted => halted.Message,
                    ExchangeBusyException busy => busy.Message,
                    CommandAppliedException applied => applied.Message,
                    _ => "internal error",
                });
            }
            else if (answer.Result is Failure failure)
            {
                Reply(requestId, error: failure.Error);
            }
            else
            {
                connection.Send(JsonSerializer.SerializeToUtf8Bytes(new SocketReply(requestId, answer.Result), WireJson.Options));
            }
        }

        private void Reply(string requestId, string error) =>
            connection.Send(JsonSerializer.SerializeToUtf8Bytes(new SocketError(requestId, error), WireJson.Options));

        private async Task<object> HeartbeatAsync(JsonElement payload)
        {
            if (!payload.TryGetProperty("requestTimeout", out JsonElement timeout) || timeout.ValueKind != JsonValueKind.Number
                || !timeout.TryGetDecimal(out decimal seconds) || seconds <= 0 || seconds > 86_400)
            {
                return new Failure("Invalid heartbeat timeout");
            }
            CommandResult result = await api.Sequencer.ExecuteAsync(new Heartbeat(caller.AccountId, (long)decimal.Ceiling(seconds * 1000)),
                static (_, r) => r).ConfigureAwait(false);
            return result is HeartbeatResult
                ? new HeartbeatAckDto("heartbeatAck", ServerTime(), (long)decimal.Ceiling(seconds))
                : new Failure("Invalid heartbeat timeout");
        }

        private string ServerTime() =>
            api.Time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'00Z'", CultureInfo.InvariantCulture); // RFC 3339, nanoseconds

        private async Task<object> PlaceAsync(JsonElement payload)
        {
            if (!payload.TryGetProperty("orders", out JsonElement orders) || orders.ValueKind != JsonValueKind.Array || orders.GetArrayLength() == 0)
            {
                return new Failure("orders is required: a non-empty array");
            }
            if (orders.GetArrayLength() > api.Options.MaxBatchSize)
            {
                return new Failure($"at most {api.Options.MaxBatchSize} orders per message");
            }
            var entries = new object?[orders.GetArrayLength()];
            var valid = new List<OrderRequest>();
            var positions = new List<int>();
            int index = 0;
            foreach (JsonElement element in orders.EnumerateArray())
            {
                if (OrderParser.TryParse(element, acceptRiskAsBet: false, out OrderRequest? order, out string? error))
                {
                    valid.Add(caller.Platform == Platform.Api ? order! : order! with { Platform = caller.Platform });
                    positions.Add(index);
                }
                else
                {
                    entries[index] = PlaceResponses.Socket.Error(error!, RejectReasons.ValidationError);
                }
                index++;
            }
            if (valid.Count > 0)
            {
                CommandResult result = await api.Sequencer.ExecuteAsync(new PlaceOrders(caller.AccountId, valid), static (_, r) => r).ConfigureAwait(false);
                if (result is not PlaceResult place)
                {
                    return new Failure(((Rejected)result).Message);
                }
                object[] placed = await PlaceResponses.EntriesAsync(api.Sequencer, place.Outcomes, PlaceResponses.Socket).ConfigureAwait(false);
                for (int i = 0; i < placed.Length; i++)
                {
                    entries[positions[i]] = placed[i];
                }
            }
            return entries;
        }

        private async Task<object> CancelByIdAsync(JsonElement payload)
        {
            if (!TryId(payload, "orderId", "orderID", out ObjectId orderId))
            {
                return new Failure("invalid order ID format");
            }
            CommandResult result = await api.Sequencer.ExecuteAsync(new CancelOrder(caller.AccountId, orderId), static (_, r) => r).ConfigureAwait(false);
            return result switch
            {
                CancelResult cancelled => new object[] { Views.CancelledOrder(cancelled.Report) },
                Rejected { Reason: RejectReason.UnknownOrder } => new Failure("order not found"),
                Rejected { Reason: RejectReason.NotYourOrder } => new Failure("unauthorized: order does not belong to user"),
                Rejected rejected => new Failure(rejected.Message),
                _ => new Failure("internal error"),
            };
        }

        private async Task<object> CancelMultipleAsync(JsonElement payload)
        {
            if (!payload.TryGetProperty("orderIDs", out JsonElement ids) && !payload.TryGetProperty("orderIds", out ids)
                || ids.ValueKind != JsonValueKind.Array || ids.GetArrayLength() > api.Options.MaxBatchSize)
            {
                return new Failure("Failed to process cancelMultiple");
            }
            var orderIds = new List<ObjectId>();
            var texts = new List<string>();
            foreach (JsonElement id in ids.EnumerateArray())
            {
                if (id.ValueKind != JsonValueKind.String || !JsonText.TryGetString(id, out string? text) || !ObjectId.TryParse(text, out ObjectId orderId))
                {
                    return new Failure("invalid order ID format");
                }
                orderIds.Add(orderId);
                texts.Add(text!);
            }
            CommandResult result = await api.Sequencer.ExecuteAsync(new CancelOrders(caller.AccountId, orderIds), static (_, r) => r).ConfigureAwait(false);
            if (result is not CancelManyResult many)
            {
                return new Failure("Failed to process cancelMultiple");
            }
            return many.Results.Select((r, i) => r is CancelResult cancelled
                ? (object)Views.CancelledOrder(cancelled.Report)
                : new SocketCancelFailure(false, texts[i], ((Rejected)r).Reason == RejectReason.NotYourOrder
                    ? "unauthorized: order does not belong to user"
                    : ((Rejected)r).Message)).ToArray();
        }

        private async Task<object> CancelAllByGameAsync(JsonElement payload)
        {
            if (!TryId(payload, "gameId", "gameID", out ObjectId gameId))
            {
                return new Failure("game not found");
            }
            MarketType? type = null;
            if (payload.TryGetProperty("type", out JsonElement typeValue) && typeValue.ValueKind == JsonValueKind.String)
            {
                if (!MarketTypes.TryParse(JsonText.GetString(typeValue, "type"), out MarketType parsed))
                {
                    return new Failure("Failed to process cancelAllByGame");
                }
                type = parsed;
            }
            string? side = payload.TryGetProperty("side", out JsonElement sideValue) && sideValue.ValueKind == JsonValueKind.String ? JsonText.GetString(sideValue, "side") : null;
            string? market = payload.TryGetProperty("market", out JsonElement marketValue) && marketValue.ValueKind == JsonValueKind.String ? JsonText.GetString(marketValue, "market") : null;
            CommandResult result = await api.Sequencer.ExecuteAsync(
                new CancelAllOrders(caller.AccountId, new CancelScope(gameId, type, side, market)), static (_, r) => r).ConfigureAwait(false);
            return result switch
            {
                CancelManyResult many => many.Results.OfType<CancelResult>().Select(c => Views.CancelledOrder(c.Report)).ToArray(),
                Rejected { Reason: RejectReason.UnknownGame } => new Failure("game not found"),
                _ => new Failure("Failed to process cancelAllByGame"),
            };
        }

        private async Task<object> CancelAllAsync()
        {
            CommandResult result = await api.Sequencer.ExecuteAsync(new CancelAllOrders(caller.AccountId, CancelScope.Everything), static (_, r) => r)
                .ConfigureAwait(false);
            return result is CancelManyResult many
                ? many.Results.OfType<CancelResult>().Select(c => Views.CancelledOrder(c.Report)).ToArray()
                : new Failure("Failed to process cancelAll");
        }

        private static bool TryId(JsonElement payload, string name, string alias, out ObjectId id)
        {
            id = default;
            return (payload.TryGetProperty(name, out JsonElement value) || payload.TryGetProperty(alias, out value))
                && value.ValueKind == JsonValueKind.String && JsonText.TryGetString(value, out string? text) && ObjectId.TryParse(text, out id);
        }
    }

    private sealed record Failure(string Error);

    private sealed record SocketReply([property: System.Text.Json.Serialization.JsonPropertyName("requestID")] string RequestID, object Data);

    private sealed record SocketError([property: System.Text.Json.Serialization.JsonPropertyName("requestID")] string RequestID, string Error);

    private sealed record SocketCancelFailure(bool Success, [property: System.Text.Json.Serialization.JsonPropertyName("orderID")] string OrderID, string Description);
}
