using ConvexNotes.Worker.Watcher;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Worker.Extensions;

internal static class NotesWatcherExtensions
{
    /// <summary>The notes watcher: its validated options, the service, its health check and its telemetry.</summary>
    public static IHostApplicationBuilder AddNotesWatcher(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotesWatcherOptions>().BindConfiguration(NotesWatcherOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NotesWatcherOptions>, NotesWatcherOptionsValidator>();
        builder.Services.AddSingleton<IValidateOptions<NotesWatcherOptions>, NotesWatcherOptionsRules>();

        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<NotesWatcherTelemetry>();
        builder.Services.AddSingleton<NotesWatcher>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NotesWatcher>());
        builder.Services.AddHealthChecks().AddCheck<NotesWatcherHealthCheck>("notes-watcher");

        builder.Services.AddOpenTelemetry()
            .WithTracing(tracing => tracing.AddSource(NotesWatcherTelemetry.ActivitySourceName))
            .WithMetrics(metrics => metrics.AddMeter(NotesWatcherTelemetry.MeterName));

        return builder;
    }
}
