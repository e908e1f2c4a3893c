using OpenLine.Core;

namespace OpenLine.Server.Api;

/// <summary>The one place where the engine's reject codes become the API's error types and HTTP statuses.</summary>
public static class RejectReasons
{
    public const string ValidationError = "validation_error";
    public const string RejectedLiability = "rejected_liability";
    public const string RejectedOrderTypeRules = "rejected_order_type_rules";
    public const string SystemError = "system_error";

    /// <summary>The place/edit <c>errorType</c> of a per-order rejection (API §3.2).</summary>
    public static string ErrorType(RejectReason reason) => (int)reason switch
    {
        >= 100 and < 200 => ValidationError,
        >= 200 and < 300 => RejectedLiability,
        >= 300 and < 400 => RejectedOrderTypeRules,
        >= 400 and < 600 => ValidationError,
        _ => SystemError,
    };

    /// <summary>The HTTP status of a command rejected as a whole (cancel, operator API).</summary>
    public static int HttpStatus(RejectReason reason) => reason switch
    {
        RejectReason.UnknownOrder or RejectReason.UnknownAccount or RejectReason.UnknownGame => StatusCodes.Status404NotFound,
        RejectReason.NotYourOrder => StatusCodes.Status403Forbidden,
        RejectReason.OrderNotOpen or RejectReason.UsernameTaken or RejectReason.IdempotencyKeyReused => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
