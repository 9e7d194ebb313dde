using System.Collections.Concurrent;
using System.Diagnostics;
using ConvexKit.Client.Diagnostics;

namespace ConvexKit.Client.Tests.Diagnostics;

/// <summary>
/// A real <see cref="ActivityListener"/> that records every stopped span of the Convex client (and of any other source
/// asked for). Tests run in parallel in one process, so each test starts its own parent activity and reads only the
/// spans of its trace.
/// </summary>
internal sealed class ActivityCollector : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public ActivityCollector(params string[] extraSources)
    {
        string[] sources = [ConvexTelemetry.ActivitySourceName, .. extraSources];
        _listener = new ActivityListener
        {
            ShouldListenTo = source => sources.Contains(source.Name),
            Sample = (ref _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Starts a parent span the way an ASP.NET Core request or a worker's own span would be.</summary>
    public static Activity StartParent() => new Activity("test-parent").SetIdFormat(ActivityIdFormat.W3C).Start();

    public IReadOnlyList<Activity> InTrace(Activity parent) =>
        [.. _stopped.Where(a => a.TraceId == parent.TraceId && a.Source.Name == ConvexTelemetry.ActivitySourceName)];

    public IReadOnlyList<Activity> InTrace(Activity parent, string sourceName) =>
        [.. _stopped.Where(a => a.TraceId == parent.TraceId && a.Source.Name == sourceName)];

    public void Dispose() => _listener.Dispose();
}
