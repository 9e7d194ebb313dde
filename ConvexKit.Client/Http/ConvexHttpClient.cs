using System.Net;
using ConvexKit.Client.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ConvexKit.Client.Http;

/// <summary>
/// Calls Convex functions over the HTTP API (<c>/api/query</c>, <c>/api/mutation</c>, <c>/api/action</c>,
/// <c>/api/query_batch</c>, <c>/api/query_ts</c> and <c>/api/query_at_ts</c>): one request per call, no WebSocket,
/// no subscriptions. Use it for one-shot calls from servers, jobs and scripts; use <see cref="ConvexClient"/> for live
/// queries and read-your-writes ordering.
/// </summary>
/// <remarks>
/// <para>
/// The client is thread-safe and meant to be long-lived. Every call asks for lossless Convex-JSON
/// (<c>"format": "convex_encoded_json"</c>), names this library in the <c>Convex-Client</c> header, honours the
/// caller's <see cref="CancellationToken"/> and a default timeout (<see cref="ConvexHttpClientOptions"/>).
/// </para>
/// <para>
/// Failures are typed: a function that ran and failed throws <see cref="ConvexFunctionException"/> (or
/// <see cref="ConvexErrorException"/> with the <c>ConvexError</c> data); a request the deployment refused, a non-Convex
/// answer, or an unreachable deployment throws <see cref="ConvexRequestException"/>; a call that outlives its timeout
/// throws <see cref="TimeoutException"/>; cancellation throws <see cref="OperationCanceledException"/>. The
/// <c>TryQueryAsync</c>-style methods return function failures as a <see cref="FunctionResult"/> instead.
/// </para>
/// <para>
/// Unlike the JavaScript client, mutations are not queued behind each other: concurrent calls run concurrently, so
/// await a mutation before sending one that must follow it.
/// </para>
/// </remarks>
public sealed partial class ConvexHttpClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttpClient;
    private readonly HttpEndpoints _endpoints;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _actionTimeout;
    private readonly ILogger _logger;
    private readonly ILogger _functionLogger;
    private readonly ConvexServerTags _telemetryTags;
    private volatile HttpAuthorization? _authorization;
    private volatile bool _disposed;

    /// <summary>Creates a client for the deployment at <paramref name="deploymentUrl"/> with its own <see cref="HttpClient"/>.</summary>
    /// <param name="deploymentUrl">The deployment URL, such as <c>http://127.0.0.1:3210</c> or <c>https://happy-animal-123.convex.cloud</c>.</param>
    /// <param name="options">Timeouts; defaults when <see langword="null"/>.</param>
    /// <param name="loggerFactory">
    /// The logger factory for the client's own debug logs (category <c>ConvexKit.Client.Http.ConvexHttpClient</c>) and
    /// the functions' <c>console.log</c> lines (category <c>ConvexKit.Client.FunctionLogs</c>); nothing is logged when
    /// it is <see langword="null"/>. Arguments, results, tokens and keys are never logged.
    /// </param>
    /// <exception cref="ArgumentException"><paramref name="deploymentUrl"/> is not an absolute http(s) URL, or an option is out of range.</exception>
    public ConvexHttpClient(Uri deploymentUrl, ConvexHttpClientOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(new HttpEndpoints(deploymentUrl), httpClient: null, options, loggerFactory)
    {
    }

    /// <summary>
    /// Creates a client that sends through <paramref name="httpClient"/>, e.g. one from <c>IHttpClientFactory</c> with
    /// resilience handlers. The client does not dispose it. Its own <see cref="HttpClient.Timeout"/> still applies, on
    /// top of the timeouts in <paramref name="options"/>.
    /// </summary>
    /// <param name="httpClient">The HTTP client to send through.</param>
    /// <param name="deploymentUrl">The deployment URL; <paramref name="httpClient"/>'s <see cref="HttpClient.BaseAddress"/> when <see langword="null"/>.</param>
    /// <param name="options">Timeouts; defaults when <see langword="null"/>.</param>
    /// <param name="loggerFactory">
    /// The logger factory for the client's own debug logs (category <c>ConvexKit.Client.Http.ConvexHttpClient</c>) and
    /// the functions' <c>console.log</c> lines (category <c>ConvexKit.Client.FunctionLogs</c>); nothing is logged when
    /// it is <see langword="null"/>. Arguments, results, tokens and keys are never logged.
    /// </param>
    /// <exception cref="ArgumentException">There is no valid deployment URL, or an option is out of range.</exception>
    public ConvexHttpClient(HttpClient httpClient, Uri? deploymentUrl = null, ConvexHttpClientOptions? options = null, ILoggerFactory? loggerFactory = null)
        : this(new HttpEndpoints(deploymentUrl ?? BaseAddressOf(httpClient)), httpClient, options, loggerFactory)
    {
    }

    private ConvexHttpClient(HttpEndpoints endpoints, HttpClient? httpClient, ConvexHttpClientOptions? options, ILoggerFactory? loggerFactory)
    {
        options ??= new ConvexHttpClientOptions();
        ConvexOptionsRules.ThrowIfAny(ConvexOptionsRules.Check(options), nameof(ConvexHttpClientOptions));
        _endpoints = endpoints;
        _telemetryTags = new ConvexServerTags(endpoints.DeploymentUrl, ConvexTelemetryNames.Http);
        _timeout = options.Timeout;
        _actionTimeout = options.ActionTimeout;
        loggerFactory ??= NullLoggerFactory.Instance;
        _logger = loggerFactory.CreateLogger<ConvexHttpClient>();
        _functionLogger = loggerFactory.CreateLogger(ConvexHttpClientLog.FunctionLogCategory);
        _ownsHttpClient = httpClient is null;
        _http = httpClient ?? CreateHttpClient();
    }

    private ConvexHttpClient(ConvexHttpClient parent, HttpAuthorization? authorization)
    {
        _endpoints = parent._endpoints;
        _telemetryTags = parent._telemetryTags;
        _timeout = parent._timeout;
        _actionTimeout = parent._actionTimeout;
        _logger = parent._logger;
        _functionLogger = parent._functionLogger;
        _http = parent._http;
        _ownsHttpClient = false;
        _authorization = authorization;
    }

    /// <summary>Gets the deployment URL (always ending with <c>/</c>).</summary>
    public Uri DeploymentUrl => _endpoints.DeploymentUrl;

    /// <summary>
    /// Sends <paramref name="token"/> (a user's JWT) as <c>Authorization: Bearer …</c> on every later call of this
    /// instance. On a client shared between users prefer <see cref="WithAuth"/>.
    /// </summary>
    /// <param name="token">The JWT; never logged.</param>
    /// <exception cref="ArgumentException">The token is empty or contains control characters.</exception>
    public void SetAuth(string token) => _authorization = HttpAuthorization.User(token);

    /// <summary>
    /// Sends <paramref name="adminKey"/> as <c>Authorization: Convex …</c> on every later call of this instance, which
    /// may then call internal functions; with <paramref name="actingAs"/> the functions see that user identity.
    /// </summary>
    /// <param name="adminKey">The deployment's admin or deploy key; never logged.</param>
    /// <param name="actingAs">The identity to act as, or <see langword="null"/> for the admin identity itself.</param>
    /// <exception cref="ArgumentException">The key is empty or contains control characters.</exception>
    public void SetAdminAuth(string adminKey, UserIdentityAttributes? actingAs = null) =>
        _authorization = HttpAuthorization.Admin(adminKey, actingAs);

    /// <summary>Stops sending credentials: later calls of this instance are anonymous.</summary>
    public void ClearAuth() => _authorization = null;

    /// <summary>
    /// Returns a client for the same deployment that authenticates as the user with <paramref name="token"/>, sharing
    /// this client's connections. Use it for per-request identities in a server; it lives as long as this client and
    /// need not be disposed.
    /// </summary>
    /// <param name="token">The JWT; never logged.</param>
    /// <returns>A lightweight client with its own credentials.</returns>
    /// <exception cref="ArgumentException">The token is empty or contains control characters.</exception>
    public ConvexHttpClient WithAuth(string token) => new(this, HttpAuthorization.User(token));

    /// <summary>
    /// Returns a client for the same deployment that authenticates with <paramref name="adminKey"/> (optionally acting as
    /// <paramref name="actingAs"/>), sharing this client's connections; it need not be disposed.
    /// </summary>
    /// <param name="adminKey">The deployment's admin or deploy key; never logged.</param>
    /// <param name="actingAs">The identity to act as, or <see langword="null"/> for the admin identity itself.</param>
    /// <returns>A lightweight client with its own credentials.</returns>
    /// <exception cref="ArgumentException">The key is empty or contains control characters.</exception>
    public ConvexHttpClient WithAdminAuth(string adminKey, UserIdentityAttributes? actingAs = null) =>
        new(this, HttpAuthorization.Admin(adminKey, actingAs));

    /// <summary>Disposes the <see cref="HttpClient"/> if this client created it; a caller's <see cref="HttpClient"/> is left alone.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient && !_disposed)
        {
            _disposed = true;
            _http.Dispose();
        }
    }

    /// <summary>Describes the client: its deployment and what kind of identity it sends, never the credential.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => $"ConvexHttpClient({DeploymentUrl}, auth: {_authorization?.Description ?? "none"})";

    private static Uri BaseAddressOf(HttpClient httpClient)
    {
        ArgumentNullException.ThrowIfNull(httpClient);
        return httpClient.BaseAddress
            ?? throw new ArgumentException("Pass the deployment URL, or give the HttpClient a BaseAddress.", nameof(httpClient));
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
