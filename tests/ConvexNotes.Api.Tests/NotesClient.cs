using System.Net.Http.Json;
using ConvexNotes.Api.Notes;

namespace ConvexNotes.Api.Tests;

/// <summary>Shorthands for the happy paths, each bounded by the test's cancellation and the client's timeout.</summary>
internal static class NotesClient
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    public static async Task<NoteResponse> CreateNoteAsync(this HttpClient client, string title, string content = "")
    {
        using var response = await client.PostAsJsonAsync("/notes", new { title, content }, Token);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<NoteResponse>(Token))!;
    }

    public static async Task<NoteResponse[]> ListNotesAsync(this HttpClient client) =>
        (await client.GetFromJsonAsync<NoteResponse[]>("/notes", Token))!;
}
