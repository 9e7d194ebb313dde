using System.Text.Json;

namespace ConvexKit.Client.Protocol;

/// <summary><c>Event</c>: client telemetry the server only logs. This client does not send any; it is here for completeness.</summary>
internal sealed record EventMessage(string EventType, JsonElement Event) : ClientMessage
{
    public override string Type => "Event";
}
