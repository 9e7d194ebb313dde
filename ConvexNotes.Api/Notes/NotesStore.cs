using Convex.Client.Http;
using ConvexNotes.Api.Errors;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Api.Notes;

/// <summary>
/// The notes as the endpoints see them. Reads come from the live list when there is one (the fast path) and from a
/// Convex query otherwise; writes are Convex mutations, each bounded by <see cref="NotesOptions.BackendTimeout"/>.
/// </summary>
internal sealed class NotesStore(ConvexHttpClient convex, NotesFeed feed, IOptions<NotesOptions> options, ILogger<NotesStore> logger)
{
    private static readonly ConvexNotesJsonContext s_json = ConvexNotesJsonContext.Default;

    public async Task<NotesSnapshot> ListAsync(CancellationToken cancellationToken)
    {
        if (feed.Current is { } live)
        {
            return live;
        }

        var documents = await CallAsync(
            ct => convex.QueryAsync(NoteFunctions.List, null, s_json.NoteDocumentArray, ct), cancellationToken);
        return NotesSnapshot.From(documents);
    }

    public async Task<NoteResponse?> GetAsync(string id, CancellationToken cancellationToken)
    {
        if (feed.Current is { } live)
        {
            return live.Find(id);
        }

        var document = await CallAsync(
            ct => convex.QueryAsync(NoteFunctions.Get, new NoteIdArgs(id), s_json.NoteIdArgs, s_json.NoteDocument, ct), cancellationToken);
        return document?.AsNoteResponse();
    }

    public async Task<NoteResponse> CreateAsync(CreateNoteRequest request, CancellationToken cancellationToken)
    {
        var args = new CreateNoteArgs(request.Title.Trim(), request.Content);
        var id = await CallAsync(
            ct => convex.MutationAsync(NoteFunctions.Create, args, s_json.CreateNoteArgs, s_json.String, ct), cancellationToken);
        logger.NoteCreated(id);
        return await GetAsync(id, cancellationToken)
            ?? throw new BackendUnavailableException($"Note {id} was created but could not be read back.");
    }

    public async Task<NoteResponse> UpdateAsync(string id, UpdateNoteRequest request, CancellationToken cancellationToken)
    {
        var args = new UpdateNoteArgs(id, request.Title?.Trim(), request.Content);
        var document = await CallAsync(
            ct => convex.MutationAsync(NoteFunctions.Update, args, s_json.UpdateNoteArgs, s_json.NoteDocument, ct), cancellationToken);
        logger.NoteUpdated(id);
        return document.AsNoteResponse();
    }

    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await CallAsync(
            ct => convex.MutationAsync(NoteFunctions.Remove, new NoteIdArgs(id), s_json.NoteIdArgs, s_json.String, ct), cancellationToken);
        logger.NoteDeleted(id);
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
                $"Convex did not answer within {options.Value.BackendTimeout.TotalSeconds:0.#} s.", exception);
        }
    }
}
