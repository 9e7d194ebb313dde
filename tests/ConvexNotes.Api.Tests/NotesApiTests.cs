using ConvexNotes.Testing;

namespace ConvexNotes.Api.Tests;

/// <summary>A test class's own notes API in memory, on the shared emulator, with an HTTP client to it.</summary>
public abstract class NotesApiTests(EmulatorFixture convex) : IAsyncLifetime
{
    protected NotesApiFactory Api { get; } = new(convex.Emulator.Url);

    protected HttpClient Client { get; private set; } = null!;

    protected static CancellationToken Token => TestContext.Current.CancellationToken;

    public virtual ValueTask InitializeAsync()
    {
        Client = Api.CreateApiClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Api.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
