using System.Diagnostics;

namespace ConvexNotes.Testing;

/// <summary>Starts a tool (<c>node</c>, <c>dotnet</c>) with its output captured line by line.</summary>
internal static class ChildProcess
{
    // environment: variables to set (a null value removes one) on top of this process's environment.
    public static Process Start(
        string fileName, string workingDirectory, IEnumerable<string> arguments, OutputLog output, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var startInfo = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        // Plain text: the output ends up in test failure messages, where colour codes are noise.
        startInfo.Environment["NO_COLOR"] = "1";
        startInfo.Environment.Remove("FORCE_COLOR");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null)
            {
                startInfo.Environment.Remove(name);
            }
            else
            {
                startInfo.Environment[name] = value;
            }
        }

        var process = new Process { StartInfo = startInfo };
        process.OutputDataReceived += (_, e) => AddLine(output, e.Data);
        process.ErrorDataReceived += (_, e) => AddLine(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Kills the process and everything it started (node's test runner runs each file in a child process, dotnet its build servers).</summary>
    public static async Task KillTreeAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own in the meantime.
        }

        await process.WaitForExitAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30), CancellationToken.None);
    }

    private static void AddLine(OutputLog output, string? line)
    {
        if (line is not null)
        {
            output.Add(line);
        }
    }
}
