using System.Collections.Immutable;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Http;

/// <summary>The typed exceptions of failed function calls, shared by the HTTP and WebSocket clients.</summary>
public class ConvexFunctionExceptionUnitTests
{
    [Theory]
    [InlineData(ConvexFunctionKind.Query, "[CONVEX Q(notes:get)] boom")]
    [InlineData(ConvexFunctionKind.Mutation, "[CONVEX M(notes:get)] boom")]
    [InlineData(ConvexFunctionKind.Action, "[CONVEX A(notes:get)] boom")]
    public void MessagesNameTheKindAndPathLikeTheJavaScriptClient(ConvexFunctionKind kind, string expected)
    {
        var error = new ConvexFunctionException(kind, "notes:get", "boom", ["[LOG] 'x'"]);

        Assert.Equal(expected, error.Message);
        Assert.Equal("boom", error.ServerMessage);
        Assert.Equal(["[LOG] 'x'"], error.LogLines.AsEnumerable());
    }

    [Fact]
    public void AFailedResultWithDataBecomesAConvexErrorExceptionWithThatData()
    {
        var result = FunctionResult.Failure("oops", ConvexJsonPayload.From(ConvexObject.Of(("code", "NOT_FOUND"), ("message", "gone"))), ["[ERROR] x"]);

        var error = Assert.IsType<ConvexErrorException>(ConvexFunctionException.FromResult(ConvexFunctionKind.Mutation, "notes:remove", result));

        Assert.Equal(ConvexObject.Of(("code", "NOT_FOUND"), ("message", "gone")), error.ErrorData);
        Assert.Equal(new Tests.Http.NoteError("NOT_FOUND", "gone"), error.GetErrorData(HttpTestJsonContext.Default.NoteError));
        Assert.Equal("[CONVEX M(notes:remove)] oops", error.Message);
        Assert.Equal("[ERROR] x", Assert.Single(error.LogLines));
    }

    [Fact]
    public void AFailedResultWithoutDataBecomesAPlainFunctionException()
    {
        var result = FunctionResult.Failure("Uncaught Error: boom", null, default);

        var error = ConvexFunctionException.FromResult(ConvexFunctionKind.Action, "jobs:run", result);

        Assert.IsNotType<ConvexErrorException>(error);
        Assert.Equal(ConvexFunctionKind.Action, error.Kind);
        Assert.Equal("jobs:run", error.FunctionPath);
        Assert.Empty(error.LogLines);
    }

    [Fact]
    public void ASuccessIsNotAnError() =>
        Assert.Throws<ArgumentException>(() => ConvexFunctionException.FromResult(ConvexFunctionKind.Query, "a:b", FunctionResult.Success(ConvexJsonPayload.Null, [])));

    [Fact]
    public void ConvexErrorsCanBeBuiltFromAValueAndDefaultToNullData()
    {
        var built = new ConvexErrorException(ConvexFunctionKind.Query, "a:b", "m", 42L);
        var bare = new ConvexErrorException("only a message");

        Assert.Equal(42L, built.GetErrorData<long>());
        Assert.True(bare.ErrorData.IsNull);
        Assert.Equal(ImmutableArray<string>.Empty, bare.LogLines);
        Assert.Equal("", bare.FunctionPath);
    }
}
