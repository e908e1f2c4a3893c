namespace OpenLine.LoadGen;

/// <summary>What setup created: the game, its two sides' participant ids, and one logged-in user per connection.</summary>
internal sealed record LoadFixture(string GameId, string AwayId, string HomeId, DateTimeOffset GameStart, IReadOnlyList<string> UserTokens);
