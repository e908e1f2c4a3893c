namespace OpenLine.Core;

/// <summary>A team or player. One id per (league, longName) across games (rules §8).</summary>
public sealed class Participant(ObjectId id, string longName, string shortName, string league, string sport)
{
    public ObjectId Id { get; } = id;

    /// <summary><see cref="Id"/> as its 24 hex digits, made once: the side and market token of the participant's orders.</summary>
    public string IdText { get; } = id.ToString();
    public string LongName { get; } = longName;
    public string ShortName { get; } = shortName;
    public string League { get; } = league;
    public string Sport { get; } = sport;
}
