using ConvexNotes.Testing;

namespace ConvexNotes.Worker.Tests.Infrastructure;

/// <summary>An emulator (a test double of Convex) for one test class, so that class alone changes its notes.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private ConvexEmulator? _emulator;

    public ConvexEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public async ValueTask InitializeAsync() =>
        _emulator = await ConvexEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
