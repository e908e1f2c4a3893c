namespace OpenLine.Core;

/// <summary>A team or player. One id per (league, longName) across games (rules §8).</summary>
public sealed class Participant(ObjectId id, string longName, string shortName, string league, string sport)
{
    public ObjectId Id { get; } = id;
    public string LongName { get; } = longName;
    public string ShortName { get; } = shortName;
    public string League { get; } = league;
    public string Sport { get; } = sport;
}
