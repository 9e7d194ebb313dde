using Microsoft.Extensions.Configuration;

namespace ConvexKit.Aspire.Hosting;

/// <summary>The backend the AppHost will run, and why.</summary>
/// <param name="Mode">Container or Emulator, never Auto.</param>
/// <param name="Reason">One sentence for the console and the resource.</param>
/// <param name="IsFallback">True when auto mode fell back to the emulator because no container runtime answered.</param>
internal sealed record ConvexBackendSelection(ConvexBackendMode Mode, string Reason, bool IsFallback)
{
    public const string ConfigurationKey = "Convex:Backend";

    /// <summary>Configuration wins over code; only Auto asks the probe.</summary>
    /// <param name="configuration">The AppHost's configuration.</param>
    /// <param name="codeMode">What <c>WithBackendMode</c> asked for (Auto when it wasn't called).</param>
    /// <param name="probe">Asked only in Auto mode.</param>
    public static ConvexBackendSelection Resolve(IConfiguration configuration, ConvexBackendMode codeMode, IContainerRuntimeProbe probe)
    {
        var configured = configuration[ConfigurationKey];
        var (mode, source) = string.IsNullOrWhiteSpace(configured)
            ? (codeMode, "WithBackendMode")
            : (Parse(configured), ConfigurationKey);

        switch (mode)
        {
            case ConvexBackendMode.Container:
                return new(mode, $"{source} is 'container'.", IsFallback: false);
            case ConvexBackendMode.Emulator:
                return new(mode, $"{source} is 'emulator'.", IsFallback: false);
        }

        // The same keys Aspire itself reads to pick its runtime.
        var configuredRuntime = configuration["ASPIRE_CONTAINER_RUNTIME"] ?? configuration["DOTNET_ASPIRE_CONTAINER_RUNTIME"];
        return probe.FindRunningRuntime(configuredRuntime) is { } runtime
            ? new(ConvexBackendMode.Container, $"Container runtime '{runtime}' answered.", IsFallback: false)
            : new(ConvexBackendMode.Emulator,
                $"No container runtime answered ({configuredRuntime ?? "docker, podman"}), so the Convex containers can't run.",
                IsFallback: true);
    }

    private static ConvexBackendMode Parse(string value) =>
        Enum.TryParse<ConvexBackendMode>(value, ignoreCase: true, out var mode) && Enum.IsDefined(mode)
            ? mode
            : throw new InvalidOperationException($"{ConfigurationKey} must be 'container', 'emulator' or 'auto', not '{value}'.");
}
