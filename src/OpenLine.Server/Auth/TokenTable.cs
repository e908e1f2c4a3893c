using System.Collections.Concurrent;
using OpenLine.Core;
using OpenLine.Server.Sequencing;

namespace OpenLine.Server.Auth;

/// <summary>
/// The read model that authenticates requests without a trip to the engine thread: token hash →
/// (account, expiry), fed by the engine's token events.
/// </summary>
public sealed class TokenTable : IEventSink
{
    private readonly ConcurrentDictionary<string, Grant> _grants = new(StringComparer.Ordinal);

    public readonly record struct Grant(ObjectId AccountId, long ExpiresAt);

    public bool TryGet(string tokenHash, out Grant grant) => _grants.TryGetValue(tokenHash, out grant);

    /// <summary>Tokens held (live, or expired since the last login).</summary>
    public int Count => _grants.Count;

    private void PruneExpired(long now)
    {
        foreach (KeyValuePair<string, Grant> entry in _grants)
        {
            if (entry.Value.ExpiresAt <= now)
            {
                _grants.TryRemove(entry);
            }
        }
    }

    public void Restore(Exchange engine)
    {
        _grants.Clear();
        foreach ((string hash, ObjectId accountId, long expiresAt) in engine.TokenGrants)
        {
            _grants[hash] = new Grant(accountId, expiresAt);
        }
    }

    public void Apply(IReadOnlyList<ExchangeEvent> events)
    {
        foreach (ExchangeEvent e in events)
        {
            switch (e)
            {
                case TokenIssued issued:
                    PruneExpired(issued.At); // as the engine does on every login, so neither keeps dead tokens
                    _grants[issued.TokenHash] = new Grant(issued.AccountId, issued.ExpiresAt);
                    break;
                case TokenRevoked revoked:
                    _grants.TryRemove(revoked.TokenHash, out _);
                    break;
            }
        }
    }
}
