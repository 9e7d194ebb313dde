using System.Collections.Immutable;
using ConvexKit.Client.Calls;
using ConvexKit.Client.Diagnostics;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Http;

public sealed partial class ConvexHttpClient
{
    /// <summary>
    /// Runs several queries in one request (<c>/api/query_batch</c>), all at the same database timestamp, so their
    /// results are consistent with each other.
    /// </summary>
    /// <param name="queries">The queries, in the order their results are returned.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One outcome per query, in order; a failed query does not fail the others.</returns>
    /// <exception cref="ArgumentException">A function path is not valid.</exception>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ConvexHttpClientOptions.Timeout"/>.</exception>
    public async Task<ImmutableArray<FunctionResult>> QueryBatchAsync(IEnumerable<ConvexQueryRequest> queries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queries);
        var calls = queries.Select(q => (FunctionPath.Canonicalize((q ?? throw new ArgumentException("The batch holds a null query.", nameof(queries))).FunctionPath), FunctionArgs.From(q.Args))).ToList();
        if (calls.Count == 0)
        {
            return [];
        }

        var body = HttpRequestBody.Batch(calls);
        var telemetry = ConvexCallTelemetry.StartBatch(calls.Count, _telemetryTags);
        ImmutableArray<FunctionResult> results;
        try
        {
            results = await PostAsync(
                _endpoints.QueryBatch, body, $"query batch of {calls.Count}", _timeout, b => HttpResponseReader.ReadBatch(b, calls.Count), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            telemetry.Fail(ex);
            throw;
        }

        telemetry.Complete(results);
        for (var i = 0; i < calls.Count; i++)
        {
            LogFunctionLines(ConvexFunctionKind.Query, calls[i].Item1, results[i].LogLines);
        }

        return results;
    }

    /// <summary>
    /// Takes the deployment's current database timestamp (<c>/api/query_ts</c>) as a snapshot; every query run through
    /// the snapshot (<c>/api/query_at_ts</c>) reads the database as of that timestamp, so separate queries see one
    /// consistent state. This is the JavaScript client's <c>consistentQuery</c>, with the snapshot made explicit.
    /// </summary>
    /// <remarks>A deployment keeps only a short history (about 30 seconds), so use a snapshot promptly and then drop it.</remarks>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="ConvexRequestException">The deployment refused the request, answered something else, or was unreachable.</exception>
    /// <exception cref="TimeoutException">No answer within <see cref="ConvexHttpClientOptions.Timeout"/>.</exception>
    public async Task<ConvexHttpSnapshot> GetSnapshotAsync(CancellationToken cancellationToken = default)
    {
        var timestamp = await PostAsync(
            _endpoints.QueryTs, body: null, "query_ts", _timeout, HttpResponseReader.ReadTimestamp, cancellationToken).ConfigureAwait(false);
        return new ConvexHttpSnapshot(this, timestamp);
    }
}
