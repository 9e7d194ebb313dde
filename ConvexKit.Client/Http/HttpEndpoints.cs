namespace ConvexKit.Client.Http;

/// <summary>The HTTP function API routes of one deployment (crates/local_backend/src/public_api.rs), resolved once.</summary>
internal sealed class HttpEndpoints
{
    public HttpEndpoints(Uri deploymentUrl)
    {
        ArgumentNullException.ThrowIfNull(deploymentUrl);
        if (!deploymentUrl.IsAbsoluteUri || (deploymentUrl.Scheme != Uri.UriSchemeHttp && deploymentUrl.Scheme != Uri.UriSchemeHttps))
        {
            throw new ArgumentException("The deployment URL must be an absolute http or https URL, such as http://127.0.0.1:3210.", nameof(deploymentUrl));
        }

        if (!string.IsNullOrEmpty(deploymentUrl.Query) || !string.IsNullOrEmpty(deploymentUrl.Fragment))
        {
            throw new ArgumentException("The deployment URL must not have a query or fragment.", nameof(deploymentUrl));
        }

        // The URL shows up in messages and ToString(); credentials belong in SetAdminAuth/SetAuth, never in the URL.
        if (!string.IsNullOrEmpty(deploymentUrl.UserInfo))
        {
            throw new ArgumentException("The deployment URL must not contain credentials; use SetAdminAuth or SetAuth.", nameof(deploymentUrl));
        }

        // A deployment behind a path prefix (https://host/convex) keeps its prefix: resolve relative to a trailing '/'.
        var text = deploymentUrl.AbsoluteUri;
        DeploymentUrl = new Uri(text.EndsWith('/') ? text : text + "/");
        Query = Route("api/query");
        Mutation = Route("api/mutation");
        Action = Route("api/action");
        QueryBatch = Route("api/query_batch");
        QueryTs = Route("api/query_ts");
        QueryAtTs = Route("api/query_at_ts");
    }

    public Uri DeploymentUrl { get; }

    public Uri Query { get; }

    public Uri Mutation { get; }

    public Uri Action { get; }

    public Uri QueryBatch { get; }

    public Uri QueryTs { get; }

    public Uri QueryAtTs { get; }

    private Uri Route(string relative) => new(DeploymentUrl, relative);
}
