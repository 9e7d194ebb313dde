using ConvexNotes.Testing;

namespace ConvexKit.Client.Tests.Http;

/// <summary>One real emulator (a test double of Convex, running convex/notes.ts) per test class, with an admin key.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public const string AdminKey = "convexnotes-http-tests|0123456789abcdef";

    private ConvexEmulator? _emulator;

    public ConvexEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public Uri Url => Emulator.Url;

    public async ValueTask InitializeAsync() =>
        _emulator = await ConvexEmulator.StartAsync(new ConvexEmulatorOptions { AdminKey = AdminKey }, TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(120), TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
