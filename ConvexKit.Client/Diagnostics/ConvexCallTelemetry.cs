using System.Diagnostics;

namespace ConvexKit.Client.Diagnostics;

/// <summary>
/// The span and duration measurement of one query, mutation or action. Start it where the call begins, on the
/// caller's execution context (so the span's parent is the caller's <see cref="Activity.Current"/>), and end it once
/// with <c>Complete</c> or <see cref="Fail"/>. Costs nothing beyond a check when nobody listens.
/// </summary>
internal readonly struct ConvexCallTelemetry
{
    private readonly Activity? _activity;
    private readonly long _startTimestamp;
    private readonly ConvexFunctionKind _kind;
    private readonly string? _path;
    private readonly ConvexServerTags? _server;

    private ConvexCallTelemetry(Activity? activity, long startTimestamp, ConvexFunctionKind kind, string? path, ConvexServerTags server)
    {
        _activity = activity;
        _startTimestamp = startTimestamp;
        _kind = kind;
        _path = path;
        _server = server;
    }

    /// <summary>Starts the telemetry of a call to the function at <paramref name="canonicalPath"/>.</summary>
    public static ConvexCallTelemetry Start(ConvexFunctionKind kind, string canonicalPath, ConvexServerTags server)
    {
        Activity? activity = null;
        if (ConvexTelemetry.ActivitySource.HasListeners())
        {
            var type = ConvexTelemetryNames.TypeName(kind);
            activity = ConvexTelemetry.ActivitySource.StartActivity($"convex.{type} {canonicalPath}", ActivityKind.Client);
            if (activity is { IsAllDataRequested: true })
            {
                activity.SetTag(ConvexTelemetryNames.FunctionPath, canonicalPath);
                activity.SetTag(ConvexTelemetryNames.FunctionType, type);
                server.AddTo(activity);
            }
        }

        return new ConvexCallTelemetry(activity, StartTimestamp(activity), kind, canonicalPath, server);
    }

    /// <summary>
    /// Starts the telemetry of an HTTP query batch: one span for the request, no duration measurement (its queries
    /// share one round trip, so a per-function duration would mislead).
    /// </summary>
    public static ConvexCallTelemetry StartBatch(int size, ConvexServerTags server)
    {
        var activity = ConvexTelemetry.ActivitySource.StartActivity(ConvexTelemetryNames.QueryBatchSpan, ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag(ConvexTelemetryNames.FunctionType, ConvexTelemetryNames.TypeName(ConvexFunctionKind.Query));
            activity.SetTag(ConvexTelemetryNames.BatchSize, size);
            server.AddTo(activity);
        }

        return new ConvexCallTelemetry(activity, startTimestamp: 0, ConvexFunctionKind.Query, path: null, server);
    }

    /// <summary>Ends the call with the function's outcome: a value, an error, or a ConvexError.</summary>
    public void Complete(FunctionResult result) =>
        Stop(result.IsSuccess ? null : result.IsConvexError ? ConvexTelemetryNames.ConvexError : ConvexTelemetryNames.FunctionError);

    /// <summary>Ends a batch whose request succeeded: an error outcome if any of its queries failed.</summary>
    public void Complete(IReadOnlyList<FunctionResult> results)
    {
        var failed = results.FirstOrDefault(r => !r.IsSuccess);
        Stop(failed is null ? null : failed.IsConvexError ? ConvexTelemetryNames.ConvexError : ConvexTelemetryNames.FunctionError);
    }

    /// <summary>Ends the call with the exception it threw (a failed function, a request failure, a timeout, a cancellation).</summary>
    public void Fail(Exception exception) => Stop(exception switch
    {
        ConvexErrorException => ConvexTelemetryNames.ConvexError,
        ConvexFunctionException => ConvexTelemetryNames.FunctionError,
        _ => exception.GetType().FullName ?? exception.GetType().Name,
    });

    private static long StartTimestamp(Activity? activity) =>
        activity is not null || ConvexMetrics.CallDuration.Enabled ? Stopwatch.GetTimestamp() : 0;

    /// <param name="errorType">The <c>error.type</c>, or <see langword="null"/> for success.</param>
    private void Stop(string? errorType)
    {
        if (_server is null)
        {
            return; // default(ConvexCallTelemetry): nothing was started.
        }

        var outcome = errorType switch
        {
            null => ConvexTelemetryNames.Success,
            ConvexTelemetryNames.ConvexError => ConvexTelemetryNames.ConvexError,
            _ => ConvexTelemetryNames.Error,
        };

        if (_activity is not null)
        {
            if (_activity.IsAllDataRequested)
            {
                _activity.SetTag(ConvexTelemetryNames.Outcome, outcome);
                if (errorType is not null)
                {
                    _activity.SetTag(ConvexTelemetryNames.ErrorType, errorType);
                }
            }

            // The description is the error type, never the message: messages may echo the call's arguments.
            if (errorType is not null)
            {
                _activity.SetStatus(ActivityStatusCode.Error, errorType);
            }

            _activity.Stop();
        }

        if (_path is not null && _startTimestamp != 0 && ConvexMetrics.CallDuration.Enabled)
        {
            var tags = default(TagList);
            tags.Add(ConvexTelemetryNames.FunctionType, ConvexTelemetryNames.TypeName(_kind));
            tags.Add(ConvexTelemetryNames.FunctionPath, _path);
            tags.Add(ConvexTelemetryNames.Outcome, outcome);
            if (errorType is not null)
            {
                tags.Add(ConvexTelemetryNames.ErrorType, errorType);
            }

            _server.AddTo(ref tags);
            ConvexMetrics.CallDuration.Record(Stopwatch.GetElapsedTime(_startTimestamp).TotalSeconds, tags);
        }
    }
}
