using System.Buffers.Binary;
using System.Text;

namespace OpenLine.Core;

/// <summary>
/// Reads what <see cref="BinaryOutput"/> wrote. Every read is bounds-checked: truncated or
/// corrupt input throws <see cref="FormatException"/>, never reads past the end.
/// </summary>
public ref struct BinaryInput(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;
    private int _position;

    public readonly bool AtEnd => _position == _data.Length;

    public readonly int Remaining => _data.Length - _position;

    private ReadOnlySpan<byte> Take(int count)
    {
        if (count < 0 || count > _data.Length - _position)
        {
            throw new FormatException($"Record truncated: wanted {count} bytes at offset {_position} of {_data.Length}.");
        }
        ReadOnlySpan<byte> slice = _data.Slice(_position, count);
        _position += count;
        return slice;
    }

    public byte Byte() => Take(1)[0];

    public bool Bool() => Byte() switch
    {
        0 => false,
        1 => true,
        var b => throw new FormatException($"Invalid boolean byte {b}."),
    };

    public int Int32() => BinaryPrimitives.ReadInt32LittleEndian(Take(4));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Take(8));

    public ulong UInt64() => unchecked((ulong)Int64());

    public Money Money() => Core.Money.FromMicros(Int64());

    public ObjectId Id() => new(unchecked((uint)Int32()), UInt64());

    public string String()
    {
        try
        {
            return BinaryOutput.StrictUtf8.GetString(Take(Int32()));
        }
        catch (DecoderFallbackException ex)
        {
            throw new FormatException("Invalid UTF-8 in a string.", ex);
        }
    }

    public string? NullableString() => Bool() ? String() : null;

    public long? NullableInt64() => Bool() ? Int64() : null;

    public int? NullableInt32() => Bool() ? Int32() : null;

    public byte[] Bytes() => Take(Int32()).ToArray();

    /// <summary>Fails unless every byte was consumed (a record with trailing bytes is not one we wrote).</summary>
    public readonly void EnsureEnd()
    {
        if (!AtEnd)
        {
            throw new FormatException($"{Remaining} unexpected trailing bytes.");
        }
    }
}
