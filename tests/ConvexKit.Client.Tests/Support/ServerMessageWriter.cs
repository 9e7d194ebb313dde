using System.Buffers;
using System.Collections.Immutable;
using System.Text.Json;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Tests.Support;

/// <summary>
/// Serializes server messages in the backend's field order. The client never sends these; tests and the in-memory
/// test server use it, and it keeps the reader honest (parse ∘ write is the identity on every example frame).
/// </summary>
internal static class ServerMessageWriter
{
    public static byte[] Serialize(ServerMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, ConvexJsonWriter.WriterOptions))
        {
            Write(writer, message);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, ServerMessage message)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, message.Type);
        switch (message)
        {
            case TransitionMessage transition:
                WriteVersion(writer, "startVersion"u8, transition.StartVersion);
                WriteVersion(writer, "endVersion"u8, transition.EndVersion);
                writer.WriteStartArray("modifications"u8);
                foreach (var modification in transition.Modifications)
                {
                    WriteModification(writer, modification);
                }

                writer.WriteEndArray();
                writer.WritePropertyName("clientClockSkew"u8);
                WriteNullableNumber(writer, transition.ClientClockSkew);
                if (transition.ServerTs is { } serverTs)
                {
                    writer.WriteNumber("serverTs"u8, serverTs);
                }

                break;
            case MutationResponseMessage mutation:
                WriteResponseStart(writer, mutation);
                writer.WritePropertyName("ts"u8);
                if (mutation.Ts is { } ts)
                {
                    writer.WriteStringValue(ConvexBase64.EncodeUInt64(ts));
                }
                else
                {
                    writer.WriteNullValue();
                }

                WriteResponseEnd(writer, mutation);
                break;
            case ActionResponseMessage action:
                WriteResponseStart(writer, action);
                WriteResponseEnd(writer, action);
                break;
            case AuthErrorMessage authError:
                writer.WritePropertyName("error"u8);
                ConvexJsonWriter.WriteString(writer, authError.Error);
                writer.WritePropertyName("baseVersion"u8);
                WriteNullableNumber(writer, authError.BaseVersion);
                writer.WriteBoolean("authUpdateAttempted"u8, authError.AuthUpdateAttempted);
                break;
            case FatalErrorMessage fatal:
                writer.WritePropertyName("error"u8);
                ConvexJsonWriter.WriteString(writer, fatal.Error);
                break;
            case TransitionChunkMessage chunk:
                writer.WritePropertyName("chunk"u8);
                ConvexJsonWriter.WriteString(writer, chunk.Chunk);
                writer.WriteNumber("partNumber"u8, chunk.PartNumber);
                writer.WriteNumber("totalParts"u8, chunk.TotalParts);
                writer.WritePropertyName("transitionId"u8);
                ConvexJsonWriter.WriteString(writer, chunk.TransitionId);
                break;
            case PingMessage or UnknownServerMessage:
                break;
            default:
                throw new ArgumentException($"Unknown server message {message.GetType().Name}.", nameof(message));
        }

        writer.WriteEndObject();
    }

    private static void WriteModification(Utf8JsonWriter writer, StateModification modification)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, modification.Type);
        writer.WriteNumber("queryId"u8, modification.QueryId);
        switch (modification)
        {
            case QueryUpdated updated:
                writer.WritePropertyName("value"u8);
                writer.WriteRawValue(updated.Value.Utf8, skipInputValidation: true);
                WriteLogLines(writer, updated.LogLines);
                WriteJournal(writer, updated.Journal);
                break;
            case QueryFailed failed:
                writer.WritePropertyName("errorMessage"u8);
                ConvexJsonWriter.WriteString(writer, failed.ErrorMessage);
                WriteLogLines(writer, failed.LogLines);
                WriteJournal(writer, failed.Journal);
                WritePayloadIfPresent(writer, "errorData"u8, failed.ErrorData);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteResponseStart(Utf8JsonWriter writer, ResponseMessage response)
    {
        writer.WriteNumber("requestId"u8, response.RequestId);
        writer.WriteBoolean("success"u8, response.Success);
        writer.WritePropertyName("result"u8);
        if (response.Success)
        {
            writer.WriteRawValue((response.Result ?? ConvexJsonPayload.Null).Utf8, skipInputValidation: true);
        }
        else
        {
            ConvexJsonWriter.WriteString(writer, response.ErrorMessage ?? "");
        }
    }

    private static void WriteResponseEnd(Utf8JsonWriter writer, ResponseMessage response)
    {
        WriteLogLines(writer, response.LogLines);
        WritePayloadIfPresent(writer, "errorData"u8, response.ErrorData);
    }

    private static void WriteVersion(Utf8JsonWriter writer, ReadOnlySpan<byte> name, StateVersion version)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber("querySet"u8, version.QuerySet);
        writer.WriteNumber("identity"u8, version.Identity);
        writer.WriteString("ts"u8, ConvexBase64.EncodeUInt64(version.Ts));
        writer.WriteEndObject();
    }

    private static void WriteLogLines(Utf8JsonWriter writer, ImmutableArray<string> logLines)
    {
        writer.WriteStartArray("logLines"u8);
        foreach (var line in logLines.IsDefault ? [] : logLines)
        {
            ConvexJsonWriter.WriteString(writer, line);
        }

        writer.WriteEndArray();
    }

    private static void WriteJournal(Utf8JsonWriter writer, string? journal)
    {
        writer.WritePropertyName("journal"u8);
        if (journal is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            ConvexJsonWriter.WriteString(writer, journal);
        }
    }

    private static void WritePayloadIfPresent(Utf8JsonWriter writer, ReadOnlySpan<byte> name, ConvexJsonPayload? payload)
    {
        if (payload is not null)
        {
            writer.WritePropertyName(name);
            writer.WriteRawValue(payload.Utf8, skipInputValidation: true);
        }
    }

    private static void WriteNullableNumber(Utf8JsonWriter writer, long? value)
    {
        if (value is { } v)
        {
            writer.WriteNumberValue(v);
        }
        else
        {
            writer.WriteNullValue();
        }
    }
}
