namespace ConvexNotes.Testing;

/// <summary>How to start the ConvexNotes emulator; every property is optional.</summary>
public sealed record ConvexEmulatorOptions
{
    /// <summary>The admin key the emulator accepts (<c>--admin-key</c>); none when null.</summary>
    public string? AdminKey { get; init; }

    /// <summary>A JSON-lines file receiving every WebSocket frame in and out (<c>--record</c>); kept after disposal.</summary>
    public string? RecordFile { get; init; }

    /// <summary>The instance name reported by <c>/instance_name</c> (<c>--instance-name</c>); the emulator's default when null.</summary>
    public string? InstanceName { get; init; }

    /// <summary>How long to wait for the READY line. The default is 60 seconds (a cold tsx start on a busy machine is slow).</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Receives each output line as it arrives, e.g. to forward it to the test's output.</summary>
    public Action<string>? OutputReceived { get; init; }

    /// <summary>The Convex functions directory to load (<c>--functions</c>); the repository's convex/ when null.</summary>
    public string? FunctionsDirectory { get; init; }

    /// <summary>The repository checkout to run the emulator from; <see cref="RepositoryPaths.Root"/> when null.</summary>
    public string? RepositoryRoot { get; init; }
}
