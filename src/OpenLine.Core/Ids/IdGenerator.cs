namespace OpenLine.Core;

/// <summary>
/// Issues ObjectIDs from the engine's own sequence and the time of the command being applied.
/// Part of the engine state: the same commands replayed give the same ids.
/// </summary>
public sealed class IdGenerator
{
    private ulong _sequence;

    /// <summary>The last sequence number handed out.</summary>
    public ulong LastSequence => _sequence;

    public ObjectId Next(long unixMilliseconds)
    {
        _sequence++;
        return new ObjectId((uint)Math.Clamp(unixMilliseconds / 1000, 0, uint.MaxValue), _sequence);
    }

    internal void Restore(ulong sequence) => _sequence = sequence;
}
