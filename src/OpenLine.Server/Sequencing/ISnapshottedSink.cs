using OpenLine.Core;

namespace OpenLine.Server.Sequencing;

/// <summary>
/// A read model whose state goes into each snapshot beside the engine's, because it holds history
/// the engine does not (e.g. the user feed's retained messages). Restored before the journal tail
/// is replayed into it.
/// </summary>
public interface ISnapshottedSink : IEventSink
{
    /// <summary>A stable name for its section of the snapshot.</summary>
    string Name { get; }

    void WriteSnapshot(BinaryOutput output);

    /// <summary>Called after <see cref="IEventSink.Restore"/> when the snapshot has a section for this sink.</summary>
    void ReadSnapshot(ReadOnlySpan<byte> data);
}
