using System.Diagnostics;
using System.Text.Json;

namespace ConvexKit.Client.Benchmarks.ClientCost;

/// <summary>
/// The scripted protocol server (bench/npm/scripted-server.mjs) in its own node process: it answers from memory, so the
/// figures measure the clients, and its CPU is not the harness's.
/// </summary>
internal sealed class ScriptedServer : IAsyncDisposable
{
    private readonly Process _process;

    private ScriptedServer(Process process, Uri url)
    {
        _process = process;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<ScriptedServer> StartAsync()
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add(RepositoryRoot.Combine("bench", "npm", "scripted-server.mjs"));
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
            ?? throw new InvalidOperationException("The scripted server exited before listening.");
        using var document = JsonDocument.Parse(line);
        return new ScriptedServer(process, new Uri(document.RootElement.GetProperty("url").GetString()!));
    }

    public async ValueTask DisposeAsync()
    {
        _process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
