using Microsoft.Extensions.Logging;

namespace ConvexKit.Aspire.Hosting;

internal static partial class Log
{
    [LoggerMessage(1, LogLevel.Information, "Convex backend: the self-hosted Convex containers. {Reason}")]
    public static partial void LogContainerBackend(this ILogger logger, string reason);

    [LoggerMessage(2, LogLevel.Warning,
        "Convex backend: the ConvexNotes EMULATOR (tools/convex-emulator), a test double of Convex, NOT Convex. {Reason} " +
        "Start Docker or Podman for the real backend, or set Convex:Backend=emulator to choose the emulator on purpose.")]
    public static partial void LogEmulatorFallback(this ILogger logger, string reason);

    [LoggerMessage(3, LogLevel.Information, "Convex backend: the ConvexNotes emulator, a test double of Convex, not Convex. {Reason}")]
    public static partial void LogEmulatorChosen(this ILogger logger, string reason);

    [LoggerMessage(4, LogLevel.Warning, "This resource is the ConvexNotes {Label}. Behaviour the emulator doesn't model differs from a real backend.")]
    public static partial void LogEmulatorStanding(this ILogger logger, string label);

    [LoggerMessage(5, LogLevel.Error, "The first functions push ({PushResource}) failed with exit code {ExitCode}; see its console. Services that wait for Convex keep waiting: fix the functions, then restart {PushResource}.")]
    public static partial void LogFunctionsPushFailed(this ILogger logger, string pushResource, int? exitCode);

    [LoggerMessage(6, LogLevel.Error, "Tracking the Convex resource's state failed.")]
    public static partial void LogConvexTrackingFailed(this ILogger logger, Exception exception);

    [LoggerMessage(7, LogLevel.Information, "convex: {Line}")]
    public static partial void LogConvexCliOutput(this ILogger logger, string line);

    [LoggerMessage(8, LogLevel.Information, "Setting {Count} deployment environment variable(s) with convex env set: {Names}")]
    public static partial void LogSettingDeploymentVariables(this ILogger logger, int count, string names);

    [LoggerMessage(9, LogLevel.Warning,
        "Convex version skew: the backend's /version reports '{BackendVersion}', the Convex CLI that pushes to it is {CliVersion} ({CliSource}). " +
        "Upstream tests a backend only with the CLI of its own commit; image tag {ImageTag} carries CLI {TagCliVersion}. See docs/hosting.md, Version guard.")]
    public static partial void LogVersionSkew(this ILogger logger, string backendVersion, string cliVersion, string cliSource, string imageTag, string tagCliVersion);

    [LoggerMessage(10, LogLevel.Warning, "The backend's /version could not be compared with the Convex CLI: {Reason}")]
    public static partial void LogVersionCheckFailed(this ILogger logger, string reason);

    [LoggerMessage(11, LogLevel.Warning,
        "Docker Desktop is running but its engine doesn't answer yet: waiting up to {Seconds} s for it before falling back to the Convex emulator ({ConfigurationKey} changes the wait).")]
    public static partial void LogWaitingForContainerRuntime(this ILogger logger, double seconds, string configurationKey);
}
