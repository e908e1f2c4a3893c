using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace OpenLine.Core;

/// <summary>
/// Appends little-endian primitives to a growable buffer: the encoding of journal records and
/// snapshots. Writing bytes to memory is not I/O; the server decides where they go.
/// </summary>
public sealed class BinaryOutput
{
    /// <summary>UTF-8 that refuses what it cannot carry (a lone surrogate) instead of changing it silently.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ArrayBufferWriter<byte> _buffer;

    public BinaryOutput(int initialCapacity = 256) => _buffer = new ArrayBufferWriter<byte>(initialCapacity);

    public ReadOnlySpan<byte> Written => _buffer.WrittenSpan;

    public int Length => _buffer.WrittenCount;

    public void Clear() => _buffer.ResetWrittenCount();

    public byte[] ToArray() => _buffer.WrittenSpan.ToArray();

    public BinaryOutput Byte(byte value)
    {
        _buffer.GetSpan(1)[0] = value;
        _buffer.Advance(1);
        return this;
    }

    public BinaryOutput Bool(bool value) => Byte(value ? (byte)1 : (byte)0);

    public BinaryOutput Int32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_buffer.GetSpan(4), value);
        _buffer.Advance(4);
        return this;
    }

    public BinaryOutput Int64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_buffer.GetSpan(8), value);
        _buffer.Advance(8);
        return this;
    }

    public BinaryOutput UInt64(ulong value) => Int64(unchecked((long)value));

    public BinaryOutput Money(Money value) => Int64(value.Micros);

    public BinaryOutput Id(ObjectId value) => Int32(unchecked((int)value.Seconds)).UInt64(value.Sequence);

    public BinaryOutput String(string value)
    {
        int count = StrictUtf8.GetByteCount(value);
        Int32(count);
        StrictUtf8.GetBytes(value, _buffer.GetSpan(count));
        _buffer.Advance(count);
        return this;
    }

    /// <summary>A string that may be null (a presence byte, then the string).</summary>
    public BinaryOutput NullableString(string? value) => value is null ? Bool(false) : Bool(true).String(value);

    public BinaryOutput NullableInt64(long? value) => value is { } v ? Bool(true).Int64(v) : Bool(false);

    public BinaryOutput NullableInt32(int? value) => value is { } v ? Bool(true).Int32(v) : Bool(false);

    public BinaryOutput Bytes(ReadOnlySpan<byte> value)
    {
        Int32(value.Length);
        value.CopyTo(_buffer.GetSpan(value.Length));
        _buffer.Advance(value.Length);
        return this;
    }
}
