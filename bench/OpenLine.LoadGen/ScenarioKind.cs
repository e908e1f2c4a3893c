namespace OpenLine.LoadGen;

/// <summary>What a scenario's connections send.</summary>
internal enum ScenarioKind
{
    /// <summary><c>GET /health</c>: the network/HTTP ceiling of the machine.</summary>
    Trivial,

    /// <summary>Place batches and cancels over REST.</summary>
    Http,

    /// <summary>placeV3 and cancels over the orders WebSocket.</summary>
    Socket,
}
