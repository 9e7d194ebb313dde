using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using ConvexNotes.Testing;

namespace ConvexNotes.Web.Tests;

/// <summary>
/// ConvexNotes.Web as a real process (Kestrel on a free loopback port), run from its own build output so its static
/// web assets (Fluent UI's included) are served as in development.
/// </summary>
public sealed partial class WebAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private WebAppProcess(Process process) => _process = process;

    public Uri Url { get; private set; } = null!;

    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<WebAppProcess> StartAsync(Uri convexUrl, int pageSize, CancellationToken cancellationToken)
    {
        var project = Path.Combine(RepositoryPaths.Root, "ConvexNotes.Web");
        var assembly = Path.Combine(project, "bin", Configuration, "net10.0", "ConvexNotes.Web.dll");
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"ConvexNotes.Web is not built at {assembly}; build the test project (it builds the app).");
        }

        var startInfo = new ProcessStartInfo(ToolCommand.DotnetHost)
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(assembly);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        startInfo.Environment["ConnectionStrings__convex"] = convexUrl.ToString();
        startInfo.Environment["Notes__PageSize"] = pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture);
        startInfo.Environment["Aspire__Convex__Client__ClientOptions__MaxReconnectDelay"] = "00:00:01";
        startInfo.Environment["Logging__Console__FormatterName"] = "simple";
        startInfo.Environment["NO_COLOR"] = "1";
        startInfo.Environment.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");

        var app = new WebAppProcess(new Process { StartInfo = startInfo });
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            app._output.Enqueue(line);
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["url"].Value));
            }
        }

        app._process.OutputDataReceived += (_, e) => OnLine(e.Data);
        app._process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        app._process.Start();
        app._process.BeginOutputReadLine();
        app._process.BeginErrorReadLine();
        try
        {
            var exited = app._process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(listening.Task, exited).WaitAsync(TimeSpan.FromSeconds(90), cancellationToken);
            if (first != listening.Task)
            {
                throw new InvalidOperationException($"ConvexNotes.Web exited before listening:{Environment.NewLine}{app.Output}");
            }

            app.Url = await listening.Task;
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        _process.Dispose();
    }

#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    [GeneratedRegex(@"Now listening on: (?<url>http://127\.0\.0\.1:\d+)")]
    private static partial Regex ListeningLine();
}
