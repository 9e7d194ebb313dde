using System.Globalization;
using Google.Protobuf.Collections;
using OpenTelemetry.Proto.Collector.Logs.V1;
using OpenTelemetry.Proto.Collector.Trace.V1;
using OpenTelemetry.Proto.Common.V1;
using OpenTelemetry.Proto.Logs.V1;
using OpenTelemetry.Proto.Trace.V1;

namespace ConvexNotes.AppHost.Tests.Otlp;

/// <summary>A received span with the service that sent it and the name of its ActivitySource.</summary>
internal sealed record ReceivedSpan(string Service, string Scope, Span Span)
{
    public string TraceId => Convert.ToHexStringLower(Span.TraceId.Span);
    public string SpanId => Convert.ToHexStringLower(Span.SpanId.Span);
    public string ParentSpanId => Convert.ToHexStringLower(Span.ParentSpanId.Span);
    public string Name => Span.Name;
    public string? Attribute(string key) => Span.Attributes.Find(key);

    public override string ToString() => $"{Service} {Scope} \"{Name}\" ({Span.Kind}) span {SpanId} parent {(ParentSpanId.Length == 0 ? "none" : ParentSpanId)} trace {TraceId}";
}

/// <summary>A received log record with the service that sent it and its logger category.</summary>
internal sealed record ReceivedLog(string Service, string Category, LogRecord Record)
{
    public string? Attribute(string key) => Record.Attributes.Find(key);

    public override string ToString() => $"{Service} {Category}: {Record.Body?.StringValue}";
}

/// <summary>Everything the <see cref="OtlpReceiver"/> has received, and a way to wait for what hasn't come yet.</summary>
internal sealed class ReceivedTelemetry
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedSpan> _spans = [];
    private readonly List<ReceivedLog> _logs = [];
    private TaskCompletionSource _changed = NewSignal();

    public void Add(ExportTraceServiceRequest request)
    {
        var spans =
            from resourceSpans in request.ResourceSpans
            let service = resourceSpans.Resource?.Attributes.Find("service.name") ?? ""
            from scopeSpans in resourceSpans.ScopeSpans
            from span in scopeSpans.Spans
            select new ReceivedSpan(service, scopeSpans.Scope?.Name ?? "", span);
        Add(_spans, spans);
    }

    public void Add(ExportLogsServiceRequest request)
    {
        var logs =
            from resourceLogs in request.ResourceLogs
            let service = resourceLogs.Resource?.Attributes.Find("service.name") ?? ""
            from scopeLogs in resourceLogs.ScopeLogs
            from record in scopeLogs.LogRecords
            select new ReceivedLog(service, scopeLogs.Scope?.Name ?? "", record);
        Add(_logs, logs);
    }

    /// <summary>
    /// Waits until <paramref name="find"/>, run on everything received so far, finds something. Runs under the lock, so
    /// it must only read. Unbounded by itself: callers bound it.
    /// </summary>
    public async Task<T> WaitForAsync<T>(Func<IReadOnlyList<ReceivedSpan>, IReadOnlyList<ReceivedLog>, T?> find, CancellationToken cancellationToken)
        where T : class
    {
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (find(_spans, _logs) is { } found)
                {
                    return found;
                }

                changed = _changed.Task;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }

    /// <summary>What a service sent, one line per span, for failure messages.</summary>
    public string DescribeSpans(string service)
    {
        lock (_gate)
        {
            var lines = _spans.Where(span => span.Service == service).Select(span => span.ToString()).ToList();
            return lines.Count == 0 ? $"(no spans from {service}; services seen: {string.Join(", ", _spans.Select(s => s.Service).Distinct())})" : string.Join('\n', lines);
        }
    }

    private void Add<T>(List<T> list, IEnumerable<T> items)
    {
        lock (_gate)
        {
            list.AddRange(items);
            _changed.TrySetResult();
            _changed = NewSignal();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal static class OtlpAttributes
{
    /// <summary>The attribute's value as text (strings as they are, other scalars formatted), or null when absent.</summary>
    public static string? Find(this RepeatedField<KeyValue> attributes, string key) =>
        attributes.FirstOrDefault(attribute => attribute.Key == key)?.Value switch
        {
            null => null,
            { ValueCase: AnyValue.ValueOneofCase.StringValue } value => value.StringValue,
            { ValueCase: AnyValue.ValueOneofCase.IntValue } value => value.IntValue.ToString(CultureInfo.InvariantCulture),
            { ValueCase: AnyValue.ValueOneofCase.BoolValue } value => value.BoolValue ? "true" : "false",
            { ValueCase: AnyValue.ValueOneofCase.DoubleValue } value => value.DoubleValue.ToString(CultureInfo.InvariantCulture),
            var value => value.ToString(), // arrays, maps and bytes as protobuf JSON
        };
}
