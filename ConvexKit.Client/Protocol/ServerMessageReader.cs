using System.Collections.Immutable;
using System.Text.Json;

namespace ConvexKit.Client.Protocol;

/// <summary>Parses server frames. Unknown <c>type</c>s become <see cref="UnknownServerMessage"/>; malformed known ones throw.</summary>
internal static class ServerMessageReader
{
    /// <exception cref="ConvexProtocolException">The frame is not valid JSON or a known message is malformed.</exception>
    public static ServerMessage Parse(ReadOnlyMemory<byte> frame)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(frame, new JsonDocumentOptions { MaxDepth = 512 });
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
                ? t.GetString()!
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

    private static TransitionMessage ParseTransition(JsonFields fields)
    {
        var modifications = fields.Objects("modifications");
        var builder = ImmutableArray.CreateBuilder<StateModification>(modifications.Length);
        foreach (var m in modifications)
        {
            var queryId = m.UInt32("queryId");
            builder.Add(m.String("type") switch
            {
                "QueryUpdated" => new QueryUpdated(queryId, m.Has("value") ? m.Payload("value") : Values.ConvexJsonPayload.Null, m.LogLines(), m.NullableString("journal")),
                "QueryFailed" => new QueryFailed(queryId, m.String("errorMessage"), m.LogLines(), m.NullableString("journal"), m.OptionalPayload("errorData")),
                "QueryRemoved" => new QueryRemoved(queryId),
                var other => throw m.Error($"has the unknown modification type '{other}'"),
            });
        }

        return new TransitionMessage(
            fields.Version("startVersion"),
            fields.Version("endVersion"),
            builder.MoveToImmutable(),
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
