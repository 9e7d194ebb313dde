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

/// <summary>
/// The HTTP side of a <see cref="ConvexHttpClient"/>, shared with the clients <see cref="ConvexHttpClient.WithAuth"/>
/// derives from it: the <see cref="HttpClient"/> (owned or the caller's), the endpoints, the logs, and one POST with its
/// timeout, failures and log lines. The credentials are the caller's, passed per request.
/// </summary>
internal sealed class ConvexHttpTransport(HttpEndpoints endpoints, HttpClient? httpClient, ILogger logger, ILogger functionLogger) : IDisposable
{
    /// <summary>The legacy "UDF failed" status, which the JavaScript client still reads as a function response.</summary>
    private const HttpStatusCode LegacyFunctionFailedStatus = (HttpStatusCode)560;

    private const int MaxBodyExcerptLength = 200;

    private readonly HttpClient _http = httpClient ?? CreateHttpClient();
    private readonly bool _ownsHttpClient = httpClient is null;
    private volatile bool _disposed;

    /// <summary>Gets the deployment's endpoints.</summary>
    public HttpEndpoints Endpoints => endpoints;

    /// <summary>Gets the tags that name the deployment on spans and metrics.</summary>
    public ConvexServerTags TelemetryTags { get; } = new(endpoints.DeploymentUrl, ConvexTelemetryNames.Http);

    /// <summary>Posts one function call; its own failure is a result, only request-level failures throw.</summary>
    public async Task<FunctionResult> PostFunctionAsync(
        ConvexFunctionKind kind, Uri endpoint, string canonicalPath, ReadOnlyMemory<byte> body, HttpAuthorization? authorization, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var operation = $"{ConvexTelemetryNames.TypeName(kind)} {canonicalPath}";
        var result = await PostAsync(endpoint, body, authorization, operation, timeout, HttpResponseReader.ReadFunctionResult, cancellationToken).ConfigureAwait(false);
        LogFunctionLines(kind, canonicalPath, result.LogLines);
        return result;
    }

    /// <summary>Posts <paramref name="body"/> (none when <see langword="null"/>) and reads the answer with <paramref name="read"/>; only request-level failures throw.</summary>
    public async Task<T> PostAsync<T>(
        Uri endpoint, ReadOnlyMemory<byte>? body, HttpAuthorization? authorization, string operation, TimeSpan timeout, Func<ReadOnlyMemory<byte>, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, typeof(ConvexHttpClient));
        cancellationToken.ThrowIfCancellationRequested();
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var request = CreateRequest(endpoint, body, authorization);
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeoutSource.Token).ConfigureAwait(false);
            var content = await response.Content.ReadAsByteArrayAsync(timeoutSource.Token).ConfigureAwait(false);
            if (response.StatusCode is not (HttpStatusCode.OK or LegacyFunctionFailedStatus))
            {
                throw RequestFailed(operation, response, content, started);
            }

            var answer = ReadAnswer(operation, response, content, read);
            logger.CallCompleted(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, answer is FunctionResult { IsSuccess: false } ? "function failed" : "success");
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
            logger.TimedOut(operation, limit);
            throw new TimeoutException($"The Convex {operation} did not complete within {limit.TotalSeconds:0.###} s.", ex);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException)
        {
            logger.Unreachable(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex);
            throw new ConvexRequestException(
                $"The Convex {operation} could not reach the deployment at {endpoints.DeploymentUrl}: {ex.Message}",
                (ex as HttpRequestException)?.StatusCode, code: null, serverMessage: null, ex);
        }
    }

    /// <summary>Writes a function's <c>console.log</c> lines to the function log.</summary>
    public void LogFunctionLines(ConvexFunctionKind kind, string canonicalPath, ImmutableArray<string> lines)
    {
        if (lines.IsEmpty || !functionLogger.IsEnabled(LogLevel.Information))
        {
            return;
        }

        var letter = char.ToUpperInvariant(ConvexTelemetryNames.TypeName(kind)[0]);
        foreach (var line in lines)
        {
            functionLogger.FunctionLogLine(letter, canonicalPath, line);
        }
    }

    /// <summary>Disposes the <see cref="HttpClient"/> if it was created here.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient && !_disposed)
        {
            _disposed = true;
            _http.Dispose();
        }
    }

    private static HttpRequestMessage CreateRequest(Uri endpoint, ReadOnlyMemory<byte>? body, HttpAuthorization? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint);
        request.Headers.TryAddWithoutValidation(ClientVersion.HeaderName, ClientVersion.HeaderValue);
        authorization?.Apply(request);
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
        logger.RequestFailed(operation, Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)status, isConvexError ? code : null);
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

    private static HttpClient CreateHttpClient() => new(
        new SocketsHttpHandler
        {
            // Recycle pooled connections so a deployment that moves (DNS) is followed.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectTimeout = TimeSpan.FromSeconds(15),
            AutomaticDecompression = DecompressionMethods.All,
        },
        disposeHandler: true)
    {
        // The per-call timeouts are ours, so that a timeout can name the call that ran out of time.
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
