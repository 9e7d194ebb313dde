using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ConvexNotes.Testing;

namespace ConvexKit.Client.Tests.Differential;

/// <summary>
/// A fresh emulator (a test double of Convex, running convex/notes.ts) that records every WebSocket frame
/// (<c>--record</c>) and serves the <c>/_emulator/*</c> test hooks (<c>--test-hooks</c>) the scenarios use to hold
/// responses and drop connections, optionally with another functions directory (<c>--functions</c>).
/// <see cref="ConvexEmulator"/> has no switch for either, hence this small launcher;
/// it keeps no data file, so every run starts from an empty database and both clients see the same document ids.
/// </summary>
internal sealed partial class RecordingEmulator : IAsyncDisposable
{
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly List<string> _output = [];
    private readonly TaskCompletionSource<Uri> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RecordingEmulator(Process process, string recordFile)
    {
        _process = process;
        RecordFile = recordFile;
    }

    public Uri Url { get; private set; } = null!;

    public string RecordFile { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join(Environment.NewLine, _output);
            }
        }
    }

    public static async Task<RecordingEmulator> StartAsync(
        string recordFile, string? adminKey, string? functions, int upgradeDelayMs, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--import", "tsx", "tools/convex-emulator/src/main.ts", "--port", "0", "--site-port", "0",
            "--test-hooks", "--record", recordFile,
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (adminKey is not null)
        {
            start.ArgumentList.Add("--admin-key");
            start.ArgumentList.Add(adminKey);
        }

        if (upgradeDelayMs > 0)
        {
            start.ArgumentList.Add("--upgrade-delay-ms");
            start.ArgumentList.Add(upgradeDelayMs.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (functions is not null)
        {
            start.ArgumentList.Add("--functions");
            start.ArgumentList.Add(functions);
        }

        start.Environment["NO_COLOR"] = "1";
        var process = new Process { StartInfo = start };
        var emulator = new RecordingEmulator(process, recordFile);
        process.OutputDataReceived += (_, e) => emulator.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => emulator.OnLine(e.Data);
        process.Exited += (_, _) => emulator._ready.TrySetException(
            new InvalidOperationException($"The emulator exited before it was ready:{Environment.NewLine}{emulator.Output}"));
        process.EnableRaisingEvents = true;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            emulator.Url = await emulator._ready.Task.WaitAsync(s_startTimeout, cancellationToken);
            return emulator;
        }
        catch
        {
            await emulator.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Waits (bounded) until the emulator has no client connection left, then stops it as Ctrl+C would, so it flushes
    /// the recording (written through a buffered stream) and exits; returns the complete recording.
    /// </summary>
    /// <exception cref="InvalidOperationException">A connection stayed open, or the emulator did not stop.</exception>
    public async Task<IReadOnlyList<RecordedEntry>> StopAndReadRecordingAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            var stats = await http.GetStringAsync(new Uri(Url, "/_emulator/stats"), cancellationToken);
            if (JsonNode.Parse(stats)!["openConnections"]!.GetValue<int>() == 0)
            {
                break;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The client left a connection open after its last step: {stats}");
            }

            await Task.Delay(20, cancellationToken);
        }

        // .NET has no managed SIGINT; kill(1) sends it, and the emulator's handler ends the recording before exiting.
        using (var interrupt = Process.Start(new ProcessStartInfo("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
        {
            await interrupt.WaitForExitAsync(cancellationToken);
        }

        await _process.WaitForExitAsync(cancellationToken).WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        return Recording.Read(RecordFile);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Never started, or already gone.
        }

        await _process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
        _process.Dispose();
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Add(line);
        }

        var ready = ReadyLine().Match(line);
        if (ready.Success)
        {
            _ready.TrySetResult(new Uri(ready.Groups["url"].Value));
        }
    }

    [GeneratedRegex(@"^CONVEX_EMULATOR_READY url=(?<url>\S+) site=\S+$")]
    private static partial Regex ReadyLine();
}
