namespace Convex.Client;

/// <summary>
/// A long-lived, thread-safe client for one Convex deployment.
/// </summary>
public sealed class ConvexClient
{
    /// <summary>The name of the client's <see cref="System.Diagnostics.ActivitySource"/>.</summary>
    public const string ActivitySourceName = "ConvexNotes.Convex.Client";
}
