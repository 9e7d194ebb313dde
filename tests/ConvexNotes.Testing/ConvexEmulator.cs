using System.Globalization;

namespace ConvexNotes.Testing;

/// <summary>
/// The ConvexNotes emulator (tools/convex-emulator, a test double of Convex, not Convex) running as a real node process
/// on free 127.0.0.1 ports, with its data in a temporary file so that a restart keeps both its URLs and its data.
/// </summary>
/// <remarks>Not thread-safe: start, stop and restart it from one test at a time.</remarks>
public sealed class ConvexEmulator : IAsyncDisposable
{
    private const string EntryPoint = "tools/convex-emulator/src/main.ts";

    private readonly ConvexEmulatorOptions _options;
    private readonly string _repositoryRoot;
    private readonly string _temporaryDirectory;
    private readonly OutputLog _output;
    private EmulatorProcess? _process;
    private int? _lastExitCode;
    private bool _disposed;

    private ConvexEmulator(ConvexEmulatorOptions options)
    {
        _options = options;
        _repositoryRoot = options.RepositoryRoot ?? RepositoryPaths.Root;
        _temporaryDirectory = Directory.CreateTempSubdirectory("convexnotes-emulator-").FullName;
        _output = new OutputLog(options.OutputReceived);
        AppDomain.CurrentDomain.ProcessExit += OnHostExit;
    }

    /// <summary>The deployment URL (WebSocket sync and the HTTP API), e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>The URL serving the HTTP actions of convex/http.ts.</summary>
    public Uri SiteUrl { get; private set; } = null!;

    /// <summary>The admin key the emulator accepts, if one was configured.</summary>
    public string? AdminKey => _options.AdminKey;

    /// <summary>The JSON snapshot of all tables; it outlives restarts and is deleted on disposal.</summary>
    public string DataFile => Path.Combine(_temporaryDirectory, "data.json");

    /// <summary>Every line the emulator printed so far, across restarts, stdout and stderr interleaved.</summary>
    public IReadOnlyList<string> Output => _output.Snapshot();

    /// <summary>Whether the emulator process is running.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts an emulator on free ports and waits until it is ready.</summary>
    /// <exception cref="TimeoutException">No READY line within <see cref="ConvexEmulatorOptions.StartTimeout"/>.</exception>
    /// <exception cref="InvalidOperationException">The process exited before it was ready.</exception>
    public static async Task<ConvexEmulator> StartAsync(
        ConvexEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        var emulator = new ConvexEmulator(options ?? new ConvexEmulatorOptions());
        try
        {
            await emulator.LaunchAsync(port: 0, sitePort: 0, cancellationToken);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the stopped emulator again on the same ports with the same data, so clients can reconnect.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
        {
            throw new InvalidOperationException("The emulator is already running; stop it first.");
        }

        var (url, siteUrl) = (Url, SiteUrl);
        await LaunchAsync(url.Port, siteUrl.Port, cancellationToken);
        if (Url != url || SiteUrl != siteUrl)
        {
            throw new InvalidOperationException($"The emulator came back on {Url} and {SiteUrl} instead of {url} and {siteUrl}.");
        }
    }

    /// <summary>Stops the emulator gracefully and starts it again on the same ports with the same data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken);
        await StartAgainAsync(cancellationToken);
    }

    /// <summary>
    /// Stops the emulator as Ctrl+C would (SIGINT: it closes its sockets and exits), killing it if it hangs.
    /// Returns its exit code; stopping a stopped emulator returns the previous one.
    /// </summary>
    public async Task<int> StopAsync(CancellationToken cancellationToken = default)
    {
        if (_process is { } process)
        {
            _process = null;
            using (process)
            {
                _lastExitCode = await process.StopAsync(cancellationToken);
            }
        }

        return _lastExitCode ?? throw new InvalidOperationException("The emulator was never started.");
    }

    /// <summary>Kills the emulator abruptly, as a crash would; <see cref="StartAgainAsync"/> brings it back.</summary>
    public async Task<int> KillAsync()
    {
        if (_process is { } process)
        {
            _process = null;
            using (process)
            {
                _lastExitCode = await process.KillAsync();
            }
        }

        return _lastExitCode ?? throw new InvalidOperationException("The emulator was never started.");
    }

    /// <summary>Stops the emulator and deletes its data file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        AppDomain.CurrentDomain.ProcessExit -= OnHostExit;
        try
        {
            if (_process is not null)
            {
                await StopAsync(CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(_temporaryDirectory, recursive: true);
        }
    }

    private async Task LaunchAsync(int port, int sitePort, CancellationToken cancellationToken)
    {
        var arguments = BuildArguments(port, sitePort);
        var command = "node " + string.Join(' ', arguments.Select(Redact(arguments)));
        _process = await EmulatorProcess.StartAsync(
            _repositoryRoot, arguments, command, _output, _options.StartTimeout, cancellationToken);
        (Url, SiteUrl) = (_process.Url, _process.SiteUrl);
    }

    private List<string> BuildArguments(int port, int sitePort)
    {
        List<string> arguments =
        [
            "--import", "tsx", EntryPoint,
            "--port", port.ToString(CultureInfo.InvariantCulture),
            "--site-port", sitePort.ToString(CultureInfo.InvariantCulture),
            "--data", DataFile,
        ];
        AddOption(arguments, "--admin-key", _options.AdminKey);
        AddOption(arguments, "--instance-name", _options.InstanceName);
        AddOption(arguments, "--functions", _options.FunctionsDirectory is null ? null : Path.GetFullPath(_options.FunctionsDirectory));
        AddOption(arguments, "--record", _options.RecordFile is null ? null : Path.GetFullPath(_options.RecordFile));
        return arguments;
    }

    private static void AddOption(List<string> arguments, string name, string? value)
    {
        if (value is not null)
        {
            arguments.Add(name);
            arguments.Add(value);
        }
    }

    /// <summary>Hides the admin key in the command line shown in error messages.</summary>
    private static Func<string, int, string> Redact(List<string> arguments) =>
        (argument, index) => index > 0 && arguments[index - 1] == "--admin-key" ? "***" : argument;

    /// <summary>A test host that exits without disposing (a crash, an aborted run) must not leave emulators behind.</summary>
    private void OnHostExit(object? sender, EventArgs e) => _process?.KillNow();
}
