using Xunit;

namespace ConvexNotes.Testing;

/// <summary>
/// A real emulator (a test double of Convex, running convex/*.ts) for xunit: as a class fixture, one per test class,
/// so that class alone changes its data or stops it; as an assembly fixture, one shared by the tests that leave it running.
/// </summary>
public class EmulatorFixture : IAsyncLifetime
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(120);

    private readonly ConvexEmulatorOptions _options;
    private ConvexEmulator? _emulator;

    public EmulatorFixture()
        : this(new ConvexEmulatorOptions())
    {
    }

    /// <summary>An emulator started with <paramref name="options"/> (an admin key, a recording file, ...).</summary>
    protected EmulatorFixture(ConvexEmulatorOptions options) => _options = options;

    /// <summary>The emulator, as the last test left it.</summary>
    public ConvexEmulator Emulator => _emulator ?? throw new InvalidOperationException("The emulator has not started.");

    /// <summary>The emulator's deployment URL.</summary>
    public Uri Url => Emulator.Url;

    public async ValueTask InitializeAsync() =>
        _emulator = await ConvexEmulator.StartAsync(_options, TestContext.Current.CancellationToken)
            .WaitAsync(s_startTimeout, TestContext.Current.CancellationToken);

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

        GC.SuppressFinalize(this);
    }
}
