using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace ConvexNotes.Api.Errors;

/// <summary>
/// Turns the framework's body-binding failures into details a client can act on, without the .NET type names the
/// framework's own messages carry.
/// </summary>
internal static class RequestBodyErrors
{
    /// <summary>Returns the detail for a failed request, or null where the status says it all (see ProblemDetailsDefaults).</summary>
    public static string? Describe(BadHttpRequestException exception, HttpRequest request) => exception switch
    {
        { StatusCode: not StatusCodes.Status400BadRequest } => null,
        { InnerException: JsonException json } => DescribeJson(json),
        _ when IsEmpty(request) => "The request body is empty; send a JSON object.",
        _ => "The request could not be read: " + exception.Message,
    };

    private static bool IsEmpty(HttpRequest request) =>
        request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false };

    private static string DescribeJson(JsonException json)
    {
        var field = FieldName(json.Path);
        var message = json.Message;
        if (json.InnerException?.GetType().Name == "JsonReaderException")
        {
            // The reader's own text names the offending character and position, and no types.
            return $"The request body is not valid JSON: {message}";
        }

        if (message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return field is null
                ? "A field appears more than once in the request body; send each field once."
                : $"Field '{field}' appears more than once; send each field once.";
        }

        if (message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            return $"Unknown field '{field}'. Only the documented fields are accepted.";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "A required field is missing: " + MissingFields(message) + ".";
        }

        if (message.Contains("null", StringComparison.OrdinalIgnoreCase) && field is not null)
        {
            return $"Field '{field}' must not be null.";
        }

        return field is null
            ? "The request body must be a JSON object."
            : $"Field '{field}' has the wrong type.";
    }

    /// <summary>"$.title" → "title"; the root ("$") has no field name.</summary>
    private static string? FieldName(string? path) =>
        path is null or "$" ? null : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    private static string MissingFields(string message)
    {
        const string Marker = "including: ";
        var start = message.IndexOf(Marker, StringComparison.Ordinal);
        return start < 0 ? "see the API description" : message[(start + Marker.Length)..].TrimEnd('.');
    }
}
