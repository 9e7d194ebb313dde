using System.Net;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using ConvexNotes.AppHost.Tests.Otlp;
using OpenTelemetry.Proto.Trace.V1;

namespace ConvexNotes.AppHost.Tests;

/// <summary>
/// The whole app in emulator mode (no containers): the emulator, the functions push and watcher (the real Convex CLI),
/// the api and the worker, started through DCP as <c>dotnet run --project ConvexNotes.AppHost</c> would, with their
/// telemetry sent to a test OTLP receiver. Uses the fixed ports 3210 and 3211.
/// </summary>
[Collection(FixedPortsCollection.Name)]
public sealed class EndToEndTests : IDisposable
{
    private const string ConvexClientSource = "ConvexKit.Client";

    // Generous for a loaded two-core machine: the first start builds nothing, but runs npm, Node and two .NET apps.
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);

    // A directory of its own: the emulator keeps a log beside its data file (FILE.log) until it stops cleanly.
    private readonly DirectoryInfo _dataDirectory = Directory.CreateTempSubdirectory("convexnotes-apphost-e2e-");

    private string DataFile => Path.Combine(_dataDirectory.FullName, "convex.json");

    [Fact]
    public async Task NoteCreatedThroughTheApiReachesTheWorkerTheStreamAndOneTrace()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        await using var otlp = await OtlpReceiver.StartAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
        await using var builder = await AppModel.CreateAsync("emulator", $"--Convex:EmulatorDataFile={DataFile}");
        foreach (var service in builder.Resources.OfType<ProjectResource>().ToList())
        {
            otlp.ExportFrom(builder.CreateResourceBuilder(service));
        }

        await using var app = await builder.BuildAsync(cancellationToken).WaitAsync(s_startTimeout, cancellationToken);
        // Starting returns once every resource is created, and the services are created only once Convex is healthy:
        // watch Convex meanwhile, so an emulator that can't start (its port taken, say) fails the test at once.
        var starting = app.StartAsync(cancellationToken);
        await WaitUntilHealthyAsync(app, "convex");
        await starting.WaitAsync(s_startTimeout, cancellationToken);
        await WaitUntilHealthyAsync(app, "api");
        await WaitUntilHealthyAsync(app, "worker");
        // The emulator starts without functions: everything below runs what `convex deploy` pushed to it.
        var push = await app.ResourceNotifications.WaitForResourceAsync("convex-functions", e => e.Snapshot.ExitCode is not null, cancellationToken)
            .WaitAsync(s_timeout, cancellationToken);
        var pushLog = await ResourceLogs.ReadAsync(app, "convex-functions", cancellationToken);
        Assert.True(push.Snapshot.ExitCode == 0, $"convex deploy exited with {push.Snapshot.ExitCode}:\n{string.Join('\n', pushLog)}");
        Assert.Contains(pushLog, line => line.Contains("Deployed Convex functions to http://127.0.0.1:3210", StringComparison.Ordinal));

        using var api = app.CreateHttpClient("api");
        using var stream = await api.GetAsync(new Uri("/notes/stream", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cancellationToken)
            .WaitAsync(s_timeout, cancellationToken);
        await using var events = SseParser.Create(await stream.Content.ReadAsStreamAsync(cancellationToken)).EnumerateAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        var initialList = await NextListAsync(events);

        var title = $"End to end {Guid.NewGuid():N}";
        using var created = await api.PostAsJsonAsync(new Uri("/notes", UriKind.Relative), new { title, content = "Through the api, the emulator and the worker." }, cancellationToken)
            .WaitAsync(s_timeout, cancellationToken);
        var body = await created.Content.ReadAsStringAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"POST /notes answered {(int)created.StatusCode}: {body}");
        using var note = JsonDocument.Parse(body);
        var id = note.RootElement.GetProperty("id").GetString()!;

        var streamed = await NextListContainingAsync(events, id).WaitAsync(s_timeout, cancellationToken);
        var workerReport = await WaitForTelemetryAsync(otlp, "the worker's log line for the new note", (_, logs) =>
            logs.FirstOrDefault(log => log.Service == "worker" && log.Attribute("NoteId") == id && log.Attribute("ChangeKind") == "created"));
        var workerSpan = await WaitForTelemetryAsync(otlp, "the worker's change-set span for the new note", (spans, _) =>
            spans.FirstOrDefault(span => span.Service == "worker" && span.Name == "notes.changes"
                && span.Span.Events.Any(e => e.Name == "note.created" && e.Attributes.Find("convexnotes.note.id") == id)));
        var trace = await WaitForTelemetryAsync(otlp, "the api's request span with the Convex mutation span beneath it", (spans, _) =>
            RequestTraceOf(spans.Where(span => span.Service == "api").ToList()));

        Assert.Equal(title, note.RootElement.GetProperty("title").GetString());
        Assert.DoesNotContain(initialList, listed => listed.GetProperty("id").GetString() == id);
        Assert.Equal(title, Assert.Single(streamed, listed => listed.GetProperty("id").GetString() == id).GetProperty("title").GetString());
        Assert.Equal("ConvexNotes.Worker.Watcher.NotesWatcher", workerReport.Category);
        Assert.Equal("1", workerSpan.Attribute("convexnotes.changes.created"));
        Assert.Equal(workerSpan.TraceId, Convert.ToHexStringLower(workerReport.Record.TraceId.Span)); // the log line sits in its change set's span
        Assert.Equal(Span.Types.SpanKind.Server, trace.Request.Span.Kind);
        Assert.Equal("POST", trace.Request.Attribute("http.request.method"));
        Assert.StartsWith("POST /notes", trace.Request.Name, StringComparison.Ordinal);
        Assert.Equal(Span.Types.SpanKind.Client, trace.Mutation.Span.Kind);
        Assert.Equal("notes:create", trace.Mutation.Attribute("convex.function.path"));

        await app.StopAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
    }

    public void Dispose() => _dataDirectory.Delete(recursive: true);

    /// <summary>
    /// The Convex client's <c>convex.mutation notes:create</c> span and the api's request span it descends from, once
    /// every span between them has arrived; null until then. Parents are looked up within the mutation's trace, so
    /// finding the request span means the two are in one trace.
    /// </summary>
    private static RequestTrace? RequestTraceOf(List<ReceivedSpan> apiSpans)
    {
        var mutation = apiSpans.FirstOrDefault(span => span.Scope == ConvexClientSource && span.Name == "convex.mutation notes:create");
        for (var ancestor = mutation; ancestor is not null; ancestor = apiSpans.FirstOrDefault(span => span.TraceId == ancestor.TraceId && span.SpanId == ancestor.ParentSpanId))
        {
            if (ancestor.Span.Kind == Span.Types.SpanKind.Server)
            {
                return new RequestTrace(ancestor, mutation!);
            }
        }

        return null;
    }

    private static async Task WaitUntilHealthyAsync(DistributedApplication app, string resource)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        try
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync(resource, WaitBehavior.StopOnResourceUnavailable, cancellationToken)
                .WaitAsync(s_startTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or DistributedApplicationException)
        {
            var consoles = resource == "convex" ? [resource] : new[] { resource, "convex" };
            var logs = await Task.WhenAll(consoles.Select(name => ResourceLogs.DescribeAsync(app, name, cancellationToken)));
            Assert.Fail($"{resource} did not become healthy ({ex.Message}).\n{string.Join('\n', logs)}");
        }
    }

    private static async Task<T> WaitForTelemetryAsync<T>(OtlpReceiver otlp, string what, Func<IReadOnlyList<ReceivedSpan>, IReadOnlyList<ReceivedLog>, T?> find)
        where T : class
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        try
        {
            return await otlp.Telemetry.WaitForAsync(find, cancellationToken).WaitAsync(s_timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"The OTLP receiver never got {what}. The api sent:\n{otlp.Telemetry.DescribeSpans("api")}\nThe worker sent:\n{otlp.Telemetry.DescribeSpans("worker")}");
            throw;
        }
    }

    /// <summary>The next <c>notes</c> event of the stream: the whole list.</summary>
    private static async Task<List<JsonElement>> NextListAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        Assert.True(await events.MoveNextAsync().AsTask().WaitAsync(s_timeout, cancellationToken), "The stream ended.");
        Assert.Equal("notes", events.Current.EventType);
        using var list = JsonDocument.Parse(events.Current.Data);
        return [.. list.RootElement.EnumerateArray().Select(note => note.Clone())];
    }

    private static async Task<List<JsonElement>> NextListContainingAsync(IAsyncEnumerator<SseItem<string>> events, string id)
    {
        while (true)
        {
            var list = await NextListAsync(events);
            if (list.Any(note => note.GetProperty("id").GetString() == id))
            {
                return list;
            }
        }
    }

    private sealed record RequestTrace(ReceivedSpan Request, ReceivedSpan Mutation);
}
