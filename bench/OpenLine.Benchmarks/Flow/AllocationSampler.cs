using System.Diagnostics.Tracing;

namespace OpenLine.Benchmarks.Flow;

/// <summary>
/// An in-process allocation profiler: listens to the runtime's <c>GCAllocationTick</c> events
/// (one about every 100 KB allocated, naming the type that crossed the mark) and adds up the
/// sampled bytes per type. A statistical picture of which types the engine allocates, with no
/// external tool.
/// </summary>
public sealed class AllocationSampler : EventListener
{
    private const EventKeywords GcKeyword = (EventKeywords)0x1;
    private readonly Dictionary<string, (long Bytes, long Samples)> _byType = [];
    private readonly Lock _gate = new();
    private volatile bool _recording;

    public void Start() => _recording = true;

    public void Stop() => _recording = false;

    /// <summary>Sampled bytes and sample counts per type, largest first.</summary>
    public List<(string Type, long Bytes, long Samples)> Top(int count)
    {
        lock (_gate)
        {
            return [.. _byType.OrderByDescending(t => t.Value.Bytes).Take(count).Select(t => (t.Key, t.Value.Bytes, t.Value.Samples))];
        }
    }

    protected override void OnEventSourceCreated(EventSource eventSource)
    {
        if (eventSource.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(eventSource, EventLevel.Verbose, GcKeyword);
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs eventData)
    {
        if (!_recording || eventData.EventName is null || !eventData.EventName.StartsWith("GCAllocationTick", StringComparison.Ordinal)
            || eventData.PayloadNames is null || eventData.Payload is null)
        {
            return;
        }
        string type = "?";
        long bytes = 0;
        for (int i = 0; i < eventData.PayloadNames.Count; i++)
        {
            switch (eventData.PayloadNames[i])
            {
                case "TypeName":
                    type = eventData.Payload[i] as string ?? "?";
                    break;
                case "AllocationAmount64":
                    bytes = Convert.ToInt64(eventData.Payload[i], System.Globalization.CultureInfo.InvariantCulture);
                    break;
            }
        }
        lock (_gate)
        {
            (long b, long s) = _byType.GetValueOrDefault(type);
            _byType[type] = (b + bytes, s + 1);
        }
    }
}
