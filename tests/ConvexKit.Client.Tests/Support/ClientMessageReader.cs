using System.Collections.Immutable;
using System.Text.Json;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Support;

/// <summary>Parses client frames: used by the in-memory test server and to check the writer against the documented frames.</summary>
internal static class ClientMessageReader
{
    /// <exception cref="ConvexProtocolException">The frame is not a valid client message.</exception>
    public static ClientMessage Parse(ReadOnlyMemory<byte> frame)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame, new JsonDocumentOptions { MaxDepth = 512 });
        }
        catch (JsonException ex)
        {
            throw new ConvexProtocolException($"The client frame is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            var root = document.RootElement;
            var type = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? t.GetString()!
                : throw new ConvexProtocolException("The client message has no string 'type'.");
            var fields = new JsonFields(root, type);
            return type switch
            {
                "Connect" => new ConnectMessage(
                    Guid.TryParse(fields.String("sessionId"), out var sessionId) ? sessionId : throw fields.Error("has an invalid 'sessionId'"),
                    fields.UInt32("connectionCount"),
                    fields.NullableString("lastCloseReason"),
                    fields.NullableInt64("clientTs") ?? 0,
                    fields.NullableTimestamp("maxObservedTimestamp")),
                "ModifyQuerySet" => ParseModifyQuerySet(fields),
                "Mutation" => new MutationMessage(fields.UInt32("requestId"), fields.String("udfPath"), fields.Args()),
                "Action" => new ActionMessage(fields.UInt32("requestId"), fields.String("udfPath"), fields.Args()),
                "Authenticate" => new AuthenticateMessage(fields.UInt32("baseVersion"), ParseToken(fields)),
                "Event" => new EventMessage(fields.String("eventType"), fields.Required("event").Clone()),
                _ => throw new ConvexProtocolException($"Unknown client message type '{type}'."),
            };
        }
    }

    private static ModifyQuerySetMessage ParseModifyQuerySet(JsonFields fields)
    {
        var modifications = fields.Objects("modifications");
        var builder = ImmutableArray.CreateBuilder<QuerySetModification>(modifications.Length);
        foreach (var m in modifications)
        {
            builder.Add(m.String("type") switch
            {
                "Add" => new AddQuery(
                    m.UInt32("queryId"),
                    m.String("udfPath"),
                    m.Args(),
                    m.Has("journal") ? new QueryJournal(m.NullableString("journal")) : null),
                "Remove" => new RemoveQuery(m.UInt32("queryId")),
                var other => throw m.Error($"has the unknown modification type '{other}'"),
            });
        }

        return new ModifyQuerySetMessage(fields.UInt32("baseVersion"), fields.UInt32("newVersion"), builder.MoveToImmutable());
    }

    private static AuthenticationToken ParseToken(JsonFields fields) => fields.String("tokenType") switch
    {
        "User" => new AuthenticationToken.User(fields.String("value")),
        "Admin" => new AuthenticationToken.Admin(
            fields.String("value"),
            fields.Has("impersonating") ? ParseIdentity(fields, "impersonating")
                : fields.Has("acting_as") ? ParseIdentity(fields, "acting_as") : null),
        "None" => AuthenticationToken.None.Instance,
        var other => throw fields.Error($"has the unknown tokenType '{other}'"),
    };

    private static UserIdentityAttributes ParseIdentity(JsonFields fields, string name) =>
        UserIdentityAttributes.FromObject(fields.Payload(name).Value as ConvexObject ?? throw fields.Error($"'{name}' must be an object"));
}
