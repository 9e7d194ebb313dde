using System.Collections.Immutable;
using System.Text.Json;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Protocol;

/// <summary>
/// Reads a <c>MutationResponse</c>, one per mutation, straight off the frame's bytes instead of through a
/// <see cref="JsonDocument"/>. It takes only the shape servers send: <c>type</c> first, names unescaped, each field once
/// and of its expected kind. Anything else returns <see langword="null"/>, and <see cref="ServerMessageReader"/> parses
/// the frame the general way (which also words any error), so both give the same message for any frame.
/// </summary>
internal static class MutationResponseReader
{
    private const int RequestIdField = 1;
    private const int SuccessField = 2;
    private const int ResultField = 4;
    private const int TsField = 8;
    private const int LogLinesField = 16;
    private const int ErrorDataField = 32;

    public static MutationResponseMessage? TryRead(ReadOnlySpan<byte> frame)
    {
        var reader = new Utf8JsonReader(frame, Utf8Fields.ReaderOptions);
        try
        {
            return Utf8Fields.StartsMessage(ref reader, "MutationResponse"u8) ? ReadFields(ref reader, frame) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static MutationResponseMessage? ReadFields(ref Utf8JsonReader reader, ReadOnlySpan<byte> frame)
    {
        uint requestId = 0;
        var success = false;
        var result = default(Range);
        string? resultText = null;
        ulong? ts = null;
        ImmutableArray<string> logLines = [];
        ConvexJsonPayload? errorData = null;
        var seen = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueIsEscaped || reader.ValueTextEquals("type"u8))
            {
                return null;
            }

            var field = FieldOf(ref reader);
            if ((seen & field) != 0)
            {
                return null;
            }

            seen |= field;
            reader.Read();
            switch (field)
            {
                case RequestIdField when reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out var id):
                    requestId = id;
                    break;
                case SuccessField when reader.TokenType is JsonTokenType.True or JsonTokenType.False:
                    success = reader.GetBoolean();
                    break;
                case ResultField:
                    resultText = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
                    result = Utf8Fields.RawValue(ref reader);
                    break;
                case TsField when reader.TokenType == JsonTokenType.Null:
                    break;
                case TsField when reader.TokenType == JsonTokenType.String && Utf8Fields.TryReadTimestamp(ref reader, out var commit):
                    ts = commit;
                    break;
                case LogLinesField when reader.TokenType == JsonTokenType.Null:
                    break;
                case LogLinesField when reader.TokenType == JsonTokenType.StartArray && Utf8Fields.TryReadLines(ref reader, out var lines):
                    logLines = lines;
                    break;
                case ErrorDataField:
                    errorData = Utf8Fields.ToPayload(frame[Utf8Fields.RawValue(ref reader)]);
                    break;
                case 0:
                    reader.Skip();
                    break;
                default:
                    return null; // a known field of an unexpected kind
            }
        }

        // The object must end the frame (trailing content throws, caught above), and the fields the general reader
        // requires must be there: requestId, success, result, and for a success a commit timestamp.
        if (reader.TokenType != JsonTokenType.EndObject || reader.Read()
            || (seen & (RequestIdField | SuccessField | ResultField)) != (RequestIdField | SuccessField | ResultField))
        {
            return null;
        }

        if (success)
        {
            return ts is null ? null : new MutationResponseMessage(requestId, true, Utf8Fields.ToPayload(frame[result]), null, ts, logLines, errorData);
        }

        return resultText is null ? null : new MutationResponseMessage(requestId, false, null, resultText, ts, logLines, errorData);
    }

    private static int FieldOf(ref Utf8JsonReader reader) =>
        reader.ValueTextEquals("requestId"u8) ? RequestIdField
        : reader.ValueTextEquals("success"u8) ? SuccessField
        : reader.ValueTextEquals("result"u8) ? ResultField
        : reader.ValueTextEquals("ts"u8) ? TsField
        : reader.ValueTextEquals("logLines"u8) ? LogLinesField
        : reader.ValueTextEquals("errorData"u8) ? ErrorDataField
        : 0;
}
