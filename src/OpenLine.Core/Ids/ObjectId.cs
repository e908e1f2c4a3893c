using System.Globalization;

namespace OpenLine.Core;

/// <summary>
/// A 12-byte MongoDB-style ObjectID written as 24 lowercase hex digits: 4 bytes of seconds since
/// the Unix epoch (the command's time) and 8 bytes of the engine's own sequence (rules §8), so a
/// replay of the same commands yields the same ids. <c>default</c> is the all-zero id, never issued.
/// </summary>
public readonly record struct ObjectId(uint Seconds, ulong Sequence) : IComparable<ObjectId>
{
    public static readonly ObjectId Empty;

    public bool IsEmpty => Seconds == 0 && Sequence == 0;

    public static bool TryParse(ReadOnlySpan<char> text, out ObjectId id)
    {
        id = default;
        if (text.Length != 24
            || !uint.TryParse(text[..8], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint seconds)
            || !ulong.TryParse(text[8..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out ulong sequence))
        {
            return false;
        }
        id = new ObjectId(seconds, sequence);
        return true;
    }

    public static ObjectId Parse(string text) =>
        TryParse(text, out ObjectId id) ? id : throw new FormatException($"'{text}' is not a 24-hex ObjectID.");

    public int CompareTo(ObjectId other)
    {
        int bySeconds = Seconds.CompareTo(other.Seconds);
        return bySeconds != 0 ? bySeconds : Sequence.CompareTo(other.Sequence);
    }

    public override string ToString() =>
        Seconds.ToString("x8", CultureInfo.InvariantCulture) + Sequence.ToString("x16", CultureInfo.InvariantCulture);
}
