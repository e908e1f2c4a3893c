namespace OpenLine.Core;

/// <summary>
/// Where an order came from (API §4.9 <c>platform</c>: <c>api</c>, <c>web</c> or <c>mobile</c>): the adapter
/// says, the engine keeps it on the order and its bets so history can show it. It changes nothing else.
/// </summary>
public enum Platform : byte
{
    /// <summary>A bot or any client using the API with a token (the default).</summary>
    Api = 0,

    /// <summary>The web trading page (a login with the <c>auth</c> cookie).</summary>
    Web = 1,

    Mobile = 2,
}
