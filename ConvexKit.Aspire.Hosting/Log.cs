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
}
