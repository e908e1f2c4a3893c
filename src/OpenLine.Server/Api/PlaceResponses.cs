using OpenLine.Core;
using OpenLine.Server.Api.Dtos;
using OpenLine.Server.Api.Http;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server.Api;

/// <summary>
/// The per-order entries of a place result, in the two dialects of the API: REST rounds
/// risk/win to 3 decimals and says <c>errorType</c>; the WebSocket gives full storage precision and
/// says <c>error_type</c> (rules §1, API §5.2). A live-delayed order's entry waits for its release.
/// </summary>
public static class PlaceResponses
{
    public sealed record Format(Func<Money, decimal> Figure, Func<string, string, object> Error);

    public static readonly Format Rest = new(Wire.Figure, (error, type) => new PlaceErrorDto(error, type));

    public static readonly Format Socket = new(Wire.Amount, (error, type) => new PlaceSocketErrorDto(error, type));

    public static async Task<object[]> EntriesAsync(Sequencer sequencer, IReadOnlyList<OrderOutcome> outcomes, Format format)
    {
        var entries = new object[outcomes.Count];
        var pending = new List<Task>();
        for (int i = 0; i < outcomes.Count; i++)
        {
            int position = i;
            if (outcomes[i] is OrderHeld held)
            {
                pending.Add(sequencer.WaitForHoldAsync(held.HoldId).ContinueWith(
                    t => entries[position] = t.IsCompletedSuccessfully ? Entry(t.Result, format) : SystemError(format),
                    TaskScheduler.Default));
            }
            else
            {
                entries[i] = Entry(outcomes[i], format);
            }
        }
        await Task.WhenAll(pending).ConfigureAwait(false);
        return entries;
    }

    public static object Entry(OrderOutcome outcome, Format format) => outcome switch
    {
        OrderAccepted accepted => new PlaceSuccessDto(
            accepted.Fills.Select(f => Views.Fill(f, format.Figure)).ToArray(),
            accepted.Rest is { } rest ? Views.Rest(rest) : EmptyObject.Instance),
        OrderRejected rejected => format.Error(rejected.Message, RejectReasons.ErrorType(rejected.Reason)),
        _ => SystemError(format),
    };

    public static object SystemError(Format format) => format.Error("failed to interact with database", RejectReasons.SystemError);
}
