using System.Text;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Sync;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Tests.Sync;

/// <summary>Drives a <see cref="SyncState"/> with server frames written as JSON and reads its output as JSON frames.</summary>
internal sealed class SyncHarness
{
    public static readonly Guid SessionId = Guid.Parse("5594e746-d264-4c8d-9b92-403cdee94837");

    public SyncHarness(bool open = true)
    {
        State = new SyncState(SessionId, () => 1000);
        if (open)
        {
            Events.AddRange(State.OnSocketOpened());
            Drain();
        }
    }

    public SyncState State { get; }

    public List<SyncEvent> Events { get; } = [];

    public static string Ts(ulong ts) => ConvexBase64.EncodeUInt64(ts);

    public static string Version(uint querySet, uint identity, ulong ts) =>
        $$"""{"querySet":{{querySet}},"identity":{{identity}},"ts":"{{Ts(ts)}}"}""";

    public static string Transition(string start, string end, params string[] modifications) =>
        $$"""{"type":"Transition","startVersion":{{start}},"endVersion":{{end}},"modifications":[{{string.Join(",", modifications)}}],"clientClockSkew":0,"serverTs":1}""";

    public static string Updated(uint queryId, string value, string? journal = null, string logLines = "") =>
        $$"""{"type":"QueryUpdated","queryId":{{queryId}},"value":{{value}},"logLines":[{{logLines}}],"journal":{{(journal is null ? "null" : $"\"{journal}\"")}}}""";

    public static string MutationOk(uint requestId, ulong ts, string result = "null") =>
        $$"""{"type":"MutationResponse","requestId":{{requestId}},"success":true,"result":{{result}},"ts":"{{Ts(ts)}}","logLines":[]}""";

    public List<string> Drain()
    {
        var frames = new List<string>();
        while (State.TryDequeueOutgoing(out var message))
        {
            frames.Add(Encoding.UTF8.GetString(ClientMessageWriter.Serialize(message)));
        }

        return frames;
    }

    public IReadOnlyList<SyncEvent> Receive(string frame)
    {
        var events = State.Receive(ServerMessageReader.Parse(Encoding.UTF8.GetBytes(frame)));
        Events.AddRange(events);
        return events;
    }

    public IReadOnlyList<SyncEvent> Open()
    {
        var events = State.OnSocketOpened();
        Events.AddRange(events);
        return events;
    }

    public SubscribeResult Subscribe(string path, ConvexObject? args = null) => State.Subscribe(path, args ?? ConvexObject.Empty);

    public IEnumerable<RequestCompleted> Completed => Events.OfType<RequestCompleted>();
}
