using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ConvexKit.Aspire.Hosting;

/// <summary>The outcome of a Run function command: the value (or the error's data) as indented JSON.</summary>
/// <param name="Succeeded">True when the function returned.</param>
/// <param name="Message">The error message of a failed run ("" on success).</param>
/// <param name="Json">The returned value, or the ConvexError's data (or the error body) when it failed.</param>
internal sealed record ConvexFunctionOutcome(bool Succeeded, string Message, string Json);

/// <summary>
/// Runs any function as admin through <c>POST /api/function</c>, the route <c>convex run</c> uses: queries,
/// mutations and actions alike, internal ones included, with clean-JSON arguments and results.
/// </summary>
internal static partial class ConvexFunctionCall
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)*(:[A-Za-z_][A-Za-z0-9_]*)?$")]
    private static partial Regex FunctionPathPattern();

    public static bool IsFunctionPath(string path) => path.Length <= 256 && FunctionPathPattern().IsMatch(path);

    /// <summary>Why <paramref name="json"/> is not usable as function arguments, or null when it is (empty = {}).</summary>
    public static string? ArgumentsError(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject ? null : "The arguments must be a JSON object, e.g. {\"id\": \"...\"}.";
        }
        catch (JsonException ex)
        {
            return $"Not valid JSON: {ex.Message}";
        }
    }

    public static async Task<ConvexFunctionOutcome> RunAsync(ConvexResource convex, HttpClient http, string path, string argsJson, CancellationToken cancellationToken)
    {
        var baseUrl = await convex.Backend.HttpEndpoint.GetValueAsync(cancellationToken).ConfigureAwait(false);
        var adminKey = await convex.AdminKeyParameter.GetValueAsync(cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(baseUrl!), "/api/function"))
        {
            Content = JsonContent.Create(new JsonObject
            {
                ["path"] = path,
                ["args"] = JsonNode.Parse(argsJson),
                ["format"] = "json",
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Convex", adminKey);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        JsonObject? result;
        try
        {
            result = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException)
        {
            result = null;
        }

        if (!response.IsSuccessStatusCode || result is null)
        {
            // A request-level error: {code, message}.
            var message = result?["message"]?.GetValue<string>() ?? $"HTTP {(int)response.StatusCode}";
            return new(false, $"{path} could not be run: {message}", Indent(result) ?? JsonSerializer.Serialize(body));
        }

        return result["status"]?.GetValue<string>() == "success"
            ? new(true, "", Indent(result["value"]) ?? "null")
            : new(false, result["errorMessage"]?.GetValue<string>() ?? "The function failed.", Indent(result["errorData"]) ?? "null");
    }

    private static string? Indent(JsonNode? node) => node?.ToJsonString(s_indented);
}
