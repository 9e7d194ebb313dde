using System.Text;
using ConvexKit.Client.Protocol;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Protocol;

/// <summary>Messages built in code serialize to the JavaScript client's frames (Appendix B), and parsing yields the typed fields.</summary>
public class ProtocolMessageUnitTests
{
    private static readonly Guid s_sessionId = Guid.Parse("5594e746-d264-4c8d-9b92-403cdee94837");

    private static string Write(ClientMessage message) => Encoding.UTF8.GetString(ClientMessageWriter.Serialize(message));

    private static ServerMessage Read(string frame) => ServerMessageReader.Parse(Encoding.UTF8.GetBytes(frame));

    [Fact]
    public void ConnectMatchesTheJavaScriptClientsKeyOrder()
    {
        Assert.Equal(
            """{"connectionCount":0,"lastCloseReason":"InitialConnect","clientTs":1795523562768,"type":"Connect","sessionId":"5594e746-d264-4c8d-9b92-403cdee94837"}""",
            Write(new ConnectMessage(s_sessionId, 0, ConnectMessage.InitialConnectReason, 1795523562768, null)));
        Assert.Equal(
            """{"connectionCount":1,"lastCloseReason":"InternalServerError","clientTs":5,"type":"Connect","sessionId":"5594e746-d264-4c8d-9b92-403cdee94837","maxObservedTimestamp":"lgAAAAAAAAA="}""",
            Write(new ConnectMessage(s_sessionId, 1, "InternalServerError", 5, 150)));
    }

    [Fact]
    public void ModifyQuerySetEncodesArgumentsAsTheJavaScriptClientDoes()
    {
        var args = ConvexObject.Of(("b", 2L), ("a", 1.5), ("z", new byte[] { 0x00, 0x10, 0x83 }), ("nan", double.NaN), ("negz", -0.0));
        var message = new ModifyQuerySetMessage(0, 1,
        [
            new AddQuery(0, "messages:default", args, new QueryJournal(null)),
            new AddQuery(1, "messages:list", ConvexObject.Empty, null),
        ]);
        Assert.Equal(
            """{"type":"ModifyQuerySet","baseVersion":0,"newVersion":1,"modifications":[{"type":"Add","queryId":0,"udfPath":"messages:default","args":[{"a":1.5,"b":{"$integer":"AgAAAAAAAAA="},"nan":{"$float":"AAAAAAAA+H8="},"negz":{"$float":"AAAAAAAAAIA="},"z":{"$bytes":"ABCD"}}],"journal":null},{"type":"Add","queryId":1,"udfPath":"messages:list","args":[{}]}]}""",
            Write(message));
    }

    [Fact]
    public void RequestsAndAuthenticationMatchTheJavaScriptClient()
    {
        Assert.Equal("""{"type":"Mutation","requestId":0,"udfPath":"messages:send","args":[{"body":"hi"}]}""",
            Write(new MutationMessage(0, "messages:send", ConvexObject.Of(("body", "hi")))));
        Assert.Equal("""{"type":"Action","requestId":1,"udfPath":"ai:do","args":[{}]}""",
            Write(new ActionMessage(1, "ai:do", ConvexObject.Empty)));
        Assert.Equal("""{"type":"Authenticate","baseVersion":0,"tokenType":"Admin","value":"adminkey123","impersonating":{"tokenIdentifier":"iss|sub","email":"a@b.c"}}""",
            Write(new AuthenticateMessage(0, new AuthenticationToken.Admin("adminkey123", new UserIdentityAttributes { Email = "a@b.c", TokenIdentifier = "iss|sub" }))));
        Assert.Equal("""{"type":"Authenticate","baseVersion":3,"tokenType":"User","value":"jwt"}""",
            Write(new AuthenticateMessage(3, new AuthenticationToken.User("jwt"))));
        Assert.Equal("""{"type":"Authenticate","tokenType":"None","baseVersion":1}""",
            Write(new AuthenticateMessage(1, AuthenticationToken.None.Instance)));
    }

    [Fact]
    public void TokensAndKeysNeverAppearInToString()
    {
        var user = new AuthenticateMessage(0, new AuthenticationToken.User("secret-jwt"));
        var admin = new AuthenticateMessage(0, new AuthenticationToken.Admin("secret-key", new UserIdentityAttributes { Email = "a@b.c" }));
        Assert.DoesNotContain("secret", user.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("secret", admin.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("a@b.c", admin.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void TransitionFieldsAreTyped()
    {
        var transition = Assert.IsType<TransitionMessage>(Read(
            """{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"Fc160+WP1xc="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":[1],"logLines":["[LOG] 'x'"],"journal":null}],"clientClockSkew":-35,"serverTs":1718000000123456789}"""));
        Assert.Equal(StateVersion.Initial, transition.StartVersion);
        Assert.Equal(new StateVersion(1, 0, 1718000000123456789UL), transition.EndVersion);
        Assert.Equal(-35, transition.ClientClockSkew);
        Assert.Equal(1718000000123456789L, transition.ServerTs);
        var updated = Assert.IsType<QueryUpdated>(Assert.Single(transition.Modifications));
        Assert.Equal(ConvexArray.Of(1), updated.Value.Value);
        Assert.Equal(["[LOG] 'x'"], updated.LogLines);
        Assert.Null(updated.Journal);
    }

    [Fact]
    public void ResponsesBecomeFunctionResults()
    {
        var ok = Assert.IsType<MutationResponseMessage>(Read("""{"type":"MutationResponse","requestId":4,"success":true,"result":"id1","ts":"AC+HJeaP1xc=","logLines":[]}"""));
        Assert.Equal(1718000001500000000UL, ok.Ts);
        Assert.Equal("id1", ok.ToFunctionResult().Value!.AsString());

        var failed = Assert.IsType<MutationResponseMessage>(Read("""{"type":"MutationResponse","requestId":4,"success":false,"result":"boom","ts":null,"logLines":["[ERROR] x"],"errorData":{"code":"NOT_FOUND"}}"""));
        var result = failed.ToFunctionResult();
        Assert.False(result.IsSuccess);
        Assert.True(result.IsConvexError);
        Assert.Equal("boom", result.ErrorMessage);
        Assert.Equal("NOT_FOUND", result.ErrorData!["code"].AsString());
        Assert.Null(failed.Ts);

        var action = Assert.IsType<ActionResponseMessage>(Read("""{"type":"ActionResponse","requestId":5,"success":false,"result":"nope","logLines":[]}"""));
        Assert.False(action.ToFunctionResult().IsConvexError);
    }

    [Fact]
    public void UnknownMessageTypesAreReportedNotRejected() =>
        Assert.Equal("FutureMessage", Assert.IsType<UnknownServerMessage>(Read("""{"type":"FutureMessage","x":1}""")).TypeName);

    [Fact]
    public void AuthErrorWithoutAuthUpdateAttemptedDefaultsToFalse() =>
        Assert.False(Assert.IsType<AuthErrorMessage>(Read("""{"type":"AuthError","error":"e","baseVersion":2}""")).AuthUpdateAttempted);

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"no":"type"}""")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAA"},"endVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"modifications":[]}""")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"modifications":[]}""")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":-1,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"modifications":[]}""")]
    [InlineData("""{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"modifications":[{"type":"QueryExploded","queryId":0}]}""")]
    [InlineData("""{"type":"MutationResponse","requestId":0,"success":true,"result":null,"ts":null,"logLines":[]}""")]
    [InlineData("""{"type":"MutationResponse","requestId":0,"result":null}""")]
    [InlineData("""{"type":"FatalError"}""")]
    public void MalformedKnownMessagesAreProtocolErrors(string frame) =>
        Assert.Throws<ConvexProtocolException>(() => Read(frame));

    [Fact]
    public void ChunkedTransitionsAreReassembled()
    {
        var full = """{"type":"Transition","startVersion":{"querySet":0,"identity":0,"ts":"AAAAAAAAAAA="},"endVersion":{"querySet":1,"identity":0,"ts":"ZAAAAAAAAAA="},"modifications":[{"type":"QueryUpdated","queryId":0,"value":"ünïcödé","logLines":[],"journal":null}],"clientClockSkew":0,"serverTs":1}""";
        var parts = new[] { full[..40], full[40..100], full[100..] };
        var assembler = new TransitionChunkAssembler();
        Assert.Null(assembler.Add(new TransitionChunkMessage(parts[0], 0, 3, "x")));
        Assert.Null(assembler.Add(new TransitionChunkMessage(parts[1], 1, 3, "x")));
        var transition = assembler.Add(new TransitionChunkMessage(parts[2], 2, 3, "x"));
        Assert.Equal("ünïcödé", Assert.IsType<QueryUpdated>(Assert.Single(transition!.Modifications)).Value.Value.AsString());
        Assert.False(assembler.IsAssembling);
    }

    [Fact]
    public void OutOfOrderOrInconsistentChunksResetTheAssembler()
    {
        var assembler = new TransitionChunkAssembler();
        assembler.Add(new TransitionChunkMessage("{", 0, 2, "x"));
        Assert.Throws<ConvexProtocolException>(() => assembler.Add(new TransitionChunkMessage("}", 0, 2, "x")));
        Assert.False(assembler.IsAssembling);
        assembler.Add(new TransitionChunkMessage("{", 0, 2, "x"));
        Assert.Throws<ConvexProtocolException>(() => assembler.Add(new TransitionChunkMessage("}", 1, 2, "y")));
        Assert.Throws<ConvexProtocolException>(() => assembler.Add(new TransitionChunkMessage("}", 2, 2, "y")));
        Assert.False(assembler.IsAssembling);
    }
}
