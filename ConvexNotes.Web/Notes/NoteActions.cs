using System.Diagnostics;
using ConvexKit.Client;
using ConvexKit.Client.Functions;
using ConvexNotes.Notes;

namespace ConvexNotes.Web.Notes;

/// <summary>
/// What a person does to notes on the page, each as a span of this app (<see cref="ActivitySourceName"/>) around the
/// Convex client's own span, so a trace reads "Blazor → Convex". Spans carry the note id, never a title or content.
/// </summary>
public sealed class NoteActions(ConvexClient convex)
{
    /// <summary>The name of the app's <see cref="ActivitySource"/>; the service defaults trace it (it is the application name).</summary>
    public const string ActivitySourceName = "ConvexNotes.Web";

    private static readonly ActivitySource s_source = new(ActivitySourceName);

    /// <summary>Creates a note and returns its id.</summary>
    /// <exception cref="ConvexErrorException">Convex refused it (<see cref="NoteErrorData"/>).</exception>
    public async Task<string> CreateAsync(string title, string content, CancellationToken cancellationToken)
    {
        using var activity = s_source.StartActivity("Blazor create note");
        var id = await convex.MutationAsync(ConvexApi.Notes.Create, new ConvexApi.Notes.CreateArgs { Title = title, Content = content }, cancellationToken);
        activity?.SetTag("convexnotes.note.id", id.Value);
        return id.Value;
    }

    /// <summary>Changes a note's title and content.</summary>
    /// <exception cref="ConvexErrorException">Convex refused it (<see cref="NoteErrorData"/>).</exception>
    public async Task UpdateAsync(string id, string title, string content, CancellationToken cancellationToken)
    {
        using var activity = s_source.StartActivity("Blazor update note");
        activity?.SetTag("convexnotes.note.id", id);
        await convex.MutationAsync(ConvexApi.Notes.Update, new ConvexApi.Notes.UpdateArgs { Id = id, Title = title, Content = content }, cancellationToken);
    }

    /// <summary>Deletes a note.</summary>
    /// <exception cref="ConvexErrorException">Convex refused it (<see cref="NoteErrorData"/>, NOT_FOUND when it is already gone).</exception>
    public async Task RemoveAsync(string id, CancellationToken cancellationToken)
    {
        using var activity = s_source.StartActivity("Blazor delete note");
        activity?.SetTag("convexnotes.note.id", id);
        await convex.MutationAsync(ConvexApi.Notes.Remove, new ConvexApi.Notes.RemoveArgs { Id = id }, cancellationToken);
    }
}
