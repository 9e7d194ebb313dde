using ConvexKit.Client.Tests.Support;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Tests.Client;

/// <summary>A <see cref="ConvexClient"/> wired to an <see cref="InMemorySyncTransport"/>, with timings shrunk for tests.</summary>
internal sealed class InMemoryClient : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    public InMemoryClient(Action<ConvexClientOptions>? configure = null, Action<InMemorySyncTransport>? prepare = null, ILoggerFactory? loggerFactory = null)
    {
        var options = new ConvexClientOptions
        {
            Timeout = TimeSpan.FromSeconds(20),
            MaxReconnectDelay = TimeSpan.FromMilliseconds(200),
            ReconnectDelayScale = 0.05,
        };
        configure?.Invoke(options);
        prepare?.Invoke(Transport);
        Client = new ConvexClient(new Uri("http://127.0.0.1:3210"), options, Transport, loggerFactory);
    }

    public InMemorySyncTransport Transport { get; } = new();

    public ConvexClient Client { get; }

    public static CancellationToken Token => TestContext.Current.CancellationToken;

    public async Task WaitForAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Token);
        timeout.CancelAfter(Wait);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync().AsTask().WaitAsync(Wait, Token);
        Assert.Empty(Transport.Violations);
    }
}
