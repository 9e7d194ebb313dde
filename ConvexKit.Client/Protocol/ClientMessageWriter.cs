using System.Buffers;
using System.Text.Json;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Protocol;

/// <summary>
/// Serializes client messages byte-for-byte as the JavaScript client does (its key order included: <c>Connect</c> is
/// <c>{connectionCount, lastCloseReason, clientTs, type, sessionId, maxObservedTimestamp?}</c>, absent optionals omitted).
/// </summary>
internal static class ClientMessageWriter
{
    public static byte[] Serialize(ClientMessage message)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        Write(buffer, message);
        return buffer.WrittenSpan.ToArray();
    }

    public static void Write(IBufferWriter<byte> output, ClientMessage message)
    {
        using var writer = new Utf8JsonWriter(output, ConvexJsonWriter.WriterOptions);
        Write(writer, message);
    }

    /// <summary>Writes <paramref name="message"/> to <paramref name="writer"/> (not flushed).</summary>
    public static void Write(Utf8JsonWriter writer, ClientMessage message)
    {
        switch (message)
        {
            case ConnectMessage connect:
                WriteConnect(writer, connect);
                break;
            case ModifyQuerySetMessage modify:
                WriteModifyQuerySet(writer, modify);
                break;
            case RequestMessage request:
                WriteRequest(writer, request);
                break;
            case AuthenticateMessage authenticate:
                WriteAuthenticate(writer, authenticate);
                break;
            case EventMessage @event:
                writer.WriteStartObject();
                writer.WriteString("type"u8, @event.Type);
                writer.WritePropertyName("eventType"u8);
                ConvexJsonWriter.WriteString(writer, @event.EventType);
                writer.WritePropertyName("event"u8);
                @event.Event.WriteTo(writer);
                writer.WriteEndObject();
                break;
            default:
                throw new ArgumentException($"Unknown client message {message.GetType().Name}.", nameof(message));
        }
    }

    private static void WriteConnect(Utf8JsonWriter writer, ConnectMessage connect)
    {
        writer.WriteStartObject();
        writer.WriteNumber("connectionCount"u8, connect.ConnectionCount);
        writer.WritePropertyName("lastCloseReason"u8);
        if (connect.LastCloseReason is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            ConvexJsonWriter.WriteString(writer, connect.LastCloseReason);
        }

        writer.WriteNumber("clientTs"u8, connect.ClientTs);
        writer.WriteString("type"u8, connect.Type);
        writer.WriteString("sessionId"u8, connect.SessionId.ToString("D"));
        if (connect.MaxObservedTimestamp is { } ts)
        {
            writer.WriteString("maxObservedTimestamp"u8, ConvexBase64.EncodeUInt64(ts));
        }

        writer.WriteEndObject();
    }

    private static void WriteModifyQuerySet(Utf8JsonWriter writer, ModifyQuerySetMessage modify)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, modify.Type);
        writer.WriteNumber("baseVersion"u8, modify.BaseVersion);
        writer.WriteNumber("newVersion"u8, modify.NewVersion);
        writer.WriteStartArray("modifications"u8);
        foreach (var modification in modify.Modifications)
        {
            writer.WriteStartObject();
            writer.WriteString("type"u8, modification.Type);
            writer.WriteNumber("queryId"u8, modification.QueryId);
            if (modification is AddQuery add)
            {
                writer.WritePropertyName("udfPath"u8);
                ConvexJsonWriter.WriteString(writer, add.UdfPath);
                WriteArgs(writer, add.Args);
                if (add.Journal is { } journal)
                {
                    writer.WritePropertyName("journal"u8);
                    WriteNullableString(writer, journal.Value);
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    private static void WriteRequest(Utf8JsonWriter writer, RequestMessage request)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, request.Type);
        writer.WriteNumber("requestId"u8, request.RequestId);
        writer.WritePropertyName("udfPath"u8);
        ConvexJsonWriter.WriteString(writer, request.UdfPath);
        WriteArgs(writer, request.Args);
        writer.WriteEndObject();
    }

    private static void WriteAuthenticate(Utf8JsonWriter writer, AuthenticateMessage authenticate)
    {
        writer.WriteStartObject();
        writer.WriteString("type"u8, authenticate.Type);
        switch (authenticate.Token)
        {
            case AuthenticationToken.User user:
                writer.WriteNumber("baseVersion"u8, authenticate.BaseVersion);
                writer.WriteString("tokenType"u8, user.TokenType);
                writer.WritePropertyName("value"u8);
                ConvexJsonWriter.WriteString(writer, user.Token);
                break;
            case AuthenticationToken.Admin admin:
                writer.WriteNumber("baseVersion"u8, authenticate.BaseVersion);
                writer.WriteString("tokenType"u8, admin.TokenType);
                writer.WritePropertyName("value"u8);
                ConvexJsonWriter.WriteString(writer, admin.Key);
                if (admin.Impersonating is { } identity)
                {
                    // Not canonicalized: the JavaScript client sends the identity object in its own key order.
                    writer.WriteStartObject("impersonating"u8);
                    foreach (var (name, value) in identity.ToFields())
                    {
                        writer.WritePropertyName(name);
                        ConvexJsonWriter.Write(writer, value);
                    }

                    writer.WriteEndObject();
                }

                break;
            default:
                // The JavaScript client's clearAuth() builds {type, tokenType, baseVersion} in this order.
                writer.WriteString("tokenType"u8, authenticate.Token.TokenType);
                writer.WriteNumber("baseVersion"u8, authenticate.BaseVersion);
                break;
        }

        writer.WriteEndObject();
    }

    private static void WriteArgs(Utf8JsonWriter writer, ConvexObject args)
    {
        writer.WriteStartArray("args"u8);
        ConvexJsonWriter.Write(writer, args);
        writer.WriteEndArray();
    }

    private static void WriteNullableString(Utf8JsonWriter writer, string? value)
    {
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            ConvexJsonWriter.WriteString(writer, value);
        }
    }
}
