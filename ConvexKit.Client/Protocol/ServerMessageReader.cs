using System.Runtime.InteropServices;
using System.Text.Json;

namespace ConvexKit.Client.Protocol;

/// <summary>Parses server frames. Unknown <c>type</c>s become <see cref="UnknownServerMessage"/>; malformed known ones throw.</summary>
internal static class ServerMessageReader
{
    /// <summary>The deepest JSON a frame may nest.</summary>
    public const int MaxDepth = 512;

    /// <exception cref="ConvexProtocolException">The frame is not valid JSON or a known message is malformed.</exception>
    public static ServerMessage Parse(ReadOnlyMemory<byte> frame) =>
        (ServerMessage?)MutationResponseReader.TryRead(frame.Span) ?? (ServerMessage?)TransitionReader.TryRead(frame.Span) ?? ParseDocument(frame);

    /// <summary>
    /// Parses any frame through a <see cref="JsonDocument"/>: what <see cref="Parse"/> does for all but the common
    /// shapes of <c>MutationResponse</c> and <c>Transition</c>, and what words the errors.
    /// </summary>
    /// <exception cref="ConvexProtocolException">The frame is not valid JSON or a known message is malformed.</exception>
    public static ServerMessage ParseDocument(ReadOnlyMemory<byte> frame)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame, new JsonDocumentOptions { MaxDepth = MaxDepth });
        }
        catch (JsonException ex)
        {
            throw new ConvexProtocolException($"The server sent a frame that is not valid JSON: {ex.Message}", ex);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw new ConvexProtocolException("The server sent a frame that is not a JSON object.");
            }

            var type = document.RootElement.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String
                ? KnownType(t) ?? t.GetString()!
                : throw new ConvexProtocolException("The server sent a message without a string 'type'.");
            var fields = new JsonFields(document.RootElement, type);
            return type switch
            {
                "Transition" => ParseTransition(fields),
                "MutationResponse" => ParseMutationResponse(fields),
                "ActionResponse" => ParseActionResponse(fields),
                "AuthError" => new AuthErrorMessage(
                    fields.String("error"),
                    fields.NullableUInt32("baseVersion"),
                    fields.Has("authUpdateAttempted") && fields.Boolean("authUpdateAttempted")),
                "FatalError" => new FatalErrorMessage(fields.String("error")),
                "Ping" => PingMessage.Instance,
                "TransitionChunk" => new TransitionChunkMessage(
                    fields.String("chunk"), fields.Int32("partNumber"), fields.Int32("totalParts"), fields.String("transitionId")),
                _ => new UnknownServerMessage(type),
            };
        }
    }

    // The message types as interned constants: matching the frame's bytes spares a string per frame.
    private static string? KnownType(JsonElement type) =>
        type.ValueEquals("Transition"u8) ? "Transition"
        : type.ValueEquals("MutationResponse"u8) ? "MutationResponse"
        : type.ValueEquals("Ping"u8) ? "Ping"
        : type.ValueEquals("ActionResponse"u8) ? "ActionResponse"
        : null;

    private static TransitionMessage ParseTransition(JsonFields fields)
    {
        var count = fields.ArrayLength("modifications");
        var modifications = new StateModification[count];
        for (var i = 0; i < count; i++)
        {
            var m = fields.Object("modifications", i);
            var queryId = m.UInt32("queryId");
            modifications[i] =
                m.StringEquals("type", "QueryUpdated"u8) ? new QueryUpdated(queryId, m.Has("value") ? m.Payload("value") : Values.ConvexJsonPayload.Null, m.LogLines(), m.NullableString("journal"))
                : m.StringEquals("type", "QueryFailed"u8) ? new QueryFailed(queryId, m.String("errorMessage"), m.LogLines(), m.NullableString("journal"), m.OptionalPayload("errorData"))
                : m.StringEquals("type", "QueryRemoved"u8) ? new QueryRemoved(queryId)
                : throw m.Error($"has the unknown modification type '{m.String("type")}'");
        }

        return new TransitionMessage(
            fields.Version("startVersion"),
            fields.Version("endVersion"),
            ImmutableCollectionsMarshal.AsImmutableArray(modifications),
            fields.NullableInt64("clientClockSkew"),
            fields.NullableInt64("serverTs"));
    }

    private static MutationResponseMessage ParseMutationResponse(JsonFields fields)
    {
        var success = fields.Boolean("success");
        return new MutationResponseMessage(
            fields.UInt32("requestId"),
            success,
            success ? fields.Payload("result") : null,
            success ? null : fields.String("result"),
            success ? fields.Timestamp("ts") : fields.NullableTimestamp("ts"),
            fields.LogLines(),
            fields.OptionalPayload("errorData"));
    }

    private static ActionResponseMessage ParseActionResponse(JsonFields fields)
    {
        var success = fields.Boolean("success");
        return new ActionResponseMessage(
            fields.UInt32("requestId"),
            success,
            success ? fields.Payload("result") : null,
            success ? null : fields.String("result"),
            fields.LogLines(),
            fields.OptionalPayload("errorData"));
    }
}
