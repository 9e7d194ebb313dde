namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// What the <c>With…</c> methods asked of one <see cref="ConvexResource"/>. The children are built from it when the app
/// starts (<see cref="ConvexAppModel"/>), because only then are the backend mode and every call known.
/// </summary>
internal sealed class ConvexSetup
{
    /// <summary>The mode asked for in code; configuration (<c>Convex:Backend</c>) wins when set.</summary>
    public ConvexBackendMode Mode { get; set; } = ConvexBackendMode.Auto;

    /// <summary>The absolute functions directory (<c>convex/</c>), or null when nothing is pushed.</summary>
    public string? FunctionsDirectory { get; set; }

    /// <summary>The dashboard container's name, when one was asked for.</summary>
    public string? DashboardName { get; set; }

    /// <summary>Callbacks for the dashboard container, in call order.</summary>
    public List<Action<IResourceBuilder<ConvexDashboardResource>>> DashboardCallbacks { get; } = [];

    /// <summary>Where the data lives, when it is kept at all.</summary>
    public ConvexData? Data { get; set; }

    /// <summary>Callbacks run once the children exist, in registration order.</summary>
    public List<Action<ConvexParts>> PartsCallbacks { get; } = [];
}

/// <summary>Where a backend keeps its data: a named volume or a host folder (bind mount).</summary>
/// <param name="VolumeName">The volume name (container mode), when a volume was asked for.</param>
/// <param name="HostPath">The absolute host folder, when a bind mount was asked for.</param>
internal sealed record ConvexData(string? VolumeName, string? HostPath);
