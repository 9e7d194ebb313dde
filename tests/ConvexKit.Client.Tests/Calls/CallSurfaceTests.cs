using System.Reflection;
using ConvexKit.Client.Calls;
using ConvexKit.Client.Functions;
using ConvexKit.Client.Http;
using ConvexKit.Client.Tests.Client;
using ConvexKit.Client.Tests.Http;
using ConvexKit.Client.Values;
using static ConvexKit.Client.ConvexFunctionKind;
using static ConvexKit.Client.Tests.Calls.CallProbe;

namespace ConvexKit.Client.Tests.Calls;

/// <summary>
/// Every overload of every surface goes through one shared implementation; these hold each surface × kind × shape to
/// what its own overload promises: the right endpoint or message, the same arguments on the wire, the canonical path,
/// and a ConvexError thrown as <see cref="ConvexErrorException"/> (or returned, for the Try overloads).
/// </summary>
public sealed class CallSurfaceTests
{
    private const string HttpPath = "calls.js:probe";
    private const string HttpFailure = """{"status":"error","errorMessage":"Uncaught ConvexError: NOPE","errorData":{"code":"NOPE"}}""";
    private static readonly string s_nope = ConvexObject.Of(("code", "NOPE")).ToString();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static IEnumerable<TheoryDataRow<ConvexFunctionKind, CallShape>> AllKindsAndShapes() => KindsAndShapes();

    public static IEnumerable<TheoryDataRow<CallShape>> QueryShapes() =>
        Enum.GetValues<CallShape>().Where(s => s != CallShape.TryReference).Select(s => new TheoryDataRow<CallShape>(s));

    [Theory]
    [MemberData(nameof(AllKindsAndShapes))]
    public async Task HttpClientPostsEachKindToItsEndpointAndMapsAConvexError(ConvexFunctionKind kind, CallShape shape)
    {
        await using var server = RawHttpResponder.AnsweringJson(_ => HttpFailure);
        using var client = new ConvexHttpClient(server.Url);

        var outcome = await CallHttp(client, kind, shape);

        Assert.Equal(IsTry(shape) ? Returned(s_nope) : Thrown(kind, "calls:probe", s_nope), outcome);
        var request = Assert.Single(server.Requests);
        Assert.Equal($"POST /api/{kind.ToString().ToLowerInvariant()} HTTP/1.1", request.RequestLine);
        Assert.Equal("""{"path":"calls:probe","format":"convex_encoded_json","args":[{"name":"a"}]}""", request.Body);
    }

    [Theory]
    [MemberData(nameof(QueryShapes))]
    public async Task SnapshotQueriesAtItsTimestampAndMapsAConvexError(CallShape shape)
    {
        await using var server = RawHttpResponder.AnsweringJson(r => r.RequestLine.Contains("query_ts", StringComparison.Ordinal) ? """{"ts":"AQAAAAAAAAA="}""" : HttpFailure);
        using var client = new ConvexHttpClient(server.Url);
        var snapshot = await client.GetSnapshotAsync(Ct);

        var outcome = await CallSnapshot(snapshot, shape);

        Assert.Equal(IsTry(shape) ? Returned(s_nope) : Thrown(Query, "calls:probe", s_nope), outcome);
        var request = server.Requests[^1];
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("POST /api/query_at_ts HTTP/1.1", request.RequestLine);
        Assert.Equal("""{"path":"calls:probe","format":"convex_encoded_json","args":[{"name":"a"}],"ts":"AQAAAAAAAAA="}""", request.Body);
    }

    [Theory]
    [MemberData(nameof(AllKindsAndShapes))]
    public async Task SyncClientSendsEachKindAsItsMessageAndMapsAConvexError(ConvexFunctionKind kind, CallShape shape)
    {
        await using var c = new InMemoryClient();
        // The in-memory server's functions that fail with a ConvexError, one per kind.
        var (path, canonical, data) = kind switch
        {
            Query => ("counter.js:broken", "counter:broken", ((ConvexValue)"broken").ToString()),
            Mutation => ("counter.js:fail", "counter:fail", s_nope),
            _ => ("counter.js:reject", "counter:reject", s_nope),
        };

        var outcome = await CallSync(c.Client, kind, shape, path);

        Assert.Equal(IsTry(shape) ? Returned(data) : Thrown(kind, canonical, data), outcome);
        var sent = c.Transport.ClientFrames.Where(f => f.Contains($"\"udfPath\":\"{canonical}\"", StringComparison.Ordinal)).ToList();
        var frame = Assert.Single(sent);
        Assert.Contains(kind == Query ? "\"type\":\"Add\"" : $"\"type\":\"{kind}\"", frame, StringComparison.Ordinal);
        Assert.Contains("\"args\":[{\"name\":\"a\"}]", frame, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Query)]
    [InlineData(Mutation)]
    [InlineData(ConvexFunctionKind.Action)]
    public async Task HttpClientWaitsTimeoutForQueriesAndMutationsAndActionTimeoutForActions(ConvexFunctionKind kind)
    {
        await using var server = RawHttpResponder.NeverAnswering();
        using var client = new ConvexHttpClient(server.Url, new ConvexHttpClientOptions { Timeout = TimeoutFor(kind, action: false), ActionTimeout = TimeoutFor(kind, action: true) });

        var message = await TimeoutOf(CallHttp(client, kind, CallShape.Try));

        Assert.Contains($"{kind.ToString().ToLowerInvariant()} calls:probe did not complete within 0.3 s", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SnapshotWaitsTheClientsTimeout()
    {
        await using var server = RawHttpResponder.AnsweringJson(r => r.RequestLine.Contains("query_ts", StringComparison.Ordinal) ? """{"ts":"AQAAAAAAAAA="}""" : null);
        using var client = new ConvexHttpClient(server.Url, new ConvexHttpClientOptions { Timeout = TimeSpan.FromMilliseconds(300), ActionTimeout = Timeout.InfiniteTimeSpan });
        var snapshot = await client.GetSnapshotAsync(Ct);

        var message = await TimeoutOf(CallSnapshot(snapshot, CallShape.Try));

        Assert.Contains("query calls:probe did not complete within 0.3 s", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Query, "counter:get")]
    [InlineData(Mutation, "counter:inc")]
    [InlineData(ConvexFunctionKind.Action, "counter:ping")]
    public async Task SyncClientWaitsTimeoutForQueriesAndMutationsAndActionTimeoutForActions(ConvexFunctionKind kind, string path)
    {
        await using var c = new InMemoryClient(
            o => (o.Timeout, o.ActionTimeout) = (TimeoutFor(kind, action: false), TimeoutFor(kind, action: true)),
            t => t.Hold = true);

        var message = await TimeoutOf(CallSync(c.Client, kind, CallShape.Try, path));

        Assert.Contains($"{kind.ToString().ToLowerInvariant()} {path} did not", message, StringComparison.Ordinal);
        Assert.Contains("00:00:00.3", message, StringComparison.Ordinal);
    }

    [Fact]
    public void ASnapshotOffersQueriesOnly()
    {
        var members = typeof(ConvexHttpSnapshot).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Select(m => m.Name).Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(["QueryAsync", "ToString", "TryQueryAsync", "get_Timestamp"], members);

        var extensions = typeof(ConvexHttpClientFunctionExtensions).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.GetParameters()[0].ParameterType == typeof(ConvexHttpSnapshot))
            .Select(m => m.Name).Distinct();
        Assert.Equal(["QueryAsync"], extensions);
    }

    [Theory]
    [InlineData(ConvexFunctionKind.Mutation)]
    [InlineData(ConvexFunctionKind.Action)]
    public async Task ASnapshotRefusesAnythingButAQueryWithoutARequest(ConvexFunctionKind kind)
    {
        await using var server = RawHttpResponder.AnsweringJson(_ => """{"ts":"AQAAAAAAAAA="}""");
        using var client = new ConvexHttpClient(server.Url);
        var snapshot = await client.GetSnapshotAsync(Ct);

        // Unreachable from the public surface (see ASnapshotOffersQueriesOnly); the shared implementation still refuses.
        var error = await Assert.ThrowsAsync<NotSupportedException>(() => FunctionCalls.TryAsync(snapshot, kind, HttpPath, Args, Ct));

        Assert.Contains("only queries", error.Message, StringComparison.Ordinal);
        Assert.Contains("calls:probe", error.Message, StringComparison.Ordinal);
        Assert.Single(server.Requests);
    }

    /// <summary>300 ms for the setting <paramref name="kind"/> should wait; no limit for the other one.</summary>
    private static TimeSpan TimeoutFor(ConvexFunctionKind kind, bool action) =>
        (kind == ConvexFunctionKind.Action) == action ? TimeSpan.FromMilliseconds(300) : Timeout.InfiniteTimeSpan;

    /// <summary>The message of the client's own <see cref="TimeoutException"/> (the test's bound would name no function).</summary>
    private static async Task<string> TimeoutOf(Task<string> call) =>
        (await Assert.ThrowsAsync<TimeoutException>(() => call)).Message;

    private static bool IsTry(CallShape shape) => shape is CallShape.Try or CallShape.TryReference;

    private static Task<string> CallHttp(ConvexHttpClient c, ConvexFunctionKind kind, CallShape shape) => (kind, shape) switch
    {
        (Query, CallShape.Value) => Outcome(() => c.QueryAsync(HttpPath, Args, Ct)),
        (Query, CallShape.TypedResult) => Outcome(() => c.QueryAsync(HttpPath, Args, ProbeJsonContext.Default.String, Ct)),
        (Query, CallShape.TypedArgs) => Outcome(() => c.QueryAsync(HttpPath, TypedArgs, ProbeJsonContext.Default.ProbeArgs, ProbeJsonContext.Default.String, Ct)),
        (Query, CallShape.Reflection) => Outcome(() => c.QueryAsync<string>(HttpPath, ReflectionArgs, cancellationToken: Ct)),
        (Query, CallShape.Try) => Outcome(c.TryQueryAsync(HttpPath, Args, Ct)),
        (Query, CallShape.Reference) => Outcome(() => c.QueryAsync(QueryRef(HttpPath), TypedArgs, Ct)),
        (Query, CallShape.TryReference) => Outcome(c.TryQueryAsync(QueryRef(HttpPath), TypedArgs, Ct)),
        (Mutation, CallShape.Value) => Outcome(() => c.MutationAsync(HttpPath, Args, Ct)),
        (Mutation, CallShape.TypedResult) => Outcome(() => c.MutationAsync(HttpPath, Args, ProbeJsonContext.Default.String, Ct)),
        (Mutation, CallShape.TypedArgs) => Outcome(() => c.MutationAsync(HttpPath, TypedArgs, ProbeJsonContext.Default.ProbeArgs, ProbeJsonContext.Default.String, Ct)),
        (Mutation, CallShape.Reflection) => Outcome(() => c.MutationAsync<string>(HttpPath, ReflectionArgs, cancellationToken: Ct)),
        (Mutation, CallShape.Try) => Outcome(c.TryMutationAsync(HttpPath, Args, Ct)),
        (Mutation, CallShape.Reference) => Outcome(() => c.MutationAsync(MutationRef(HttpPath), TypedArgs, Ct)),
        (Mutation, CallShape.TryReference) => Outcome(c.TryMutationAsync(MutationRef(HttpPath), TypedArgs, Ct)),
        (_, CallShape.Value) => Outcome(() => c.ActionAsync(HttpPath, Args, Ct)),
        (_, CallShape.TypedResult) => Outcome(() => c.ActionAsync(HttpPath, Args, ProbeJsonContext.Default.String, Ct)),
        (_, CallShape.TypedArgs) => Outcome(() => c.ActionAsync(HttpPath, TypedArgs, ProbeJsonContext.Default.ProbeArgs, ProbeJsonContext.Default.String, Ct)),
        (_, CallShape.Reflection) => Outcome(() => c.ActionAsync<string>(HttpPath, ReflectionArgs, cancellationToken: Ct)),
        (_, CallShape.Try) => Outcome(c.TryActionAsync(HttpPath, Args, Ct)),
        (_, CallShape.Reference) => Outcome(() => c.ActionAsync(ActionRef(HttpPath), TypedArgs, Ct)),
        (_, _) => Outcome(c.TryActionAsync(ActionRef(HttpPath), TypedArgs, Ct)),
    };

    private static Task<string> CallSnapshot(ConvexHttpSnapshot s, CallShape shape) => shape switch
    {
        CallShape.Value => Outcome(() => s.QueryAsync(HttpPath, Args, Ct)),
        CallShape.TypedResult => Outcome(() => s.QueryAsync(HttpPath, Args, ProbeJsonContext.Default.String, Ct)),
        CallShape.TypedArgs => Outcome(() => s.QueryAsync(HttpPath, TypedArgs, ProbeJsonContext.Default.ProbeArgs, ProbeJsonContext.Default.String, Ct)),
        CallShape.Reflection => Outcome(() => s.QueryAsync<string>(HttpPath, ReflectionArgs, cancellationToken: Ct)),
        CallShape.Try => Outcome(s.TryQueryAsync(HttpPath, Args, Ct)),
        _ => Outcome(() => s.QueryAsync(QueryRef(HttpPath), TypedArgs, Ct)),
    };

    private static Task<string> CallSync(ConvexClient c, ConvexFunctionKind kind, CallShape shape, string path) => (kind, shape) switch
    {
        (Query, CallShape.Value) => Outcome(() => c.QueryAsync(path, Args, Ct)),
        (Query, CallShape.TypedResult) => Outcome(() => c.QueryAsync(path, Args, ProbeJsonContext.Default.String, Ct)),
        (Query, CallShape.TypedArgs) => Outcome(() => c.QueryAsync(path, TypedArgs, ProbeJsonContext.Default.ProbeArgs, ProbeJsonContext.Default.String, Ct)),
        (Query, CallShape.Reflection) => Outcome(() => c.QueryAsync<string>(path, ReflectionArgs, cancellationToken: Ct)),
        (Query, CallShape.Try) => Outcome(c.TryQueryAsync(path, Args, Ct)),
        (Query, CallShape.Reference) => Outcome(() => c.QueryAsync(QueryRef(path), TypedArgs, Ct)),
        (Query, CallShape.TryReference) => Outcome(c.TryQueryAsync(QueryRef(path), TypedArgs, Ct)),
        (Mutation, CallShape.Value) => Outcome(() => c.MutationAsync(path, Args, Ct)),
        (Mutation, CallShape.TypedResult) => Outcome(() => c.MutationAsync(path, Args, ProbeJsonContext.Default.String, Ct)),
        (Mutation, CallShape.TypedArgs) => Outcome(() => c.MutationAsync(path, TypedArgs, ProbeJsonContext.Default.ProbeArgs, ProbeJsonContext.Default.String, Ct)),
        (Mutation, CallShape.Reflection) => Outcome(() => c.MutationAsync<string>(path, ReflectionArgs, cancellationToken: Ct)),
        (Mutation, CallShape.Try) => Outcome(c.TryMutationAsync(path, Args, Ct)),
        (Mutation, CallShape.Reference) => Outcome(() => c.MutationAsync(MutationRef(path), TypedArgs, Ct)),
        (Mutation, CallShape.TryReference) => Outcome(c.TryMutationAsync(MutationRef(path), TypedArgs, Ct)),
        (_, CallShape.Value) => Outcome(() => c.ActionAsync(path, Args, Ct)),
        (_, CallShape.TypedResult) => Outcome(() => c.ActionAsync(path, Args, ProbeJsonContext.Default.String, Ct)),
        (_, CallShape.TypedArgs) => Outcome(() => c.ActionAsync(path, TypedArgs, ProbeJsonContext.Default.ProbeArgs, ProbeJsonContext.Default.String, Ct)),
        (_, CallShape.Reflection) => Outcome(() => c.ActionAsync<string>(path, ReflectionArgs, cancellationToken: Ct)),
        (_, CallShape.Try) => Outcome(c.TryActionAsync(path, Args, Ct)),
        (_, CallShape.Reference) => Outcome(() => c.ActionAsync(ActionRef(path), TypedArgs, Ct)),
        (_, _) => Outcome(c.TryActionAsync(ActionRef(path), TypedArgs, Ct)),
    };
}
