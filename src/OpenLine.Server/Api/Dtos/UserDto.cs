using System.Text.Json.Serialization;

namespace OpenLine.Server.Api.Dtos;

/// <summary>The User object (API §4.10). Money is exact, at storage precision.</summary>
public record UserDto(
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
    string CreatedAt);

/// <summary>The login response's user: the User plus its token (<c>auth</c>).</summary>
public sealed record AuthenticatedUserDto(
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
    string CreatedAt,
    [property: JsonPropertyName("auth")] string Auth);

public sealed record UserEnvelope(UserDto User);

public sealed record AuthenticatedUserEnvelope(AuthenticatedUserDto User);
