using ConvexNotes.Api.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Api.Notes;

/// <summary>The notes endpoints: CRUD over Convex and a live Server-Sent Events stream of the whole list.</summary>
internal static class NotesApi
{
    public static RouteGroupBuilder MapNotesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/notes").WithTags("Notes");

        // Bodies above the limit are refused with 413 while being read; any route can find Convex unreachable (503).
        group.WithMetadata(new RequestSizeLimitAttribute(NoteRules.MaxBodyBytes))
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);

        group.MapGet("/", ListNotes)
            .WithName("ListNotes")
            .WithSummary("Lists every note, the most recently updated first; with limit or cursor, one page of them.")
            .WithDescription(
                $"Without parameters: every note. With `limit` (1–{NotesPageRequest.MaxLimit}, default {NotesPageRequest.DefaultLimit}) "
                + "or `cursor` (the `nextCursor` of the previous page): a `NotesPageResponse`; `nextCursor` is null on the last page.")
            .Produces<NotesPageResponse>()
            .ProducesValidationProblem();

        group.MapGet("/stream", StreamNotes)
            .WithName("StreamNotes")
            .WithSummary("Streams the whole list as Server-Sent Events: once at once, then again on every change.");

        group.MapGet("/{id}", GetNote)
            .WithName("GetNote")
            .WithSummary("Gets one note.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        group.MapPost("/", CreateNote)
            .WithName("CreateNote")
            .WithSummary("Creates a note.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        group.MapPatch("/{id}", UpdateNote)
            .WithName("UpdateNote")
            .WithSummary("Changes the title, the content, or both.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

        group.MapDelete("/{id}", DeleteNote)
            .WithName("DeleteNote")
            .WithSummary("Deletes a note.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return group;
    }

    private static async Task<Results<EncodedJsonHttpResult<IReadOnlyList<NoteResponse>>, Ok<NotesPageResponse>, ValidationProblem>> ListNotes(
        string? limit, string? cursor, NotesStore store, CancellationToken cancellationToken)
    {
        var page = NotesPageRequest.TryRead(limit, cursor, out var errors);
        if (errors is not null)
        {
            return TypedResults.ValidationProblem(errors);
        }

        return page is null
            ? new EncodedJsonHttpResult<IReadOnlyList<NoteResponse>>((await store.ListAsync(cancellationToken)).Utf8Json)
            : TypedResults.Ok(await store.PageAsync(page, cancellationToken));
    }

    private static async ValueTask<Results<Ok<NoteResponse>, ProblemHttpResult>> GetNote(
        [NoteId] string id, NotesStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } note
            ? TypedResults.Ok(note)
            : NotFound(id);

    private static async Task<Results<Created<NoteResponse>, ProblemHttpResult>> CreateNote(
        CreateNoteRequest request, NotesStore store, CancellationToken cancellationToken) =>
        await store.CreateAsync(request, cancellationToken) is { } note
            ? TypedResults.Created($"/notes/{note.Id}", note)
            : TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                detail: "The note was created, but another client deleted it before it could be read back.");

    private static async Task<Ok<NoteResponse>> UpdateNote(
        [NoteId] string id, UpdateNoteRequest request, NotesStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.UpdateAsync(id, request, cancellationToken));

    private static async Task<NoContent> DeleteNote([NoteId] string id, NotesStore store, CancellationToken cancellationToken)
    {
        await store.RemoveAsync(id, cancellationToken);
        return TypedResults.NoContent();
    }

    private static NotesEventStream StreamNotes(NotesFeed feed, NotesStore store, IOptions<NotesOptions> options) =>
        new(feed, store, options.Value.HeartbeatInterval);

    private static ProblemHttpResult NotFound(string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, detail: $"Note \"{id}\" does not exist.");
}
