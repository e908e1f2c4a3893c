using System.Buffers.Binary;
using System.IO.Hashing;

namespace OpenLine.Server.Storage;

/// <summary>
/// One journaled command: its sequence number (the engine's command count after it), the time
/// the sequencer stamped on it (Unix ms), the encoded command, and a CRC-32 over all three so a
/// torn or corrupted record is detected on recovery and never half-applied.
/// </summary>
public sealed record JournalRecord(long Sequence, long At, byte[] Payload, uint Checksum)
{
    public static JournalRecord Create(long sequence, long at, byte[] payload) =>
        new(sequence, at, payload, ChecksumOf(sequence, at, payload));

    public bool IsIntact => Checksum == ChecksumOf(Sequence, At, Payload);

    public static uint ChecksumOf(long sequence, long at, ReadOnlySpan<byte> payload)
    {
        var crc = new Crc32();
        Span<byte> header = stackalloc byte[16];
        BinaryPrimitives.WriteInt64LittleEndian(header, sequence);
        BinaryPrimitives.WriteInt64LittleEndian(header[8..], at);
        crc.Append(header);
        crc.Append(payload);
        return crc.GetCurrentHashAsUInt32();
    }
}

/// <summary>A stored snapshot of the engine after command <see cref="Sequence"/>.</summary>
public sealed record StoredSnapshot(long Sequence, byte[] State, uint Checksum)
{
    public static StoredSnapshot Create(long sequence, byte[] state) => new(sequence, state, ChecksumOf(sequence, state));

    public bool IsIntact => Checksum == ChecksumOf(Sequence, State);

    private static uint ChecksumOf(long sequence, ReadOnlySpan<byte> state) => JournalRecord.ChecksumOf(sequence, 0, state);
}
