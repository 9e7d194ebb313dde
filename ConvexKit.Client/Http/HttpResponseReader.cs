using System.Collections.Immutable;
using System.Text.Json;
using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Http;

/// <summary>
/// Reads the answers of the HTTP function API (crates/local_backend/src/public_api.rs). A malformed answer throws
/// <see cref="ConvexProtocolException"/> or <see cref="JsonException"/>, which the client reports as a request failure.
/// </summary>
internal static class HttpResponseReader
{
    private static readonly JsonDocumentOptions s_documentOptions = new() { MaxDepth = 512 };

    /// <summary><c>{"status": "success", "value", "logLines"?}</c> or <c>{"status": "error", "errorMessage", "errorData"?, "logLines"?}</c>.</summary>
    public static FunctionResult ReadFunctionResult(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body, s_documentOptions);
        return ReadFunctionResult(Root(document, "The function response"));
    }

    /// <summary><c>{"results": [&lt;function response&gt;, …]}</c> from <c>/api/query_batch</c>.</summary>
    public static ImmutableArray<FunctionResult> ReadBatch(ReadOnlyMemory<byte> body, int expectedCount)
    {
        using var document = JsonDocument.Parse(body, s_documentOptions);
        var results = Root(document, "The batch response").Objects("results");
        if (results.Length != expectedCount)
        {
            throw new ConvexProtocolException($"The batch response has {results.Length} results for {expectedCount} queries.");
        }

        var builder = ImmutableArray.CreateBuilder<FunctionResult>(results.Length);
        foreach (var result in results)
        {
            builder.Add(ReadFunctionResult(result));
        }

        return builder.MoveToImmutable();
    }

    /// <summary><c>{"ts": "&lt;base64 of 8 little-endian bytes&gt;"}</c> from <c>/api/query_ts</c>.</summary>
    public static ulong ReadTimestamp(ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body, s_documentOptions);
        return Root(document, "The timestamp response").Timestamp("ts");
    }

    /// <summary>The <c>{"code", "message"}</c> body of a request-level failure, when the body is one.</summary>
    public static bool TryReadError(ReadOnlyMemory<byte> body, out string code, out string message)
    {
        code = message = "";
        try
        {
            using var document = JsonDocument.Parse(body, s_documentOptions);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String
                && root.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String)
            {
                (code, message) = (c.GetString()!, m.GetString()!);
                return true;
            }
        }
        catch (JsonException)
        {
            // Not JSON at all (a proxy's HTML page): the caller describes the raw answer instead.
        }

        return false;
    }

    private static FunctionResult ReadFunctionResult(JsonFields fields) => fields.String("status") switch
    {
        "success" => FunctionResult.Success(fields.Has("value") ? fields.Payload("value") : Values.ConvexJsonPayload.Null, fields.LogLines()),
        "error" => FunctionResult.Failure(fields.String("errorMessage"), fields.OptionalPayload("errorData"), fields.LogLines()),
        var other => throw fields.Error($"has the unknown status '{other}'"),
    };

    private static JsonFields Root(JsonDocument document, string what) =>
        document.RootElement.ValueKind == JsonValueKind.Object
            ? new JsonFields(document.RootElement, what)
            : throw new ConvexProtocolException($"{what} is not a JSON object.");
}
