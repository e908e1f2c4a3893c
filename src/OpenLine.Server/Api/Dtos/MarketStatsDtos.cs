using System.Text.Json.Serialization;

namespace OpenLine.Server.Api.Dtos;

/// <summary>A participant of <c>getParticipants</c> (API ParticipantSummary).</summary>
public sealed record ParticipantSummaryDto(
    [property: JsonPropertyName("participantID")] string ParticipantID,
    string LongName,
    string ShortName,
    string League,
    string Sport);

public sealed record ParticipantsDto(IReadOnlyList<ParticipantSummaryDto> Participants);

/// <summary><c>data</c> of <c>getMatchedVolume</c>: the dates as requested (before clamping) and the volume in dollars.</summary>
public sealed record MatchedVolumeDto(string StartDate, string EndDate, decimal MatchedVolume);

/// <summary>
/// <c>data</c> of <c>getLiveDelays</c> (an OpenLine extension): the live bet delay in seconds of every
/// league with a game or a configured delay, and the delay of any other league (rules §6).
/// </summary>
public sealed record LiveDelaysDto(decimal DefaultSeconds, IReadOnlyDictionary<string, decimal> Leagues);
