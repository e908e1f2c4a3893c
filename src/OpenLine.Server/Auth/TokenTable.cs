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
                    _grants[issued.TokenHash] = new Grant(issued.AccountId, issued.ExpiresAt);
                    break;
                case TokenRevoked revoked:
                    _grants.TryRemove(revoked.TokenHash, out _);
                    break;
            }
        }
    }
}
