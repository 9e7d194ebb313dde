namespace ConvexNotes.Testing;

/// <summary>Collects a child process's output lines (stdout and stderr interleaved as they arrive) from the reader threads.</summary>
internal sealed class OutputLog(Action<string>? lineReceived)
{
    private readonly List<string> _lines = [];
    private readonly Lock _gate = new();

    public void Add(string line)
    {
        lock (_gate)
        {
            _lines.Add(line);
        }

        try
        {
            lineReceived?.Invoke(line);
        }
#pragma warning disable CA1031 // This runs on the process reader thread: a throwing sink (e.g. a finished test's output) would crash the test host.
        catch (Exception)
#pragma warning restore CA1031
        {
            // The line is kept in the log regardless.
        }
    }

    public IReadOnlyList<string> Snapshot()
    {
        lock (_gate)
        {
            return [.. _lines];
        }
    }

    public override string ToString() => string.Join(Environment.NewLine, Snapshot());
}
