using System.Text.Json.Serialization.Metadata;

namespace ConvexKit.Client.Functions;

/// <summary>
/// A Convex function with its path, kind and the JSON metadata of its arguments and value, as the
/// ConvexKit.Client.Generators source generator emits it (<c>ConvexApi.Notes.Create</c>). The kind is the type
/// (<see cref="QueryReference{TArgs, TResult}"/>, <see cref="MutationReference{TArgs, TResult}"/>,
/// <see cref="ActionReference{TArgs, TResult}"/>), so a query cannot be passed where a mutation is expected.
/// </summary>
/// <typeparam name="TArgs">The arguments record, or <see cref="NoArgs"/>.</typeparam>
/// <typeparam name="TResult">The value the function returns.</typeparam>
public abstract class FunctionReference<TArgs, TResult>
{
    private protected FunctionReference(string path, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(argsTypeInfo);
        ArgumentNullException.ThrowIfNull(resultTypeInfo);
        Path = path;
        ArgsTypeInfo = argsTypeInfo;
        ResultTypeInfo = resultTypeInfo;
    }

    /// <summary>Gets the function path, such as <c>notes:create</c>.</summary>
    public string Path { get; }

    /// <summary>Gets the kind of function.</summary>
    public abstract ConvexFunctionKind Kind { get; }

    /// <summary>Gets the JSON metadata of the arguments.</summary>
    public JsonTypeInfo<TArgs> ArgsTypeInfo { get; }

    /// <summary>Gets the JSON metadata of the value.</summary>
    public JsonTypeInfo<TResult> ResultTypeInfo { get; }

    /// <summary>Names the function.</summary>
    /// <returns>The kind and path, such as <c>Mutation notes:create</c>.</returns>
    public override string ToString() => $"{Kind} {Path}";
}

/// <summary>A Convex query: callable with <c>QueryAsync</c>, <c>TryQueryAsync</c> and <c>Subscribe</c>.</summary>
/// <typeparam name="TArgs">The arguments record, or <see cref="NoArgs"/>.</typeparam>
/// <typeparam name="TResult">The value the query returns.</typeparam>
/// <param name="path">The function path, such as <c>notes:list</c>.</param>
/// <param name="argsTypeInfo">The JSON metadata of the arguments.</param>
/// <param name="resultTypeInfo">The JSON metadata of the value.</param>
public sealed class QueryReference<TArgs, TResult>(string path, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo)
    : FunctionReference<TArgs, TResult>(path, argsTypeInfo, resultTypeInfo)
{
    /// <inheritdoc />
    public override ConvexFunctionKind Kind => ConvexFunctionKind.Query;
}

/// <summary>A Convex mutation: callable with <c>MutationAsync</c> and <c>TryMutationAsync</c>.</summary>
/// <typeparam name="TArgs">The arguments record, or <see cref="NoArgs"/>.</typeparam>
/// <typeparam name="TResult">The value the mutation returns.</typeparam>
/// <param name="path">The function path, such as <c>notes:create</c>.</param>
/// <param name="argsTypeInfo">The JSON metadata of the arguments.</param>
/// <param name="resultTypeInfo">The JSON metadata of the value.</param>
public sealed class MutationReference<TArgs, TResult>(string path, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo)
    : FunctionReference<TArgs, TResult>(path, argsTypeInfo, resultTypeInfo)
{
    /// <inheritdoc />
    public override ConvexFunctionKind Kind => ConvexFunctionKind.Mutation;
}

/// <summary>A Convex action: callable with <c>ActionAsync</c> and <c>TryActionAsync</c>.</summary>
/// <typeparam name="TArgs">The arguments record, or <see cref="NoArgs"/>.</typeparam>
/// <typeparam name="TResult">The value the action returns.</typeparam>
/// <param name="path">The function path, such as <c>files:upload</c>.</param>
/// <param name="argsTypeInfo">The JSON metadata of the arguments.</param>
/// <param name="resultTypeInfo">The JSON metadata of the value.</param>
public sealed class ActionReference<TArgs, TResult>(string path, JsonTypeInfo<TArgs> argsTypeInfo, JsonTypeInfo<TResult> resultTypeInfo)
    : FunctionReference<TArgs, TResult>(path, argsTypeInfo, resultTypeInfo)
{
    /// <inheritdoc />
    public override ConvexFunctionKind Kind => ConvexFunctionKind.Action;
}
