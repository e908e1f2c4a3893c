using OpenLine.Core;
using OpenLine.Server.Storage;

namespace OpenLine.Server.Sequencing;

/// <summary>
/// The server's snapshot format: the engine's bytes, then a named section per snapshotted read
/// model. Written by the checkpointer (and by the sequencer at shutdown), read at recovery.
/// </summary>
public static class ServerSnapshot
{
    private const int Magic = 0x4F4C5332; // "OLS2": engine + read-model sections

    /// <summary>
    /// Saves a snapshot of <paramref name="engine"/> and <paramref name="sinks"/> at the engine's last command,
    /// tells <paramref name="saved"/> (before anything else can fail: the snapshot is durable), then compacts
    /// through <paramref name="previous"/> (the snapshot before it; 0: none): the previous snapshot and the
    /// journal since it are kept, so one bad snapshot never loses data. Returns its size in bytes.
    /// </summary>
    public static int SaveAndCompact(IJournalStore store, Exchange engine, IEnumerable<ISnapshottedSink> sinks, long previous, Action<long> saved)
    {
        byte[] state = Compose(engine, sinks);
        long sequence = (long)engine.CommandCount;
        store.SaveSnapshot(StoredSnapshot.Create(sequence, state));
        saved(sequence);
        if (previous > 0)
        {
            store.CompactThrough(previous);
        }
        return state.Length;
    }

    public static byte[] Compose(Exchange engine, IEnumerable<ISnapshottedSink> sinks)
    {
        var engineBytes = new BinaryOutput(1 << 20);
        engine.WriteSnapshot(engineBytes);
        var output = new BinaryOutput(engineBytes.Length + 1024);
        output.Int32(Magic).Bytes(engineBytes.Written);
        ISnapshottedSink[] saved = [.. sinks];
        output.Int32(saved.Length);
        foreach (ISnapshottedSink sink in saved)
        {
            var section = new BinaryOutput();
            sink.WriteSnapshot(section);
            output.String(sink.Name).Bytes(section.Written);
        }
        return output.ToArray();
    }

    public static (Exchange Engine, Dictionary<string, byte[]> Sections) Read(ReadOnlySpan<byte> state)
    {
        var input = new BinaryInput(state);
        if (input.Int32() != Magic)
        {
            throw new FormatException("Not an OpenLine server snapshot.");
        }
        Exchange engine = Exchange.ReadSnapshot(input.Bytes());
        var sections = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        for (int i = input.Int32(); i > 0; i--)
        {
            sections[input.String()] = input.Bytes();
        }
        input.EnsureEnd();
        return (engine, sections);
    }

    /// <summary>
    /// The newest intact, readable snapshot in <paramref name="store"/> and its sequence; an empty
    /// engine with the default rules (sequence 0) when there is none — the journal carries every
    /// <see cref="ConfigureExchange"/>, so replay never depends on today's configuration.
    /// </summary>
    public static (Exchange Engine, Dictionary<string, byte[]> Sections, long Sequence) LoadNewest(IJournalStore store, ILogger logger)
    {
        foreach (StoredSnapshot snapshot in store.SnapshotsNewestFirst())
        {
            if (!snapshot.IsIntact)
            {
                logger.LogWarning("Snapshot at command {Sequence} fails its checksum; trying an older one", snapshot.Sequence);
                continue;
            }
            try
            {
                (Exchange engine, Dictionary<string, byte[]> sections) = Read(snapshot.State);
                if ((long)engine.CommandCount != snapshot.Sequence)
                {
                    throw new FormatException($"The snapshot's engine is at command {engine.CommandCount}, not {snapshot.Sequence}.");
                }
                return (engine, sections, snapshot.Sequence);
            }
            catch (FormatException ex)
            {
                logger.LogWarning(ex, "Snapshot at command {Sequence} cannot be read; trying an older one", snapshot.Sequence);
            }
        }
        return (new Exchange(), [], 0);
    }
}
