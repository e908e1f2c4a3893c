using OpenLine.Core;
using OpenLine.Server.Storage;

namespace OpenLine.Server.Sequencing;

/// <summary>
/// Rebuilds a state from the store: the newest snapshot, its read models, then the journal after
/// it, command by command through the engine and the sinks. Recovery (<see cref="Sequencer"/>) and
/// the background checkpointer (<see cref="Checkpointer"/>) both do exactly this; they differ only
/// in where they stop and in what a torn record means, which <see cref="Replay"/> takes as arguments.
/// </summary>
public static class JournalReplay
{
    /// <summary>
    /// Loads the newest snapshot and connects <paramref name="sinks"/> to the engine it holds, giving
    /// each snapshotted sink its section. Returns the engine and the snapshot's sequence (0: none).
    /// </summary>
    public static (Exchange Engine, long Snapshot) Restore(IJournalStore store, IEnumerable<IEventSink> sinks, ILogger logger)
    {
        (Exchange engine, Dictionary<string, byte[]> sections, long snapshot) = ServerSnapshot.LoadNewest(store, logger);
        foreach (IEventSink sink in sinks)
        {
            sink.Restore(engine);
            if (sink is ISnapshottedSink saved && sections.TryGetValue(saved.Name, out byte[]? section))
            {
                saved.ReadSnapshot(section);
            }
        }
        return (engine, snapshot);
    }

    /// <summary>
    /// Applies the journaled commands after the engine's last one, in order, up to and including
    /// <paramref name="through"/> (null: to the end), feeding each command's events to
    /// <paramref name="sinks"/>. Every record must be the next sequence and intact, except that with
    /// <paramref name="tornTailAllowed"/> the very last record may be torn (a write cut short: never
    /// acknowledged) and is returned instead of applied. A record that is intact but cannot be decoded
    /// always stops the replay: it was written whole, so it may have been acknowledged.
    /// </summary>
    /// <exception cref="InvalidDataException">A gap, a torn record where none may be, or an undecodable record.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="stopping"/> turned true.</exception>
    public static JournalRecord? Replay(IJournalStore store, Exchange engine, IReadOnlyList<IEventSink> sinks, List<ExchangeEvent> events,
        long? through = null, bool tornTailAllowed = false, Func<bool>? stopping = null)
    {
        long expected = (long)engine.CommandCount + 1;
        JournalRecord? torn = null;
        foreach (JournalRecord record in store.ReadAfter(expected - 1))
        {
            if (record.Sequence > through)
            {
                break;
            }
            if (stopping?.Invoke() == true)
            {
                throw new OperationCanceledException();
            }
            if (torn is not null)
            {
                throw new InvalidDataException($"Journal record {torn.Sequence} is corrupt but records follow it; refusing to guess.");
            }
            if (record.Sequence != expected)
            {
                throw new InvalidDataException($"Journal gap: expected record {expected}, found {record.Sequence}.");
            }
            if (!record.IsIntact)
            {
                if (!tornTailAllowed)
                {
                    throw new InvalidDataException($"Journal record {record.Sequence} is corrupt.");
                }
                torn = record; // only acceptable as the very last record
                continue;
            }
            Command command;
            try
            {
                command = CommandCodec.Read(record.Payload);
            }
            catch (FormatException ex)
            {
                // Its checksum matches, so it was written whole and may have been acknowledged:
                // dropping it could lose an acknowledged command (a newer version's record, a codec bug).
                throw new InvalidDataException(
                    $"Journal record {record.Sequence} is intact but cannot be decoded ({ex.Message}); refusing to go on rather than drop it.", ex);
            }
            events.Clear();
            engine.Execute(command, record.At, events);
            foreach (IEventSink sink in sinks)
            {
                sink.Apply(events);
            }
            expected++;
        }
        events.Clear();
        long last = expected - 1;
        if ((long)engine.CommandCount != last)
        {
            throw new InvalidDataException($"Replay ended at command {engine.CommandCount}, journal at {last}.");
        }
        if (through is { } target && last != target)
        {
            throw new InvalidDataException($"The journal ends at command {last}, before the requested {target}.");
        }
        return torn;
    }
}
