namespace ConvexKit.Client.Hosting;

/// <summary>
/// Settings of the Convex client integration (<c>AddConvexClient</c>), bound from the <c>Aspire:Convex:Client</c>
/// configuration section, then <c>Aspire:Convex:Client:{connectionName}</c>, then the connection string
/// <c>ConnectionStrings:{connectionName}</c>, then the <c>configureSettings</c> delegate; each layer overrides the
/// values set by the ones before it.
/// </summary>
/// <remarks>
/// <c>AddConvexClient</c> registers the settings it resolved as a singleton, and <c>AddKeyedConvexClient(name)</c> as a
/// keyed singleton under <c>name</c>, next to the clients they built. A service finds the deployment's URLs there, such
/// as <see cref="SiteEndpoint"/> for calling HTTP actions:
/// <code>
/// public sealed class NotesFeed(ConvexClientSettings convex, HttpClient http) { /* GET {convex.SiteEndpoint}notes */ }
/// public sealed class AuditFeed([FromKeyedServices("audit")] ConvexClientSettings audit) { /* ... */ }
/// </code>
/// The clients copied what they needed when they were registered: changing the registered settings changes nothing.
/// </remarks>
public sealed class ConvexClientSettings
{
    /// <summary>
    /// Gets or sets the deployment URL, which serves the WebSocket sync protocol and the HTTP function API, such as
    /// <c>http://127.0.0.1:3210</c>. From the connection string's <c>Endpoint=</c>, or the whole connection string
    /// when it is a bare URL.
    /// </summary>
    /// <value>The default value is <see langword="null"/>; a value is required.</value>
    public Uri? Endpoint { get; set; }

    /// <summary>
    /// Gets or sets the URL that serves the deployment's HTTP actions (<c>convex/http.ts</c>), such as
    /// <c>http://127.0.0.1:3211</c>. From the connection string's <c>SiteEndpoint=</c>.
    /// </summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public Uri? SiteEndpoint { get; set; }

    /// <summary>
    /// Gets or sets the deployment's admin key. When set, both registered clients authenticate with it and may call
    /// internal functions: set it only on trusted servers, never in a browser or a user-facing app. It is never logged.
    /// </summary>
    /// <value>The default value is <see langword="null"/> (anonymous clients).</value>
    public string? AdminKey { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the health check (<c>ConvexKit.Client</c>, or <c>ConvexKit.Client_{name}</c>
    /// for a keyed client) is left out.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DisableHealthChecks { get; set; }

    /// <summary>Gets or sets how long the health check's probe of <c>GET {Endpoint}/version</c> may take.</summary>
    /// <value>The default value is <see langword="null"/>, which means 5 seconds.</value>
    public TimeSpan? HealthCheckTimeout { get; set; }

    /// <summary>Gets or sets a value indicating whether the client's spans are left out of OpenTelemetry tracing.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DisableTracing { get; set; }

    /// <summary>Gets or sets a value indicating whether the client's metrics are left out of OpenTelemetry metrics.</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool DisableMetrics { get; set; }

    internal TimeSpan EffectiveHealthCheckTimeout => HealthCheckTimeout ?? TimeSpan.FromSeconds(5);
}
