namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// What backs a Convex resource. Set in code with <c>WithBackendMode</c>; the configuration key <c>Convex:Backend</c>
/// (<c>auto</c> | <c>container</c> | <c>emulator</c>), when set, wins, so one machine can switch without a code change.
/// </summary>
public enum ConvexBackendMode
{
    /// <summary>The containers when a container runtime answers, otherwise the emulator (with a warning).</summary>
    Auto,

    /// <summary>The real self-hosted Convex backend and dashboard as containers.</summary>
    Container,

    /// <summary>The Convex-protocol emulator: a test double of Convex, not Convex. No container runtime needed.</summary>
    Emulator,
}
