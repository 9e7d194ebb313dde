using System.Collections.Immutable;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Protocol;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Http;

public sealed partial class ConvexHttpClient
{
    /// <summary>The legacy "UDF failed" status, which the JavaScript client still reads as a function response.</summary>
    private const HttpStatusCode LegacyFunctionFailedStatus = (HttpStatusCode)560;

    private const int MaxBodyExcerptLength = 200;

    /// <summary>Posts one function call; its own failure is a result, only request-level failures throw.</summary>
    private async Task<FunctionResult> PostFunctionAsync(
        ConvexFunctionKind kind, Uri endpoint, string canonicalPath, ReadOnlyMemory<byte> body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var operation = $"{ConvexTelemetryNames.TypeName(kind)} {canonicalPath}";
        var result = await PostAsync(endpoint, body, operation, timeout, HttpResponseReader.ReadFunctionResult, cancellationToken).ConfigureAwait(false);
        LogFunctionLines(kind, canonicalPath, result.LogLines);
        return result;
    }

    private async Task<T> PostAsync<T>(
        Uri endpoint, ReadOnlyMemory<byte>? body, string operation, TimeSpan timeout, Func<ReadOnlyMemory<byte>, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = CreateRequest(endpoint, body);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            var content = await response.Content.ReadAsByteArrayAsync(timeoutSource.Token).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.OK or LegacyFunctionFailedStatus))
            {
                throw RequestFailed(operation, response, content, started);
            }

            var answer = ReadAnswer(operation, response, content, read);
            _logger.CallCompleted(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, answer is FunctionResult { IsSuccess: false } ? "function failed" : "success");
            return answer;
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"The Convex {operation} was canceled.", ex, cancellationToken);
        }
        catch (OperationCanceledException ex)
        {
            // Not the caller's token: our timeout, or the Timeout of a caller-supplied HttpClient.
            var limit = timeoutSource.IsCancellationRequested ? timeout : _http.Timeout;
            _logger.TimedOut(operation, limit);
            throw new TimeoutException($"The Convex {operation} did not complete within {limit.TotalSeconds:0.###} s.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            _logger.Unreachable(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex);
            throw new ConvexRequestException(
                $"The Convex {operation} could not reach the deployment at {_endpoints.DeploymentUrl}: {ex.Message}",
                (ex as HttpRequestException)?.StatusCode, code: null, serverMessage: null, ex);
        }
    }

    private HttpRequestMessage CreateRequest(Uri endpoint, ReadOnlyMemory<byte>? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.TryAddWithoutValidation(ClientVersion.HeaderName, ClientVersion.HeaderValue);
        _authorization?.Apply(request);
        if (body is { } json)
        {
            request.Content = new ReadOnlyMemoryContent(json);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        return request;
    }

    private static T ReadAnswer<T>(string operation, HttpResponseMessage response, byte[] content, Func<ReadOnlyMemory<byte>, T> read)
    {
        try
        {
            return read(content);
        }
        catch (Exception ex) when (ex is JsonException or ConvexProtocolException)
        {
            throw new ConvexRequestException(
                $"The Convex {operation} got HTTP {(int)response.StatusCode} with an answer that is not a Convex response ({Describe(response, content)}): {ex.Message}",
                response.StatusCode, code: null, serverMessage: null, ex);
        }
    }

    private ConvexRequestException RequestFailed(string operation, HttpResponseMessage response, byte[] content, long started)
    {
        var status = response.StatusCode;
        var isConvexError = HttpResponseReader.TryReadError(content, out var code, out var message);
        _logger.RequestFailed(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)status, isConvexError ? code : null);
        return isConvexError
            ? new ConvexRequestException($"The Convex {operation} failed with HTTP {(int)status} {code}: {message}", status, code, message)
            : new ConvexRequestException(
                $"The Convex {operation} failed with HTTP {(int)status} {response.ReasonPhrase} and an answer that is not a Convex error ({Describe(response, content)}).",
                status, code: null, serverMessage: null);
    }

    /// <summary>The media type, size and start of a body, so a proxy's error page can be recognized from the message.</summary>
    private static string Describe(HttpResponseMessage response, byte[] content)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType ?? "no content type";
        if (content.Length == 0)
        {
            return $"{mediaType}, empty";
        }

        var text = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, MaxBodyExcerptLength));
        var excerpt = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
        return $"{mediaType}, {content.Length} bytes: \"{excerpt}{(content.Length > MaxBodyExcerptLength ? "…" : "")}\"";
    }

    private void LogFunctionLines(ConvexFunctionKind kind, string canonicalPath, ImmutableArray<string> lines)
    {
        if (lines.IsEmpty || !_functionLogger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var letter = char.ToUpperInvariant(ConvexTelemetryNames.TypeName(kind)[0]);
        foreach (var line in lines)
        {
            _functionLogger.FunctionLogLine(letter, canonicalPath, line);
        }
    }
}
