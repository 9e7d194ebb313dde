using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ConvexKit.Client.Tests.Differential;

/// <summary>
/// The client→server side of a recording as comparable lines: one line per frame the client sent, as canonical JSON
/// after <see cref="Normalize"/>, with a marker line where each connection opened and closed.
/// </summary>
/// <remarks>
/// <para>Normalisations, each for a value that is legitimately different between two runs or two clients:</para>
/// <list type="bullet">
/// <item><c>Connect.sessionId</c> → <c>&lt;session 1&gt;</c>, <c>&lt;session 2&gt;</c>… numbered by first appearance: a
/// random UUID per client, but numbering keeps "the same id on every reconnect" comparable.</item>
/// <item><c>Connect.clientTs</c> → <c>&lt;clientTs&gt;</c> when it is a number: the client's wall clock (presence compared).</item>
/// <item><c>Connect.maxObservedTimestamp</c> → <c>&lt;timestamp&gt;</c> when it is a string: a commit timestamp from the
/// emulator's clock (presence compared: a reconnect after observing state must carry it).</item>
/// <item><c>Connect.lastCloseReason</c> → <c>&lt;close reason&gt;</c> when it is a string other than
/// <c>InitialConnect</c>: the npm client writes <c>closed with code 1006</c>, .NET the socket exception's text; the
/// server only counts it in metrics. <c>InitialConnect</c> and <c>null</c> are compared as they are.</item>
/// <item>Object member order is ignored (keys are sorted): the npm client spreads its reconnect metadata ahead of
/// <c>type</c> in <c>Connect</c>; JSON objects are unordered and the server reads them into maps.</item>
/// <item>Frames are grouped by connection, numbered "connection 1, 2…" in order of opening, each block ending with
/// whether that connection closed; when an old socket's close was recorded relative to the next socket's open is a
/// race, not protocol. Close codes are not compared (the client's own close is 1005 from npm and 1000 from .NET; the
/// server treats them alike). Upgrade paths and headers are
/// not compared: the npm client puts its version in the path, .NET in the <c>Convex-Client</c> header, by design.</item>
/// </list>
/// <para>
/// Not normalised, because both clients must produce them identically: query ids, query-set and identity versions,
/// request ids (one counter from 0 in both), function paths and arguments (document ids included: each emulator starts
/// empty, so they match), message order, and which frames each connection carries. <c>Authenticate.value</c> arrives
/// already redacted by the recorder.
/// </para>
/// </remarks>
internal static class ClientFrames
{
    public const string SessionPlaceholder = "<session {0}>";
    public const string ClientTsPlaceholder = "<clientTs>";
    public const string TimestampPlaceholder = "<timestamp>";
    public const string CloseReasonPlaceholder = "<close reason>";

    // Relaxed escaping keeps placeholders such as <session 1> readable in a failure report.
    private static readonly JsonSerializerOptions s_compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static IReadOnlyList<string> From(IEnumerable<RecordedEntry> entries)
    {
        // One block per connection, in order of opening. A client is done with one socket before it sends on the next,
        // but the emulator may record the old socket's close after the new one's open: that order is a race between
        // two sockets, not protocol, so each close is shown at the end of its own connection's block.
        var blocks = new List<(List<string> Lines, bool Closed)>();
        var byConnection = new Dictionary<int, int>();
        var sessions = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            switch (entry)
            {
                case { Event: "open" }:
                    byConnection[entry.Connection] = blocks.Count;
                    blocks.Add(([], false));
                    break;
                case { Event: "close" } when byConnection.TryGetValue(entry.Connection, out var index):
                    blocks[index] = (blocks[index].Lines, true);
                    break;
                case { Direction: "in" } when byConnection.TryGetValue(entry.Connection, out var index):
                    blocks[index].Lines.Add(Canonical(Normalize(entry.Frame, sessions)));
                    break;
                default:
                    // Server→client frames depend on the server, not on the client under test.
                    break;
            }
        }

        var lines = new List<string>();
        for (var index = 0; index < blocks.Count; index++)
        {
            var ordinal = (index + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            lines.Add($"-- connection {ordinal} opened --");
            lines.AddRange(blocks[index].Lines);
            lines.Add(blocks[index].Closed ? $"-- connection {ordinal} closed --" : $"-- connection {ordinal} still open --");
        }

        return lines;
    }

    /// <summary>Applies the normalisations listed on the class to a copy of one client frame.</summary>
    public static JsonNode? Normalize(JsonNode? frame, Dictionary<string, int> sessions)
    {
        if (frame?.DeepClone() is not JsonObject message || message["type"]?.GetValueKind() != JsonValueKind.String
            || message["type"]!.GetValue<string>() != "Connect")
        {
            return frame?.DeepClone();
        }

        if (message["sessionId"] is JsonValue { } session && session.GetValueKind() == JsonValueKind.String)
        {
            var id = session.GetValue<string>();
            if (!sessions.TryGetValue(id, out var number))
            {
                sessions[id] = number = sessions.Count + 1;
            }

            message["sessionId"] = string.Format(System.Globalization.CultureInfo.InvariantCulture, SessionPlaceholder, number);
        }

        Replace(message, "clientTs", JsonValueKind.Number, ClientTsPlaceholder);
        Replace(message, "maxObservedTimestamp", JsonValueKind.String, TimestampPlaceholder);
        if (message["lastCloseReason"] is JsonValue reason && reason.GetValueKind() == JsonValueKind.String
            && reason.GetValue<string>() != "InitialConnect")
        {
            message["lastCloseReason"] = CloseReasonPlaceholder;
        }

        return message;
    }

    /// <summary>Compact JSON with every object's members sorted by name, so member order never matters.</summary>
    public static string Canonical(JsonNode? node) => Sorted(node)?.ToJsonString(s_compact) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    private static void Replace(JsonObject message, string field, JsonValueKind kind, string placeholder)
    {
        if (message[field] is JsonValue value && value.GetValueKind() == kind)
        {
            message[field] = placeholder;
        }
    }
}
