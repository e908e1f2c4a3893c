using OpenLine.Core;

namespace OpenLine.Server.Sequencing;

/// <summary>
/// A read model fed by the sequencer. After recovery it is rebuilt from the engine's state
/// (<see cref="Restore"/>); from then on it gets each batch's events, once the batch is durable.
/// Both calls run on the sequencer thread, must be quick, and must not call back into the sequencer.
/// </summary>
public interface IEventSink
{
    void Restore(Exchange engine);

    void Apply(IReadOnlyList<ExchangeEvent> events);
}
