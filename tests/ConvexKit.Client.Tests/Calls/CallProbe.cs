using System.Text.Json.Serialization;
using ConvexKit.Client.Functions;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Tests.Calls;

/// <summary>The shapes a call can take: the string-path overloads, then the generated-reference ones.</summary>
public enum CallShape
{
    /// <summary><c>QueryAsync(path, ConvexObject)</c>.</summary>
    Value,

    /// <summary><c>QueryAsync(path, ConvexObject, JsonTypeInfo&lt;TResult&gt;)</c>.</summary>
    TypedResult,

    /// <summary><c>QueryAsync(path, TArgs, JsonTypeInfo&lt;TArgs&gt;, JsonTypeInfo&lt;TResult&gt;)</c>.</summary>
    TypedArgs,

    /// <summary><c>QueryAsync&lt;TResult&gt;(path, object)</c>, reflection-based.</summary>
    Reflection,

    /// <summary><c>TryQueryAsync(path, ConvexObject)</c>.</summary>
    Try,

    /// <summary><c>QueryAsync(QueryReference, TArgs)</c>.</summary>
    Reference,

    /// <summary><c>TryQueryAsync(QueryReference, TArgs)</c>.</summary>
    TryReference,
}

public sealed record ProbeArgs(string Name);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(ProbeArgs))]
[JsonSerializable(typeof(string))]
internal sealed partial class ProbeJsonContext : JsonSerializerContext;

/// <summary>
/// The same arguments, <c>{name: "a"}</c>, in each shape, and a description of how a call that should fail with a
/// ConvexError did fail, so every surface, kind and shape can be held to one expected outcome.
/// </summary>
internal static class CallProbe
{
    public static ConvexObject Args { get; } = ConvexObject.Of(("name", "a"));

    public static ProbeArgs TypedArgs { get; } = new("a");

    public static object ReflectionArgs { get; } = new { Name = "a" };

    public static IEnumerable<TheoryDataRow<ConvexFunctionKind, CallShape>> KindsAndShapes() =>
        from kind in Enum.GetValues<ConvexFunctionKind>()
        from shape in Enum.GetValues<CallShape>()
        select new TheoryDataRow<ConvexFunctionKind, CallShape>(kind, shape);

    public static QueryReference<ProbeArgs, string> QueryRef(string path) => new(path, ProbeJsonContext.Default.ProbeArgs, ProbeJsonContext.Default.String);

    public static MutationReference<ProbeArgs, string> MutationRef(string path) => new(path, ProbeJsonContext.Default.ProbeArgs, ProbeJsonContext.Default.String);

    public static ActionReference<ProbeArgs, string> ActionRef(string path) => new(path, ProbeJsonContext.Default.ProbeArgs, ProbeJsonContext.Default.String);

    /// <summary>The outcome a throwing overload should have: the exception's type, kind, canonical path and data.</summary>
    public static string Thrown(ConvexFunctionKind kind, string canonicalPath, string data) => $"{nameof(ConvexErrorException)} {kind} {canonicalPath} {data}";

    /// <summary>The outcome a Try overload should have: a ConvexError result with the data.</summary>
    public static string Returned(string data) => $"ConvexError result {data}";

    public static async Task<string> Outcome(Func<Task> call)
    {
        try
        {
            await call().WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            return "no exception";
        }
        catch (ConvexFunctionException ex)
        {
            return $"{ex.GetType().Name} {ex.Kind} {ex.FunctionPath} {(ex as ConvexErrorException)?.ErrorData}";
        }
    }

    public static async Task<string> Outcome(Task<FunctionResult> call) =>
        Describe(await call.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));

    public static async Task<string> Outcome<TResult>(Task<FunctionResult<TResult>> call) =>
        Describe((await call.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken)).Untyped);

    private static string Describe(FunctionResult result) =>
        result.IsConvexError ? Returned(result.ErrorData!.ToString()) : $"not a ConvexError: {result}";
}
