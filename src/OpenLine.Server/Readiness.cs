namespace OpenLine.Server;

/// <summary>Set once the server has recovered its state (and seeded demo data) and accepts orders.</summary>
public sealed class Readiness
{
    private volatile bool _ready;

    public bool IsReady => _ready;

    public void MarkReady() => _ready = true;
}
