using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Calls;

/// <summary>
/// The one thing a call surface (<see cref="ConvexClient"/>, <see cref="Http.ConvexHttpClient"/>,
/// <see cref="Http.ConvexHttpSnapshot"/>) does itself: run one function on its transport. Everything around it (the
/// arguments from each overload's shape, telemetry, the value's conversion, a failure as an exception) is
/// <see cref="FunctionCalls"/>, written once for all of them.
/// </summary>
internal interface IFunctionCaller
{
    /// <summary>Gets the tags of the surface's spans and measurements.</summary>
    ConvexServerTags TelemetryTags { get; }

    /// <summary>
    /// Runs <paramref name="canonicalPath"/> within the surface's timeout for <paramref name="kind"/>; the function's own
    /// failure is a result, only failures outside it (limits, transport, timeout, cancellation, disposal) throw.
    /// </summary>
    /// <param name="kind">The kind of function.</param>
    /// <param name="canonicalPath">The canonical <c>module:function</c> path.</param>
    /// <param name="args">The arguments object.</param>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The function's outcome.</returns>
    Task<FunctionResult> CallAsync(ConvexFunctionKind kind, string canonicalPath, ConvexObject args, CancellationToken cancellationToken);
}
