namespace OpenLine.LoadGen;

/// <summary>What a request did; latencies are reported by kind.</summary>
internal enum RequestKind
{
    Place,
    Cancel,
    Trivial,
}
