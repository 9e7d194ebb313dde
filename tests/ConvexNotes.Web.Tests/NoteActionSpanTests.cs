using System.Diagnostics;
using ConvexKit.Client;
using ConvexKit.Client.Diagnostics;
using ConvexNotes.Testing;
using ConvexNotes.Web.Notes;

namespace ConvexNotes.Web.Tests;

/// <summary>The page's actions trace as Blazor → Convex: a span of the app around the client's mutation span, with the note id and never its text.</summary>
public sealed class NoteActionSpanTests(EmulatorFixture convex) : IClassFixture<EmulatorFixture>, IDisposable
{
    private const string SecretTitle = "span-title-must-not-leak";
    private const string SecretContent = "span-content-must-not-leak";

    private readonly List<Activity> _spans = [];
    private readonly ActivityListener _listener = new()
    {
        ShouldListenTo = source => source.Name is NoteActions.ActivitySourceName or ConvexTelemetry.ActivitySourceName,
        Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
    };

    [Fact]
    public async Task CreateUpdateAndDeleteAreAppSpansWithTheConvexMutationInside()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        _listener.ActivityStopped = activity => { lock (_spans) { _spans.Add(activity); } };
        ActivitySource.AddActivityListener(_listener);
        await using var client = new ConvexClient(convex.Emulator.Url);
        var actions = new NoteActions(client);

        var id = await actions.CreateAsync(SecretTitle, SecretContent, cancellationToken);
        await actions.UpdateAsync(id, SecretTitle + "!", SecretContent + "!", cancellationToken);
        await actions.RemoveAsync(id, cancellationToken);

        foreach (var (action, mutation) in new[] { ("create", "notes:create"), ("update", "notes:update"), ("delete", "notes:remove") })
        {
            var parent = Assert.Single(Spans(), span => span.DisplayName == $"Blazor {action} note");
            Assert.Equal(id, parent.GetTagItem("convexnotes.note.id"));
            var child = Assert.Single(Spans(), span => span.DisplayName == $"convex.mutation {mutation}" && span.ParentSpanId == parent.SpanId);
            Assert.Equal(parent.TraceId, child.TraceId);
        }

        Assert.DoesNotContain(
            Spans().SelectMany(span => span.TagObjects),
            tag => tag.Value?.ToString() is { } value && (value.Contains("must-not-leak", StringComparison.Ordinal)));
    }

    public void Dispose() => _listener.Dispose();

    private List<Activity> Spans()
    {
        lock (_spans)
        {
            return [.. _spans];
        }
    }
}
