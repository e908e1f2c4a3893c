using OpenLine.Core;

namespace OpenLine.Server.Sequencing;

/// <summary>A read model fed by the sequencer with each batch's events, after the batch is durable.</summary>
public interface IEventSink
{
    /// <summary>Called on the sequencer thread; must be quick and must not call back into the sequencer.</summary>
    void Apply(IReadOnlyList<ExchangeEvent> events);
}
