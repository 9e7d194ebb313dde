using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ConvexKit.Client.Http;
using ConvexKit.Client.Values;
using Microsoft.Extensions.Logging;

namespace ConvexKit.Client.Tests.Http;

/// <summary>
/// What the client puts on the wire and how it reads answers no emulator gives: a real loopback socket answering with
/// canned bytes, proxy pages, garbage, or nothing.
/// </summary>
public sealed partial class ConvexHttpClientWireTests
{
    private const string Json = "application/json";

    [Fact]
    public async Task RequestsCarryTheClientHeaderJsonContentTypeAndTheJavaScriptBodyShape()
    {
        await using var server = RawHttpResponder.Answering(200, Json, """{"status":"success","value":{"$integer":"KgAAAAAAAAA="}}""");
        using var client = new ConvexHttpClient(server.Url);

        var value = await Bounded(client.QueryAsync("messages.js:list", ConvexObject.Of(("n", 1L), ("b", new byte[] { 0, 0x10, 0x83 }), ("x", 1.5)), cancellationToken: Ct));

        Assert.Equal(new ConvexInt64(42), value);
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /api/query HTTP/1.1", request.RequestLine);
        Assert.Matches(SemverClientHeader(), request.Headers["Convex-Client"]);
        Assert.Equal(Json, request.Headers["Content-Type"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
        Assert.Equal(
            """{"path":"messages:list","format":"convex_encoded_json","args":[{"b":{"$bytes":"ABCD"},"n":{"$integer":"AQAAAAAAAAA="},"x":1.5}]}""",
            request.Body);
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("user")]
    public async Task CredentialsGoInTheAuthorizationHeader(string kind)
    {
        await using var server = RawHttpResponder.Answering(200, Json, """{"status":"success","value":null}""");
        using var client = new ConvexHttpClient(server.Url);
        var caller = kind == "admin" ? client.WithAdminAuth("prod:abc|secret") : client.WithAuth("header.payload.signature");

        await Bounded(caller.MutationAsync("notes:create", cancellationToken: Ct));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /api/mutation HTTP/1.1", request.RequestLine);
        Assert.Equal(kind == "admin" ? "Convex prod:abc|secret" : "Bearer header.payload.signature", request.Headers["Authorization"]);
    }

    [Fact]
    public async Task ActingAsSendsTheIdentityAsBase64JsonAfterTheKey()
    {
        await using var server = RawHttpResponder.Answering(200, Json, """{"status":"success","value":null}""");
        using var client = new ConvexHttpClient(server.Url);
        client.SetAdminAuth("key", new UserIdentityAttributes { Subject = "user-1", Issuer = "https://issuer", EmailVerified = true });

        await Bounded(client.ActionAsync("jobs:run", cancellationToken: Ct));

        var header = Assert.Single(server.Requests).Headers["Authorization"];
        Assert.StartsWith("Convex key:", header, StringComparison.Ordinal);
        var identity = ConvexValue.Parse(Convert.FromBase64String(header["Convex key:".Length..]));
        Assert.Equal(ConvexObject.Of(("issuer", "https://issuer"), ("subject", "user-1"), ("emailVerified", true)), identity);
    }

    [Fact]
    public async Task ADeploymentBehindAPathPrefixKeepsItsPrefix()
    {
        await using var server = RawHttpResponder.Answering(200, Json, """{"ts":"AQAAAAAAAAA="}""");
        using var client = new ConvexHttpClient(new Uri(server.Url, "convex"));

        var snapshot = await Bounded(client.GetSnapshotAsync(cancellationToken: Ct));

        Assert.Equal(1UL, snapshot.Timestamp);
        Assert.Equal("POST /convex/api/query_ts HTTP/1.1", Assert.Single(server.Requests).RequestLine);
    }

    [Fact]
    public async Task SnapshotQueriesSendTheirTimestampToQueryAtTs()
    {
        await using var server = RawHttpResponder.Answering(200, Json, """{"status":"success","value":"ok","logLines":["[LOG] 'hi'"]}""");
        var loggers = new CapturingLoggerFactory();
        using var client = new ConvexHttpClient(server.Url, loggerFactory: loggers);
        var snapshot = new ConvexHttpSnapshot(client, 0x0102UL);

        var result = await Bounded(snapshot.TryQueryAsync("notes:list", cancellationToken: Ct));

        Assert.Equal("[LOG] 'hi'", Assert.Single(result.LogLines));
        var request = Assert.Single(server.Requests);
        Assert.Equal("POST /api/query_at_ts HTTP/1.1", request.RequestLine);
        Assert.Equal("""{"path":"notes:list","format":"convex_encoded_json","args":[{}],"ts":"AgEAAAAAAAA="}""", request.Body);
        var line = Assert.Single(loggers.Entries, e => e.Category == "ConvexKit.Client.FunctionLogs");
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Equal("[CONVEX Q(notes:list)] [LOG] 'hi'", line.Message);
    }

    [Fact]
    public async Task BatchesSendEveryQueryAndRefuseAnAnswerWithTheWrongNumberOfResults()
    {
        await using var server = RawHttpResponder.Answering(200, Json, """{"results":[{"status":"success","value":1}]}""");
        using var client = new ConvexHttpClient(server.Url);

        var error = await Assert.ThrowsAsync<ConvexRequestException>(
            () => Bounded(client.QueryBatchAsync([new("a:b"), new("c", ConvexObject.Of(("k", "v")))], cancellationToken: Ct)));

        Assert.Contains("1 results for 2 queries", error.Message, StringComparison.Ordinal);
        Assert.Equal(
            """{"queries":[{"path":"a:b","format":"convex_encoded_json","args":[{}]},{"path":"c:default","format":"convex_encoded_json","args":[{"k":"v"}]}]}""",
            Assert.Single(server.Requests).Body);
    }

    [Fact]
    public async Task RequestFailureBodiesBecomeRequestExceptionsWithStatusAndCode()
    {
        await using var server = RawHttpResponder.Answering(400, Json, """{"code":"BadConvexFunctionIdentifier","message":"Couldn't parse function path"}""");
        using var client = new ConvexHttpClient(server.Url);

        var error = await Assert.ThrowsAsync<ConvexRequestException>(() => Bounded(client.QueryAsync("notes:list", cancellationToken: Ct)));

        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal("BadConvexFunctionIdentifier", error.Code);
        Assert.Equal("Couldn't parse function path", error.ServerMessage);
        Assert.Equal("The Convex query notes:list failed with HTTP 400 BadConvexFunctionIdentifier: Couldn't parse function path", error.Message);
    }

    [Fact]
    public async Task AProxysHtmlErrorPageIsARequestFailureThatShowsWhatCameBack()
    {
        await using var server = RawHttpResponder.Answering(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>");
        using var client = new ConvexHttpClient(server.Url);

        var error = await Assert.ThrowsAsync<ConvexRequestException>(() => Bounded(client.MutationAsync("notes:create", cancellationToken: Ct)));

        Assert.Equal(HttpStatusCode.BadGateway, error.StatusCode);
        Assert.Null(error.Code);
        Assert.Contains("text/html", error.Message, StringComparison.Ordinal);
        Assert.Contains("<h1>502 Bad Gateway</h1>", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain", "everything is fine")]
    [InlineData(Json, """{"status":"maybe"}""")]
    [InlineData(Json, """{"status":"success","value":1,"logLines":[1]}""")]
    [InlineData(Json, "[]")]
    public async Task A200ThatIsNotAFunctionResponseIsARequestFailure(string contentType, string body)
    {
        await using var server = RawHttpResponder.Answering(200, contentType, body);
        using var client = new ConvexHttpClient(server.Url);

        var error = await Assert.ThrowsAsync<ConvexRequestException>(() => Bounded(client.QueryAsync("notes:list", cancellationToken: Ct)));

        Assert.Equal(HttpStatusCode.OK, error.StatusCode);
        Assert.Contains("not a Convex response", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLegacyFunctionFailedStatusIsReadAsAFunctionFailure()
    {
        await using var server = RawHttpResponder.Answering(560, Json, """{"status":"error","errorMessage":"boom","errorData":{"code":"X"}}""");
        using var client = new ConvexHttpClient(server.Url);

        var error = await Assert.ThrowsAsync<ConvexErrorException>(() => Bounded(client.ActionAsync("jobs:run", cancellationToken: Ct)));

        Assert.Equal("boom", error.ServerMessage);
        Assert.Equal(ConvexObject.Of(("code", "X")), error.ErrorData);
    }

    [Fact]
    public async Task ADeploymentThatNeverAnswersTimesOut()
    {
        await using var server = RawHttpResponder.NeverAnswering();
        using var client = new ConvexHttpClient(server.Url, new ConvexHttpClientOptions { Timeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Bounded(client.QueryAsync("notes:list", cancellationToken: Ct)));

        Assert.Contains("query notes:list did not complete within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActionsHaveTheirOwnTimeout()
    {
        await using var server = RawHttpResponder.NeverAnswering();
        using var client = new ConvexHttpClient(server.Url, new ConvexHttpClientOptions { Timeout = Timeout.InfiniteTimeSpan, ActionTimeout = TimeSpan.FromMilliseconds(300) });

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Bounded(client.ActionAsync("jobs:run", cancellationToken: Ct)));

        Assert.Contains("action jobs:run", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCallersCancellationWinsAndIsReportedAsCancellation()
    {
        await using var server = RawHttpResponder.NeverAnswering();
        using var client = new ConvexHttpClient(server.Url);
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        cancellation.CancelAfter(TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Bounded(client.QueryAsync("notes:list", cancellationToken: cancellation.Token)));

        Assert.Equal(cancellation.Token, error.CancellationToken);
    }

    [Fact]
    public async Task ACallersHttpClientTimeoutIsAlsoATimeout()
    {
        await using var server = RawHttpResponder.NeverAnswering();
        using var http = new HttpClient { BaseAddress = server.Url, Timeout = TimeSpan.FromMilliseconds(300) };
        var client = new ConvexHttpClient(http);

        var error = await Assert.ThrowsAsync<TimeoutException>(() => Bounded(client.QueryAsync("notes:list", cancellationToken: Ct)));

        Assert.Contains("within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnUnreachableDeploymentIsARequestFailureWithoutStatus()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var url = new Uri($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");
        listener.Stop();
        using var client = new ConvexHttpClient(url);

        var error = await Assert.ThrowsAsync<ConvexRequestException>(() => Bounded(client.QueryAsync("notes:list", cancellationToken: Ct)));

        Assert.Null(error.StatusCode);
        Assert.IsType<HttpRequestException>(error.InnerException);
        Assert.Contains(url.AbsoluteUri, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisposingDoesNotDisposeTheCallersHttpClient()
    {
        await using var server = RawHttpResponder.Answering(200, Json, """{"status":"success","value":"still here"}""");
        using var http = new HttpClient { BaseAddress = server.Url };

        new ConvexHttpClient(http).Dispose();
        var value = await Bounded(new ConvexHttpClient(http).QueryAsync("notes:list", cancellationToken: Ct));

        Assert.Equal("still here", value.AsString());
    }

    [Fact]
    public async Task ADisposedOwningClientRefusesCalls()
    {
        var client = new ConvexHttpClient(new Uri("http://127.0.0.1:9/"));
        client.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => Bounded(client.QueryAsync("notes:list", cancellationToken: Ct)));
    }

    [Fact]
    public async Task BadPathsBadArgumentsAndUnsupportedValuesFailBeforeAnythingIsSent()
    {
        await using var server = RawHttpResponder.Answering(200, Json, """{"status":"success","value":null}""");
        using var client = new ConvexHttpClient(server.Url);

        await Assert.ThrowsAsync<ArgumentException>(() => Bounded(client.QueryAsync("notes:list:extra", cancellationToken: Ct)));
        await Assert.ThrowsAsync<ArgumentException>(() => Bounded(client.QueryAsync("notes.ts:list", cancellationToken: Ct)));
        await Assert.ThrowsAsync<ArgumentException>(() => Bounded(client.QueryBatchAsync([new("/abs:x")], cancellationToken: Ct)));
        await Assert.ThrowsAsync<ArgumentException>(() => Bounded(client.QueryAsync<string>("notes:get", args: "not an object", cancellationToken: Ct)));
        var guid = await Assert.ThrowsAsync<ConvexValueException>(
            () => Bounded(client.MutationAsync("notes:create", Guid.NewGuid(), HttpTestJsonContext.Default.Guid, HttpTestJsonContext.Default.String, cancellationToken: Ct)));
        await Assert.ThrowsAsync<ConvexValueException>(() => Bounded(client.QueryAsync<string>("notes:get", new { At = DateTimeOffset.UnixEpoch }, cancellationToken: Ct)));
        var deep = Enumerable.Range(0, 70).Aggregate<int, ConvexValue>(1, (inner, _) => ConvexArray.Of(inner));
        await Assert.ThrowsAsync<ConvexValueException>(() => Bounded(client.MutationAsync("notes:create", ConvexObject.Of(("deep", deep)), Ct)));
        var huge = ConvexObject.Of(("content", new string('x', 17 << 20)));
        await Assert.ThrowsAsync<ConvexValueException>(() => Bounded(client.ActionAsync("notes:import", huge, Ct)));
        await Assert.ThrowsAsync<ConvexValueException>(() => Bounded(client.QueryBatchAsync([new("notes:list"), new("notes:get", huge)], cancellationToken: Ct)));

        Assert.Equal(typeof(Guid), guid.ClrType);
        Assert.Empty(server.Requests);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("key\r\nX-Injected: 1")]
    [InlineData(" key")]
    public void CredentialsThatCannotBeAHeaderAreRefusedWithoutEchoingThem(string credential)
    {
        using var client = new ConvexHttpClient(new Uri("http://127.0.0.1:9/"));

        var admin = Assert.ThrowsAny<ArgumentException>(() => client.SetAdminAuth(credential));
        var user = Assert.ThrowsAny<ArgumentException>(() => client.WithAuth(credential));

        if (credential.Trim().Length > 0)
        {
            Assert.DoesNotContain(credential.Trim(), admin.Message, StringComparison.Ordinal);
            Assert.DoesNotContain(credential.Trim(), user.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("ftp://example.com")]
    [InlineData("http://127.0.0.1:3210/?x=1")]
    [InlineData("http://admin:S3CR3T@127.0.0.1:3210/")]
    public void DeploymentUrlsMustBePlainHttpOrHttps(string url)
    {
        var error = Assert.Throws<ArgumentException>(() => new ConvexHttpClient(new Uri(url)));

        Assert.DoesNotContain("S3CR3T", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeoutsMustBePositiveOrInfinite() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConvexHttpClient(new Uri("http://127.0.0.1:9/"), new ConvexHttpClientOptions { Timeout = TimeSpan.Zero }));

    [Fact]
    public async Task NothingLoggedEverContainsTheCredential()
    {
        await using var server = RawHttpResponder.Answering(401, Json, """{"code":"BadAdminKey","message":"The provided admin key was invalid for this instance"}""");
        var loggers = new CapturingLoggerFactory();
        using var client = new ConvexHttpClient(server.Url, loggerFactory: loggers);
        client.SetAdminAuth("S3CR3T-admin-key");

        await Assert.ThrowsAsync<ConvexRequestException>(() => Bounded(client.QueryAsync("notes:list", cancellationToken: Ct)));

        Assert.NotEmpty(loggers.Entries);
        Assert.All(loggers.Entries, e => Assert.DoesNotContain("S3CR3T", e.Message + e.Exception, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^dotnet-\d+\.\d+\.\d+")]
    private static partial Regex SemverClientHeader();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
}
