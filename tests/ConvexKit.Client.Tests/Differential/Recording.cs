using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConvexKit.Client.Tests.Differential;

/// <summary>One line of an emulator <c>--record</c> file: a connection opening or closing, or a frame in or out.</summary>
/// <param name="Connection">The emulator's connection number.</param>
/// <param name="Event"><c>open</c> or <c>close</c> for connection events; <see langword="null"/> for frames.</param>
/// <param name="Direction"><c>in</c> (client to server) or <c>out</c>; <see langword="null"/> for connection events.</param>
/// <param name="Frame">The frame as parsed JSON (a JSON string when the text was not JSON).</param>
internal sealed record RecordedEntry(int Connection, string? Event, string? Direction, JsonNode? Frame);

/// <summary>Reads an emulator recording (format in tools/convex-emulator/README.md).</summary>
internal static class Recording
{
    public static IReadOnlyList<RecordedEntry> Read(string file)
    {
        if (!File.Exists(file))
        {
            return [];
        }

        // The emulator may still be appending: share the file, and ignore a last line it has not finished writing.
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var entries = new List<RecordedEntry>();
        while (reader.ReadLine() is { } line)
        {
            JsonNode? node;
            try
            {
                node = JsonNode.Parse(line);
            }
            catch (JsonException) when (reader.EndOfStream)
            {
                break;
            }

            if (node is JsonObject entry)
            {
                entries.Add(new RecordedEntry(
                    entry["conn"]!.GetValue<int>(),
                    entry["event"]?.GetValue<string>(),
                    entry["dir"]?.GetValue<string>(),
                    entry["frame"]?.DeepClone()));
            }
        }

        return entries;
    }
}
