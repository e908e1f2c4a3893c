using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using OpenLine.Core;

namespace OpenLine.Server.Api;

/// <summary>
/// The opaque walk position of <c>getGradedSince</c> (API §3.3): the account it belongs to and the
/// settle sequence of the last settlement walked past (0: before the first). Written as base64url
/// of the account id, the sequence and a 4-byte check, so that garbage, a truncated or edited
/// cursor, and another account's cursor are told apart from a real one and refused. The check
/// keeps out accidents, not attackers: a cursor can only ever read its own account's history.
/// Settle sequences are engine state (journaled and snapshotted), so a cursor survives restarts.
/// </summary>
public readonly record struct GradedCursor(ObjectId Account, ulong Sequence)
{
    private const byte Version = 1;
    private const int IdBytes = 12;
    private const int PayloadBytes = 1 + IdBytes + 8;
    private const int CheckBytes = 4;
    private static readonly byte[] s_domain = Encoding.ASCII.GetBytes("openline/getGradedSince/cursor");

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[PayloadBytes + CheckBytes];
        bytes[0] = Version;
        BinaryPrimitives.WriteUInt32BigEndian(bytes[1..], Account.Seconds);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[5..], Account.Sequence);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[(1 + IdBytes)..], Sequence);
        Check(bytes[..PayloadBytes], bytes[PayloadBytes..]);
        return Base64Url.EncodeToString(bytes);
    }

    public static bool TryParse(string text, out GradedCursor cursor)
    {
        cursor = default;
        Span<byte> bytes = stackalloc byte[PayloadBytes + CheckBytes];
        // TryDecodeFromChars throws on text that is not base64url at all; IsValid answers that without throwing.
        if (text.Length > 64 || !Base64Url.IsValid(text, out int length) || length != PayloadBytes + CheckBytes)
        {
            return false;
        }
        try
        {
            if (!Base64Url.TryDecodeFromChars(text, bytes, out int written) || written != PayloadBytes + CheckBytes || bytes[0] != Version)
            {
                return false;
            }
        }
        catch (FormatException)
        {
            return false; // non-zero unused bits in the last character, which IsValid lets through
        }
        Span<byte> expected = stackalloc byte[CheckBytes];
        Check(bytes[..PayloadBytes], expected);
        if (!expected.SequenceEqual(bytes[PayloadBytes..(PayloadBytes + CheckBytes)]))
        {
            return false;
        }
        var account = new ObjectId(BinaryPrimitives.ReadUInt32BigEndian(bytes[1..]), BinaryPrimitives.ReadUInt64BigEndian(bytes[5..]));
        cursor = new GradedCursor(account, BinaryPrimitives.ReadUInt64BigEndian(bytes[(1 + IdBytes)..]));
        return true;
    }

    private static void Check(ReadOnlySpan<byte> payload, Span<byte> check)
    {
        Span<byte> input = stackalloc byte[s_domain.Length + PayloadBytes];
        s_domain.CopyTo(input);
        payload.CopyTo(input[s_domain.Length..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(input, hash);
        hash[..CheckBytes].CopyTo(check);
    }
}
