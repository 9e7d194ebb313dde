namespace ConvexKit.Aspire.Hosting;

/// <summary>The children of one <see cref="ConvexResource"/>, as added when the app started.</summary>
/// <param name="Mode">Container or Emulator, never Auto.</param>
/// <param name="Backend">The backend child: the container or the emulator.</param>
/// <param name="Container">The backend container (container mode).</param>
/// <param name="Emulator">The emulator (emulator mode).</param>
/// <param name="Dashboard">The Convex dashboard container (container mode, when asked for).</param>
/// <param name="NpmInstall">The npm install of the functions project (when there are functions).</param>
/// <param name="Push">The one-shot <c>convex deploy</c>, when the functions are pushed.</param>
/// <param name="Watch">The <c>convex dev</c> watcher, when the functions are pushed.</param>
internal sealed record ConvexParts(
    ConvexBackendMode Mode,
    IConvexBackendResource Backend,
    IResourceBuilder<ConvexBackendResource>? Container,
    IResourceBuilder<ConvexEmulatorResource>? Emulator,
    IResourceBuilder<ConvexDashboardResource>? Dashboard,
    IResourceBuilder<ExecutableResource>? NpmInstall,
    IResourceBuilder<ExecutableResource>? Push,
    IResourceBuilder<ExecutableResource>? Watch);
