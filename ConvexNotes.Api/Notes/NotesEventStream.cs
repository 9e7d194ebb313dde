using System.Reflection;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace ConvexNotes.Api.Notes;

/// <summary>
/// <c>GET /notes/stream</c>: a <c>text/event-stream</c> of <c>notes</c> events, each carrying the whole list as JSON,
/// first the current list and then one per change. An idle stream sends a comment every heartbeat interval. It ends
/// when the listener goes or the application stops.
/// </summary>
internal sealed class NotesEventStream(NotesFeed feed, NotesStore store, TimeSpan heartbeatInterval)
    : IResult, IEndpointMetadataProvider
{
    private const string EventStreamContentType = "text/event-stream";

    private static readonly byte[] s_eventPrefix = "event: notes\ndata: "u8.ToArray();
    private static readonly byte[] s_eventSuffix = "\n\n"u8.ToArray();
    private static readonly byte[] s_heartbeat = ": heartbeat\n\n"u8.ToArray();

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var aborted = httpContext.RequestAborted;

        // Before the first list ever arrived this waits for it; if Convex stays unreachable it throws before anything
        // is sent, so the caller gets a 503 problem rather than an empty stream. The listener then starts with it.
        await store.ListAsync(aborted);
        using var listener = feed.Listen();

        var response = httpContext.Response;
        response.ContentType = EventStreamContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        httpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.StartAsync(aborted);

        await PumpAsync(response, listener, aborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(string), [EventStreamContentType]));

    private async Task PumpAsync(HttpResponse response, NotesListener listener, CancellationToken aborted)
    {
        var snapshots = listener.Snapshots;
        var idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
        try
        {
            while (!aborted.IsCancellationRequested)
            {
                idle.CancelAfter(heartbeatInterval);
                try
                {
                    if (!await snapshots.WaitToReadAsync(idle.Token))
                    {
                        return; // The feed stopped: the application is shutting down.
                    }
                }
                catch (OperationCanceledException) when (!aborted.IsCancellationRequested)
                {
                    await response.Body.WriteAsync(s_heartbeat, aborted);
                    await response.Body.FlushAsync(aborted);
                    idle.Dispose();
                    idle = CancellationTokenSource.CreateLinkedTokenSource(aborted);
                    continue;
                }

                if (snapshots.TryRead(out var snapshot))
                {
                    await WriteAsync(response, snapshot, aborted);
                }
            }
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The listener went away: a normal end of a stream.
        }
        finally
        {
            idle.Dispose();
        }
    }

    private static async Task WriteAsync(HttpResponse response, NotesSnapshot snapshot, CancellationToken cancellationToken)
    {
        var body = response.Body;
        await body.WriteAsync(s_eventPrefix, cancellationToken);
        await body.WriteAsync(snapshot.Utf8Json, cancellationToken);
        await body.WriteAsync(s_eventSuffix, cancellationToken);
        await body.FlushAsync(cancellationToken);
    }
}
