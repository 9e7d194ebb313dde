using ConvexKit.Client.Values;
using ConvexNotes.Testing;

namespace ConvexKit.Client.Tests.Transport;

/// <summary>
/// The production WebSocket transport against the emulator (a test double of Convex, not Convex): it reuses one
/// receive buffer per connection, so frames of very different sizes, several 16 KB chunks long or tiny, must each
/// arrive whole and alone, also when a chunk boundary falls inside a multi-byte character.
/// </summary>
public sealed class WebSocketReceiveTests
{
    private static readonly TimeSpan s_wait = TimeSpan.FromSeconds(60);

    private static CancellationToken Token => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FramesOfEverySizeArriveWholeOneAfterAnother()
    {
        await using var emulator = await ConvexEmulator.StartAsync(cancellationToken: Token).WaitAsync(TimeSpan.FromSeconds(120), Token);
        await using var client = new ConvexClient(emulator.Url);

        foreach (var length in new[] { 60_000, 3, 8_193, 0, 100_000, 1, 16_384 })
        {
            // 'é' is two bytes in UTF-8: the large results span several receive chunks, split mid-character.
            var content = new string('é', length);
            var id = (await client.MutationAsync("notes:create", ConvexObject.Of(("title", $"{length} characters"), ("content", content)), Token)
                .WaitAsync(s_wait, Token)).AsString();

            var note = await client.QueryAsync("notes:get", ConvexObject.Of(("id", id)), Token).WaitAsync(s_wait, Token);

            Assert.Equal(content, note["content"].AsString());
            Assert.Equal($"{length} characters", note["title"].AsString());
        }

        Assert.Equal(ConvexConnectionState.Connected, client.ConnectionState);
    }
}
