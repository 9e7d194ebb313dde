using ConvexKit.Client.Http;
using ConvexKit.Client.Values;
using ConvexNotes.Testing;

namespace ConvexNotes.Worker.Tests.Infrastructure;

/// <summary>Changes the notes the way another program would: one-shot mutations over Convex's HTTP API.</summary>
internal sealed class NotesWriter(Uri convexUrl) : IDisposable
{
    private readonly ConvexHttpClient _http = new(convexUrl);

    public async Task<string> CreateAsync(string title, string content = "") =>
        (await _http.MutationAsync("notes:create", ConvexObject.Of(("title", title), ("content", content)), Cancellation)
            .WaitAsync(Poll.Timeout, Cancellation)).AsString();

    public Task UpdateAsync(string id, string? title = null, string? content = null)
    {
        List<(string, ConvexValue)> fields = [("id", id)];
        if (title is not null)
        {
            fields.Add(("title", title));
        }

        if (content is not null)
        {
            fields.Add(("content", content));
        }

        return _http.MutationAsync("notes:update", ConvexObject.Of([.. fields]), Cancellation).WaitAsync(Poll.Timeout, Cancellation);
    }

    public Task RemoveAsync(string id) =>
        _http.MutationAsync("notes:remove", ConvexObject.Of(("id", id)), Cancellation).WaitAsync(Poll.Timeout, Cancellation);

    /// <summary>How many notes <c>notes:list</c> returns now.</summary>
    public async Task<int> CountAsync() =>
        (await _http.QueryAsync("notes:list", cancellationToken: Cancellation).WaitAsync(Poll.Timeout, Cancellation)).AsArray().Count;

    public void Dispose() => _http.Dispose();

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
}
