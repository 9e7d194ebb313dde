using System.Net;
using ConvexKit.Client.Http;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Http;

/// <summary>Function failures and request failures as the real emulator produces them.</summary>
public sealed class ConvexHttpClientErrorTests(AdminEmulatorFixture fixture) : IClassFixture<AdminEmulatorFixture>, IDisposable
{
    private static readonly HttpTestJsonContext s_json = HttpTestJsonContext.Default;
    private readonly ConvexHttpClient _client = new(fixture.Url);

    public void Dispose() => _client.Dispose();

    [Fact]
    public async Task NotFoundConvexErrorCarriesItsDataPathAndKind()
    {
        var error = await Assert.ThrowsAsync<ConvexErrorException>(
            () => Bounded(_client.MutationAsync("notes:remove", ConvexObject.Of(("id", "no-such-note")), cancellationToken: Ct)));

        Assert.Equal(new NoteError("NOT_FOUND", "Note \"no-such-note\" does not exist."), error.GetErrorData(s_json.NoteError));
        Assert.Equal("NOT_FOUND", error.ErrorData["code"].AsString());
        Assert.Equal(ConvexFunctionKind.Mutation, error.Kind);
        Assert.Equal("notes:remove", error.FunctionPath);
        Assert.StartsWith("[CONVEX M(notes:remove)] ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith(error.ServerMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidArgumentConvexErrorConvertsWithReflectionToo()
    {
        var error = await Assert.ThrowsAsync<ConvexErrorException>(
            () => Bounded(_client.MutationAsync<string>("notes:create", new { Title = "   ", Content = "" }, cancellationToken: Ct)));

        var data = error.GetErrorData<NoteError>();
        Assert.Equal("INVALID_ARGUMENT", data.Code);
        Assert.Equal("Title must not be empty.", data.Message);
    }

    [Fact]
    public async Task TryStyleCallsReturnConvexErrorsAsResults()
    {
        var result = await Bounded(_client.TryMutationAsync("notes:update", ConvexObject.Of(("id", "gone"), ("title", "x")), cancellationToken: Ct));

        Assert.False(result.IsSuccess);
        Assert.True(result.IsConvexError);
        Assert.Equal("NOT_FOUND", result.ErrorData!["code"].AsString());
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task UnknownFunctionIsAFunctionFailureWithTheServersMessage()
    {
        var error = await Assert.ThrowsAsync<ConvexFunctionException>(() => Bounded(_client.QueryAsync("notes:lst", cancellationToken: Ct)));

        Assert.Contains("Could not find public function for 'notes:lst'", error.ServerMessage, StringComparison.Ordinal);
        Assert.Equal(ConvexFunctionKind.Query, error.Kind);
        Assert.StartsWith("[CONVEX Q(notes:lst)] ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallingAFunctionAsTheWrongKindFailsTheFunction()
    {
        var asQuery = await Assert.ThrowsAsync<ConvexFunctionException>(
            () => Bounded(_client.QueryAsync("notes:create", ConvexObject.Of(("title", "t"), ("content", "c")), cancellationToken: Ct)));
        var asAction = await Assert.ThrowsAsync<ConvexFunctionException>(() => Bounded(_client.ActionAsync("notes:list", cancellationToken: Ct)));

        Assert.Contains("notes.js:create as Query, but it is defined as Mutation", asQuery.ServerMessage, StringComparison.Ordinal);
        Assert.Equal(ConvexFunctionKind.Action, asAction.Kind);
        Assert.StartsWith("[CONVEX A(notes:list)] ", asAction.Message, StringComparison.Ordinal);
        Assert.Contains("as Action, but it is defined as Query", asAction.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ArgumentValidationFailureIsAPlainFunctionFailure()
    {
        var error = await Assert.ThrowsAsync<ConvexFunctionException>(
            () => Bounded(_client.MutationAsync("notes:create", ConvexObject.Of(("title", "no content")), cancellationToken: Ct)));

        Assert.IsNotType<ConvexErrorException>(error);
        Assert.Contains("content", error.ServerMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongAdminKeyIsARequestFailureThatNeverShowsTheKey()
    {
        using var admin = _client.WithAdminAuth("wrong-key-S3CR3T");

        var error = await Assert.ThrowsAsync<ConvexRequestException>(() => Bounded(admin.QueryAsync("notes:list", cancellationToken: Ct)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal("BadAdminKey", error.Code);
        Assert.DoesNotContain("S3CR3T", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("S3CR3T", admin.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RightAdminKeyIsAcceptedAlsoWhenActingAsAUser()
    {
        var admin = _client.WithAdminAuth(AdminEmulatorFixture.AdminKey);
        var actingAs = _client.WithAdminAuth(AdminEmulatorFixture.AdminKey, new UserIdentityAttributes { TokenIdentifier = "issuer|user-1", Name = "Ada" });

        var asAdmin = await Bounded(admin.QueryAsync("notes:list", cancellationToken: Ct));
        var asUser = await Bounded(actingAs.QueryAsync("notes:list", cancellationToken: Ct));

        Assert.Equal(ConvexValueKind.Array, asAdmin.Kind);
        Assert.Equal(ConvexValueKind.Array, asUser.Kind);
        Assert.Equal("ConvexHttpClient(" + fixture.Url.AbsoluteUri + ", auth: admin acting as a user)", actingAs.ToString());
    }

    [Fact]
    public async Task SetAdminAuthAndClearAuthSwitchTheIdentityOfLaterCalls()
    {
        using var client = new ConvexHttpClient(fixture.Url);

        client.SetAdminAuth("not-the-key");
        await Assert.ThrowsAsync<ConvexRequestException>(() => Bounded(client.QueryAsync("notes:list", cancellationToken: Ct)));
        client.ClearAuth();

        Assert.Equal(ConvexValueKind.Array, (await Bounded(client.QueryAsync("notes:list", cancellationToken: Ct))).Kind);
    }

    [Theory]
    [InlineData("not-a-jwt", "InvalidAuthHeader")]
    [InlineData("eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "NoAuthProvider")]
    public async Task UserTokensTheDeploymentCannotVerifyAreUnauthorized(string token, string code)
    {
        var user = _client.WithAuth(token);

        var error = await Assert.ThrowsAsync<ConvexRequestException>(() => Bounded(user.QueryAsync("notes:list", cancellationToken: Ct)));

        Assert.Equal(HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.Equal(code, error.Code);
        Assert.DoesNotContain(token, error.ToString(), StringComparison.Ordinal);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<T> Bounded<T>(Task<T> task) => task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
}
