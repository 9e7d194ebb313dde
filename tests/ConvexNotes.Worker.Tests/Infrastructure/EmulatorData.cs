using System.Text.Json.Nodes;
using ConvexNotes.Testing;

namespace ConvexNotes.Worker.Tests.Infrastructure;

/// <summary>
/// Edits a stopped emulator's data file (its <c>--data</c> JSON snapshot, loaded as it is at the next start), to change
/// the notes while no client can see it happen, or to store a document that breaks the schema, as a bad migration would.
/// </summary>
internal static class EmulatorData
{
    public static async Task EditNoteAsync(ConvexEmulator emulator, string id, Action<JsonObject> edit)
    {
        Assert.False(emulator.IsRunning, "Stop the emulator before editing its data: it rewrites the file after every commit.");
        var cancellation = TestContext.Current.CancellationToken;
        var data = JsonNode.Parse(await File.ReadAllTextAsync(emulator.DataFile, cancellation))!.AsObject();
        var note = data["database"]?["documents"]?[id]?.AsObject()
            ?? throw new InvalidOperationException($"The emulator's data has no document {id}.");
        edit(note);
        await File.WriteAllTextAsync(emulator.DataFile, data.ToJsonString(), cancellation);
    }
}
