using OpenLine.Core;

namespace OpenLine.Server.Auth;

/// <summary>
/// Who made a request: a user (by account and the hash of the token used) or the operator, and from
/// where: <see cref="Platform.Web"/> for the web page (its login is the <c>auth</c> cookie), else the API.
/// </summary>
public sealed record Caller(ObjectId AccountId, string TokenHash, long ExpiresAt, bool IsAdmin)
{
    /// <summary>Where the caller's orders come from (API §4.9 <c>platform</c>).</summary>
    public Platform Platform { get; init; }

    public static readonly Caller Admin = new(ObjectId.Empty, "", long.MaxValue, IsAdmin: true);
}
