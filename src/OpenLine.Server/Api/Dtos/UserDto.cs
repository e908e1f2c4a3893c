using System.Text.Json.Serialization;

namespace OpenLine.Server.Api.Dtos;

/// <summary>
/// The User object (API §4.10). Money is exact, at storage precision. <see cref="Auth"/> is the
/// token, present only in the login response (AuthenticatedUser).
/// </summary>
public sealed record UserDto(
    string Id,
    string Username,
    string Type,
    string OddsFormat,
    decimal DisplayBalance,
    decimal CreditLimit,
    decimal Liability,
    decimal Available,
    decimal CommissionCharged,
    bool HasMarketMakerAccess,
    bool IsAdmin,
    bool IsPro,
    string CreatedAt)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Auth { get; init; }
}

public sealed record UserEnvelope(UserDto User);
