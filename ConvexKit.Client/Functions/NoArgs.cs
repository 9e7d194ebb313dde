namespace ConvexKit.Client.Functions;

/// <summary>The arguments of a function declared with <c>args: {}</c>: the empty object. The overloads without an arguments parameter send it.</summary>
public sealed class NoArgs
{
    private NoArgs()
    {
    }

    /// <summary>Gets the one instance.</summary>
    public static NoArgs Value { get; } = new();

    /// <summary>Describes the arguments.</summary>
    /// <returns><c>{}</c>.</returns>
    public override string ToString() => "{}";
}
