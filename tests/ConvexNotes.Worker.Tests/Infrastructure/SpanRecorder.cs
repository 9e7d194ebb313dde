using System.Collections.Concurrent;
using System.Diagnostics;

namespace ConvexNotes.Worker.Tests.Infrastructure;

/// <summary>Records the finished spans of one <see cref="ActivitySource"/>, as an OpenTelemetry exporter would receive them.</summary>
internal sealed class SpanRecorder : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ConcurrentQueue<Activity> _stopped = new();

    public SpanRecorder(string sourceName)
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == sourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>The finished spans of one trace, in the order they finished.</summary>
    public IReadOnlyList<Activity> InTrace(ActivityTraceId traceId) => [.. _stopped.Where(span => span.TraceId == traceId)];

    public void Dispose() => _listener.Dispose();
}
