using OpenLine.Core;

namespace OpenLine.Server.Auth;

/// <summary>Who made a request: a user (by account and the hash of the token used) or the operator.</summary>
public sealed record Caller(ObjectId AccountId, string TokenHash, long ExpiresAt, bool IsAdmin)
{
    public static readonly Caller Admin = new(ObjectId.Empty, "", long.MaxValue, IsAdmin: true);
}
