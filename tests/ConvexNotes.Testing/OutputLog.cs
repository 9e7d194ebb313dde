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

        lineReceived?.Invoke(line);
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
