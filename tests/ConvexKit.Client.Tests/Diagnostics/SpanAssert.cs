using System.Diagnostics;

namespace ConvexKit.Client.Tests.Diagnostics;

/// <summary>Assertions shared by the HTTP and WebSocket telemetry tests.</summary>
internal static class SpanAssert
{
    public static void IsCallSpan(Activity span, Activity parent, string type, string path, Uri server, string transport, string outcome)
    {
        Assert.Equal($"convex.{type} {path}", span.DisplayName);
        Assert.Equal(ActivityKind.Client, span.Kind);
        Assert.Equal(parent.TraceId, span.TraceId);
        Assert.Equal(parent.SpanId, span.ParentSpanId);
        Assert.Equal(path, span.GetTagItem("convex.function.path"));
        Assert.Equal(type, span.GetTagItem("convex.function.type"));
        Assert.Equal(transport, span.GetTagItem("convex.transport"));
        Assert.Equal(server.Host, span.GetTagItem("server.address"));
        Assert.Equal(server.Port, span.GetTagItem("server.port"));
        Assert.Equal(outcome, span.GetTagItem("convex.call.outcome"));
        if (outcome == "success")
        {
            Assert.Equal(ActivityStatusCode.Unset, span.Status);
            Assert.Null(span.GetTagItem("error.type"));
        }
        else
        {
            Assert.Equal(ActivityStatusCode.Error, span.Status);
            Assert.NotNull(span.GetTagItem("error.type"));
        }
    }

    /// <summary>No tag, status, event or baggage of the spans mentions any of the secrets.</summary>
    public static void MentionsNone(IEnumerable<Activity> spans, params string[] secrets)
    {
        foreach (var span in spans)
        {
            var texts = span.TagObjects.Select(t => $"{t.Key}={t.Value}")
                .Concat(span.Events.SelectMany(e => e.Tags.Select(t => $"{e.Name}:{t.Key}={t.Value}")))
                .Concat(span.Baggage.Select(b => $"{b.Key}={b.Value}"))
                .Append(span.DisplayName)
                .Append(span.StatusDescription ?? "");
            foreach (var text in texts)
            {
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
                }
            }
        }
    }
}
