namespace Aspire.Hosting;

/// <summary>What backs the <c>convex</c> resource; configuration key <c>Convex:Backend</c>.</summary>
public enum ConvexBackendMode
{
    /// <summary>The container when a container runtime answers, otherwise the emulator (with a warning).</summary>
    Auto,

    /// <summary>The real self-hosted Convex backend and dashboard as containers.</summary>
    Container,

    /// <summary>The project's emulator (tools/convex-emulator): a test double of Convex, not Convex.</summary>
    Emulator,
}
