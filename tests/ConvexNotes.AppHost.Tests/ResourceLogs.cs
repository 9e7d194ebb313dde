using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace ConvexNotes.AppHost.Tests;

/// <summary>A resource's console output as the Aspire dashboard shows it.</summary>
internal static class ResourceLogs
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(30);

    /// <summary>Every line the resource has logged so far.</summary>
    public static Task<List<string>> ReadAsync(DistributedApplication app, string resourceName, CancellationToken cancellationToken)
    {
        var resource = Assert.Single(app.Services.GetRequiredService<DistributedApplicationModel>().Resources, r => r.Name == resourceName);
        var loggers = app.Services.GetRequiredService<ResourceLoggerService>();
        return ReadAllAsync().WaitAsync(s_timeout, cancellationToken);

        async Task<List<string>> ReadAllAsync()
        {
            var lines = new List<string>();
            await foreach (var batch in loggers.GetAllAsync(resource).WithCancellation(cancellationToken))
            {
                lines.AddRange(batch.Select(line => line.Content));
            }

            return lines;
        }
    }

    /// <summary>The resource's console, for a failure message.</summary>
    public static async Task<string> DescribeAsync(DistributedApplication app, string resourceName, CancellationToken cancellationToken) =>
        $"{resourceName}'s console:\n{string.Join('\n', await ReadAsync(app, resourceName, cancellationToken))}";
}
