using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace ConvexKit.Client.Benchmarks.Live;

/// <summary>
/// Runs one npm side of a live benchmark (bench/npm/&lt;script&gt;.mjs, the official <c>convex</c> client from the root
/// node_modules) and reads its JSON lines: control events while it runs (handed to <c>onEvent</c>), then the result.
/// </summary>
internal static class NpmSide
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    public static async Task<JsonElement> RunAsync(
        string script, IEnumerable<string> arguments, Func<string, Task>? onEvent = null, IEnumerable<string>? nodeOptions = null)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in (nodeOptions ?? []).Append(RepositoryRoot.Combine("bench", "npm", script)).Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var stderr = new StringBuilder();
        process.ErrorDataReceived += (_, e) =>
        {
            lock (stderr)
            {
                stderr.AppendLine(e.Data);
            }
        };
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(s_timeout);
        try
        {
            JsonElement? result = null;
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                using var document = JsonDocument.Parse(line);
                if (document.RootElement.TryGetProperty("event", out var name) && onEvent is not null)
                {
                    await onEvent(name.GetString()!);
                }
                else if (document.RootElement.TryGetProperty("result", out var value))
                {
                    result = value.Clone();
                }
            }

            await process.WaitForExitAsync(timeout.Token);
            if (process.ExitCode != 0 || result is null)
            {
                lock (stderr)
                {
                    throw new InvalidOperationException($"node bench/npm/{script} exited with {process.ExitCode} and {(result is null ? "no" : "a")} result: {stderr}");
                }
            }

            return result.Value;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"node bench/npm/{script} did not finish within {s_timeout}.");
        }
    }

    /// <summary>"npm convex 1.48.0 (node v20…)" from a result.</summary>
    public static string Describe(JsonElement result) =>
        $"npm convex {result.GetProperty("convex").GetString()} ({result.GetProperty("runtime").GetString()})";

    public static double[] Doubles(JsonElement result, string property) =>
        [.. result.GetProperty(property).EnumerateArray().Select(e => e.GetDouble())];
}
