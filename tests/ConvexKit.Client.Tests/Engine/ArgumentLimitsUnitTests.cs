using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Engine;

/// <summary>The nesting limit is exactly the server's: it checks <c>[args]</c>, so the arguments get 63 of its 64 levels.</summary>
public class ArgumentLimitsUnitTests
{
    [Fact]
    public void ArgumentsNestingSixtyThreeLevelsPass() => ConvexLimits.CheckArguments(Nest(63));

    [Fact]
    public void ArgumentsNestingSixtyFourLevelsAreRefused() =>
        Assert.Throws<ConvexValueException>(() => ConvexLimits.CheckArguments(Nest(64)));

    /// <summary>An arguments object that is <paramref name="levels"/> containers deep (itself included).</summary>
    private static ConvexObject Nest(int levels)
    {
        var value = ConvexObject.Of(("x", 1.0));
        for (var level = 1; level < levels; level++)
        {
            value = ConvexObject.Of(("a", value));
        }

        return value;
    }
}
