using ConvexNotes.Testing;

namespace ConvexNotes.Worker.Tests.Infrastructure;

/// <summary>An emulator (a test double of Convex) for one test class, so that class alone changes its notes or stops it.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    private ConvexEmulator? _emulator;

    /// <summary>The emulator, as the last test left it.</summary>
    public ConvexEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    public async ValueTask InitializeAsync() =>
        _emulator = await ConvexEmulator.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Starts the emulator again if an earlier test left it stopped.</summary>
    public async Task<ConvexEmulator> RunningEmulatorAsync()
    {
        if (!Emulator.IsRunning)
        {
            await Emulator.StartAgainAsync(TestContext.Current.CancellationToken).WaitAsync(Poll.Timeout, TestContext.Current.CancellationToken);
        }

        return Emulator;
    }

    public async ValueTask DisposeAsync()
    {
        if (_emulator is not null)
        {
            await _emulator.DisposeAsync();
        }
    }
}
