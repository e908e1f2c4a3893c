namespace OpenLine.Server.Api.Dtos;

/// <summary><c>cancelAllForLeague</c>: the request was taken; the cancels are on the user feed.</summary>
public sealed record OrdersReceivedDto(bool OrdersReceived);

/// <summary>The heartbeat acknowledgement (the WebSocket ack's shape, API §5.1).</summary>
public sealed record HeartbeatAckDto(string Type, string ServerTime, long TimeoutSec);

/// <summary>≤ 0: the worst case of the caller's bets on one game plus its resting stakes there.</summary>
public sealed record GameLiabilityDto(decimal Liability);

public sealed record SuccessDto(bool Success);

public sealed record UsersDto(IReadOnlyList<UserDto> Users);

public sealed record GameEnvelope(GameDto Game);

public sealed record EngineStateDto(ulong CommandCount, string StateHash, IReadOnlyList<string> InvariantViolations);
