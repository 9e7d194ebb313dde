using ConvexNotes.Testing;

[assembly: AssemblyFixture(typeof(ConvexNotes.Api.Tests.EmulatorFixture))]

namespace ConvexNotes.Api.Tests;

/// <summary>One emulator (a test double of Convex) shared by the tests that leave it running.</summary>
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
