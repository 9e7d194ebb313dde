using ConvexNotes.Testing;

namespace ConvexKit.Client.Benchmarks.ClientCost;

/// <summary>The server benchmark (e) measures against: the scripted server (by default) or the emulator (<c>--emulator</c>).</summary>
internal sealed class TestServer(IAsyncDisposable process, Uri url) : IAsyncDisposable
{
    public Uri Url { get; } = url;

    public static async Task<TestServer> StartAsync(bool emulator)
    {
        if (emulator)
        {
            var started = await ConvexEmulator.StartAsync();
            return new TestServer(started, started.Url);
        }

        var scripted = await ScriptedServer.StartAsync();
        return new TestServer(scripted, scripted.Url);
    }

    public ValueTask DisposeAsync() => process.DisposeAsync();
}
