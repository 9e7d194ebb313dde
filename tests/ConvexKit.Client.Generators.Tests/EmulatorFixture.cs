using ConvexNotes.Testing;

namespace ConvexKit.Client.Generators.Tests;

/// <summary>One emulator running Fixture/convex (functions over every validator kind) for the round-trip tests.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public ConvexEmulator Emulator { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Emulator = await ConvexEmulator.StartAsync(new ConvexEmulatorOptions
        {
            FunctionsDirectory = Path.Combine(RepositoryPaths.Root, "tests", "ConvexKit.Client.Generators.Tests", "Fixture", "convex"),
        });

    public async ValueTask DisposeAsync() => await Emulator.DisposeAsync();
}
