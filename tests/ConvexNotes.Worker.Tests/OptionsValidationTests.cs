using ConvexKit.Client;
using ConvexNotes.Worker.Extensions;
using ConvexNotes.Worker.Tests.Infrastructure;
using ConvexNotes.Worker.Watcher;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Worker.Tests;

/// <summary>Bad settings stop the worker at start, with a message that names the setting and says what is wrong.</summary>
public sealed class OptionsValidationTests
{
    [Theory]
    [InlineData("FunctionPath", "", "NotesWatcher:FunctionPath is required")]
    [InlineData("FunctionPath", "notes list!", "NotesWatcher:FunctionPath must be a Convex function path such as 'notes:list'")]
    [InlineData("TitleLogLength", "0", "NotesWatcher:TitleLogLength (0) must be between 1 and 200 characters")]
    [InlineData("TitleLogLength", "201", "NotesWatcher:TitleLogLength (201) must be between 1 and 200 characters")]
    [InlineData("LagWarningThreshold", "00:00:00", "NotesWatcher:LagWarningThreshold (00:00:00) must be between 00:00:00.0010000 and 1.00:00:00")]
    [InlineData("DegradedAfter", "-00:00:01", "NotesWatcher:DegradedAfter (-00:00:01) must be between 00:00:00 and 1.00:00:00")]
    [InlineData("DegradedAfter", "00:05:00", "NotesWatcher:DegradedAfter (00:05:00) must be shorter than NotesWatcher:UnhealthyAfter (00:00:30)")]
    [InlineData("UnhealthyAfter", "00:00:00", "NotesWatcher:UnhealthyAfter (00:00:00) must be between 00:00:00.0010000 and 1.00:00:00")]
    [InlineData("UnhealthyAfter", "2.00:00:00", "NotesWatcher:UnhealthyAfter (2.00:00:00) must be between 00:00:00.0010000 and 1.00:00:00")]
    public void ABadSettingFailsTheStartValidationWithAMessageNamingIt(string option, string value, string expected)
    {
        using var host = BuildWatcherHost(new() { [$"NotesWatcher:{option}"] = value });

        // What Host.StartAsync runs before anything starts (ValidateOnStart).
        var error = Assert.Throws<OptionsValidationException>(host.Services.GetRequiredService<IStartupValidator>().Validate);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDefaultsAreValid()
    {
        using var host = BuildWatcherHost([]);

        host.Services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal("notes:list", host.Services.GetRequiredService<IOptions<NotesWatcherOptions>>().Value.FunctionPath);
    }

    [Fact]
    public async Task TheWorkerProcessExitsAtStartNamingEveryBadSetting()
    {
        var (exitCode, output) = await WorkerProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__convex"] = "http://127.0.0.1:1",
            ["NotesWatcher__FunctionPath"] = "notes list!",
            ["NotesWatcher__TitleLogLength"] = "0",
            ["NotesWatcher__UnhealthyAfter"] = "00:00:00",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("NotesWatcher:FunctionPath must be a Convex function path", output, StringComparison.Ordinal);
        Assert.Contains("NotesWatcher:TitleLogLength (0) must be between 1 and 200 characters", output, StringComparison.Ordinal);
        Assert.Contains("NotesWatcher:UnhealthyAfter (00:00:00) must be between", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWorkerProcessExitsAtStartNamingABadConvexClientOption()
    {
        var (exitCode, output) = await WorkerProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__convex"] = "http://127.0.0.1:1",
            ["Aspire__Convex__Client__ClientOptions__MaxReconnectDelay"] = "00:00:00",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'Aspire:Convex:Client:ClientOptions:MaxReconnectDelay' is 00:00:00, but must be positive", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheConvexClientIsTunedThroughTheAspireSection()
    {
        await using var worker = new WorkerFactory(new Uri("http://127.0.0.1:1"), new Dictionary<string, string?>
        {
            ["Aspire:Convex:Client:convex:ClientOptions:ServerInactivityTimeout"] = "00:00:45",
        });

        var options = worker.Services.GetRequiredService<IOptionsMonitor<ConvexClientOptions>>().Get(Options.DefaultName);

        // WorkerFactory sets MaxReconnectDelay in the shared section, over appsettings.json's 16 s; this test, the named section.
        Assert.Equal(TimeSpan.FromSeconds(1), options.MaxReconnectDelay);
        Assert.Equal(TimeSpan.FromSeconds(45), options.ServerInactivityTimeout);
    }

    [Fact]
    public async Task TheWorkerProcessExitsAtStartNamingTheMissingConnectionString()
    {
        var (exitCode, output) = await WorkerProcess.RunUntilExitAsync(new Dictionary<string, string>());

        Assert.NotEqual(0, exitCode);
        Assert.Contains("ConnectionStrings:convex", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreadableValueIsReportedWithItsKey()
    {
        var (exitCode, output) = await WorkerProcess.RunUntilExitAsync(new Dictionary<string, string>
        {
            ["ConnectionStrings__convex"] = "http://127.0.0.1:1",
            ["NotesWatcher__UnhealthyAfter"] = "soon",
        });

        Assert.NotEqual(0, exitCode);
        Assert.Contains("'soon' at 'NotesWatcher:UnhealthyAfter'", output, StringComparison.Ordinal);
    }

    /// <summary>The watcher's registration alone, on a plain host, with <paramref name="settings"/> as its configuration.</summary>
    private static IHost BuildWatcherHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Testing" });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddNotesWatcher();
        return builder.Build();
    }
}
