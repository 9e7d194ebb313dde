using System.Text;
using System.Text.Json;
using ConvexNotes.Api.Notes;

namespace ConvexNotes.Api.Tests;

internal abstract record SseMessage;

internal sealed record SseEvent(string Type, string Data) : SseMessage
{
    public NoteResponse[] Notes => JsonSerializer.Deserialize<NoteResponse[]>(Data, JsonSerializerOptions.Web)!;
}

internal sealed record SseComment(string Text) : SseMessage;

/// <summary>Reads a text/event-stream message by message, comments included (the framework's parser skips them).</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    /// <summary>Returns the next event or comment, or null when the stream ended.</summary>
    public async Task<SseMessage?> ReadAsync(CancellationToken cancellationToken)
    {
        string? type = null;
        var data = new StringBuilder();
        while (await _reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (type is not null || data.Length > 0)
                {
                    return new SseEvent(type ?? "message", data.ToString());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                return new SseComment(line[1..].Trim());
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (field, value) = colon < 0 ? (line, "") : (line[..colon], line[(colon + 1)..].TrimStart(' '));
            switch (field)
            {
                case "event":
                    type = value;
                    break;
                case "data":
                    data.Append(data.Length > 0 ? "\n" : "").Append(value);
                    break;
            }
        }

        return null;
    }

    /// <summary>Reads events until one carries a list that satisfies <paramref name="condition"/>; fails at the deadline.</summary>
    public async Task<NoteResponse[]> ReadNotesUntilAsync(Func<NoteResponse[], bool> condition, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout);
        while (true)
        {
            var message = await ReadAsync(deadline.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (message is SseEvent { Type: "notes" } notesEvent && condition(notesEvent.Notes))
            {
                return notesEvent.Notes;
            }
        }
    }

    public void Dispose() => _reader.Dispose();
}
