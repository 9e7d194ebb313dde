using ConvexKit.Client;
using ConvexKit.Client.Values;
using ConvexKit.Client.Functions;
using ConvexNotes.Api.Errors;
using ConvexNotes.Notes;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Api.Notes;

/// <summary>
/// The notes as the endpoints see them. Reads are served from the live list (<see cref="NotesFeed"/>); writes are
/// mutations over the same WebSocket, each bounded by <see cref="NotesOptions.BackendTimeout"/>. A mutation completes
/// only once the client has seen its effect, so the next read of the live list includes it.
/// </summary>
/// <remarks>
/// While Convex is away, reads keep serving the last consistent list (as Convex's own clients keep showing their last
/// results) and writes are refused with 503 at once, rather than queued for an unknown time.
/// </remarks>
internal sealed class NotesStore(ConvexClient convex, NotesFeed feed, IOptions<NotesOptions> options, ILogger<NotesStore> logger)
{
    public ValueTask<NotesSnapshot> ListAsync(CancellationToken cancellationToken) =>
        feed.Current is { } live ? ValueTask.FromResult(live) : new(FirstSnapshotAsync(cancellationToken));

    public async ValueTask<NoteResponse?> GetAsync(string id, CancellationToken cancellationToken) =>
        (await ListAsync(cancellationToken)).Find(id);

    /// <summary>
    /// One page of notes, straight from Convex's <c>notes:page</c> (the live list is not paged, and a cursor is only
    /// meaningful to Convex). A cursor Convex refuses is the caller's mistake: <see cref="InvalidCursorException"/>.
    /// </summary>
    public async Task<NotesPageResponse> PageAsync(NotesPageRequest request, CancellationToken cancellationToken)
    {
        var args = ConvexObject.Of(("paginationOpts", ConvexObject.Of(("numItems", request.Limit), ("cursor", request.Cursor))));
        ConvexValue value;
        try
        {
            value = await CallAsync(ct => convex.QueryAsync(ConvexApi.Notes.Page.Path, args, ct), cancellationToken);
        }
        catch (ConvexFunctionException exception) when (exception.Message.Contains("InvalidCursor", StringComparison.Ordinal))
        {
            throw new InvalidCursorException(exception);
        }

        var page = NoteResults.DecodePage(value);
        if (!page.IsSuccess)
        {
            throw new ConvexFunctionException(ConvexFunctionKind.Query, ConvexApi.Notes.Page.Path, page.Failure);
        }

        return new NotesPageResponse([.. page.Value.Notes.Select(note => note.AsNoteResponse())], page.Value.NextCursor);
    }

    /// <summary>Creates the note; null in the unlikely case it was deleted again before it could be read back.</summary>
    public async Task<NoteResponse?> CreateAsync(CreateNoteRequest request, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(cancellationToken);
        var args = new ConvexApi.Notes.CreateArgs { Title = request.Title.Trim(), Content = request.Content };
        var id = await CallAsync(ct => convex.MutationAsync(ConvexApi.Notes.Create, args, ct), cancellationToken);
        logger.NoteCreated(id.Value);
        return await GetAsync(id.Value, cancellationToken);
    }

    public async Task<NoteResponse> UpdateAsync(string id, UpdateNoteRequest request, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(cancellationToken);
        var args = new ConvexApi.Notes.UpdateArgs { Id = id, Title = request.Title?.Trim(), Content = request.Content };
        var document = await CallAsync(ct => convex.MutationAsync(ConvexApi.Notes.Update, args, ct), cancellationToken);
        logger.NoteUpdated(id);
        return document.AsNoteResponse();
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await EnsureConnectedAsync(cancellationToken);
        await CallAsync(ct => convex.MutationAsync(ConvexApi.Notes.Remove, new ConvexApi.Notes.RemoveArgs { Id = id }, ct), cancellationToken);
        logger.NoteDeleted(id);
    }

    /// <summary>No list yet: the API has just started, or Convex has been unreachable since it did.</summary>
    private async Task<NotesSnapshot> FirstSnapshotAsync(CancellationToken cancellationToken)
    {
        var timeout = options.Value.BackendTimeout;
        try
        {
            return await feed.FirstSnapshotAsync(timeout, cancellationToken);
        }
        catch (TimeoutException exception)
        {
            throw new BackendUnavailableException($"No answer from Convex within {timeout.TotalSeconds:0.#} s.", exception);
        }
    }

    /// <summary>
    /// Refuses writes while the client is reconnecting: the client would queue them and send them whenever Convex is
    /// back, long after this request gave up. At start-up (never connected yet) it waits for the first list instead.
    /// </summary>
    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (convex.ConnectionState == ConvexConnectionState.Connecting)
        {
            await FirstSnapshotAsync(cancellationToken);
        }

        if (convex.ConnectionState != ConvexConnectionState.Connected)
        {
            throw new BackendUnavailableException($"The Convex client is {convex.ConnectionState.ToString().ToLowerInvariant()}.");
        }
    }

    /// <summary>Runs one Convex call within the backend timeout; running out of time is a 503, not a hang.</summary>
    private async Task<T> CallAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Value.BackendTimeout);
        try
        {
            return await call(timeout.Token);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackendUnavailableException(
                $"Convex did not confirm the write within {options.Value.BackendTimeout.TotalSeconds:0.#} s; it may still be applied.", exception);
        }
    }
}
