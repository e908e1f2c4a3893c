using System.Security.Cryptography;
using System.Text;

namespace OpenLine.Server.Auth;

/// <summary>Login tokens (rules §8): 256 random bits in hex; only their SHA-256 is ever stored.</summary>
public static class Tokens
{
    /// <summary>How long a token lives.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(30);

    /// <summary>A request in this last part of a token's life gets a fresh token in <c>X-Auth-Token</c>.</summary>
    public static readonly TimeSpan RenewWithin = TimeSpan.FromDays(5);

    public static string NewToken() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
