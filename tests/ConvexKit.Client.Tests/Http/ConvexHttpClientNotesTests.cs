using ConvexKit.Client.Http;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Http;

/// <summary>The HTTP client against the real emulator running convex/notes.ts: round trips, typed and untyped.</summary>
public sealed class ConvexHttpClientNotesTests(AdminEmulatorFixture fixture) : IClassFixture<AdminEmulatorFixture>, IDisposable
{
    private static readonly HttpTestJsonContext s_json = HttpTestJsonContext.Default;
    private readonly ConvexHttpClient _client = new(fixture.Url);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task CreateGetUpdateListRemoveRoundTripThroughSourceGeneratedRecords()
    {
        var id = await Bounded(_client.MutationAsync("notes:create", new CreateNoteArgs("  Shopping  ", "milk"), s_json.CreateNoteArgs, s_json.String, cancellationToken: Ct));
        var created = await Bounded(_client.QueryAsync("notes:get", new NoteIdArgs(id), s_json.NoteIdArgs, s_json.NoteDocument, cancellationToken: Ct));

        Assert.NotNull(created);
        Assert.Equal(id, created.Id);
        Assert.Equal("Shopping", created.Title);
        Assert.Equal("milk", created.Content);
        Assert.True(created.CreationTime > 0);
        Assert.Equal(created.CreatedAt, created.UpdatedAt);

        var updated = await Bounded(_client.MutationAsync("notes:update", new UpdateNoteArgs(id, Content: "milk, eggs"), s_json.UpdateNoteArgs, s_json.NoteDocument, cancellationToken: Ct));

        Assert.Equal("Shopping", updated.Title);
        Assert.Equal("milk, eggs", updated.Content);
        Assert.True(updated.UpdatedAt > created.UpdatedAt);

        var listed = await Bounded(_client.QueryAsync("notes:list", null, s_json.ListNoteDocument, cancellationToken: Ct));

        Assert.Equal(updated, Assert.Single(listed, note => note.Id == id));

        var removed = await Bounded(_client.MutationAsync("notes:remove", ConvexObject.Of(("id", id)), cancellationToken: Ct));

        Assert.True(removed.IsNull);
        Assert.Null(await Bounded(_client.QueryAsync("notes:get", new NoteIdArgs(id), s_json.NoteIdArgs, s_json.NoteDocument, cancellationToken: Ct)));
    }

    [Fact]
    public async Task ReflectionOverloadsUseCamelCaseAndHonourJsonPropertyName()
    {
        var id = await Bounded(_client.MutationAsync<string>("notes:create", new { Title = "Reflection", Content = "by anonymous type" }, cancellationToken: Ct));

        var note = await Bounded(_client.QueryAsync<NoteDocument?>("notes:get", new NoteIdArgs(id), cancellationToken: Ct));

        Assert.NotNull(note);
        Assert.Equal(id, note.Id);
        Assert.Equal("Reflection", note.Title);
        Assert.Equal("by anonymous type", note.Content);
    }

    [Fact]
    public async Task UntypedCallsReturnConvexValuesWithTheDocumentsSystemFields()
    {
        var id = await Bounded(_client.MutationAsync("notes:create", ConvexObject.Of(("title", "Untyped"), ("content", "")), cancellationToken: Ct));

        var list = await Bounded(_client.QueryAsync("notes:list", cancellationToken: Ct));

        Assert.Equal(ConvexValueKind.String, id.Kind);
        var note = Assert.Single(list.AsArray(), n => n["_id"] == id);
        Assert.Equal("Untyped", note["title"].AsString());
        Assert.Equal(ConvexValueKind.Float64, note["_creationTime"].Kind);
        Assert.Equal(ConvexValueKind.Float64, note["updatedAt"].Kind);
    }

    [Fact]
    public async Task PathsAreCanonicalizedBeforeSending()
    {
        var id = await Bounded(_client.MutationAsync<string>("notes.js:create", new { Title = "Canonical", Content = "" }, cancellationToken: Ct));

        var note = await Bounded(_client.QueryAsync<NoteDocument?>("notes.js:get", new { id }, cancellationToken: Ct));

        Assert.Equal("Canonical", note?.Title);
    }

    [Fact]
    public async Task QueryBatchRunsEveryQueryAndKeepsFailuresPerQuery()
    {
        var first = await Bounded(_client.MutationAsync<string>("notes:create", new { Title = "Batch one", Content = "1" }, cancellationToken: Ct));
        var second = await Bounded(_client.MutationAsync<string>("notes:create", new { Title = "Batch two", Content = "2" }, cancellationToken: Ct));

        var results = await Bounded(_client.QueryBatchAsync(
        [
            new("notes:get", ConvexObject.Of(("id", first))),
            new("notes:get", ConvexObject.Of(("id", second))),
            new("notes:missing"),
            new("notes:list"),
        ], cancellationToken: Ct));

        Assert.Equal(4, results.Length);
        Assert.Equal("Batch one", results[0].GetValue(s_json.NoteDocument).Title);
        Assert.Equal("Batch two", results[1].GetValue(s_json.NoteDocument).Title);
        Assert.False(results[2].IsSuccess);
        Assert.Contains("Could not find public function for 'notes:missing'", results[2].ErrorMessage, StringComparison.Ordinal);
        var listed = results[3].GetValue(s_json.ListNoteDocument);
        Assert.Contains(listed, note => note.Id == first);
        Assert.Contains(listed, note => note.Id == second);
    }

    [Fact]
    public async Task EmptyBatchNeedsNoRequest()
    {
        var results = await Bounded(_client.QueryBatchAsync([], cancellationToken: Ct));

        Assert.Empty(results);
    }

    [Fact]
    public async Task SnapshotsRunQueriesAtOneTimestampThatAdvancesWithCommits()
    {
        var id = await Bounded(_client.MutationAsync<string>("notes:create", new { Title = "Snapshot", Content = "" }, cancellationToken: Ct));
        var before = await Bounded(_client.GetSnapshotAsync(cancellationToken: Ct));

        var note = await Bounded(before.QueryAsync("notes:get", ConvexObject.Of(("id", id)), s_json.NoteDocument, cancellationToken: Ct));
        var list = await Bounded(before.QueryAsync("notes:list", cancellationToken: Ct));
        var failed = await Bounded(before.TryQueryAsync("notes:missing", cancellationToken: Ct));
        await Bounded(_client.MutationAsync<NoteDocument>("notes:update", new { id, Title = "Snapshot, later" }, cancellationToken: Ct));
        var after = await Bounded(_client.GetSnapshotAsync(cancellationToken: Ct));

        Assert.Equal("Snapshot", note.Title);
        Assert.Contains(list.AsArray(), n => n["_id"].AsString() == id);
        Assert.False(failed.IsSuccess);
        Assert.True(before.Timestamp > 0);
        Assert.True(after.Timestamp > before.Timestamp, $"{after.Timestamp} should follow {before.Timestamp}");
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
}
