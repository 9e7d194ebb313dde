using System.Collections.Immutable;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Functions;

/// <summary>A <see cref="FunctionResult"/> whose value is read as the function's declared type.</summary>
/// <typeparam name="TResult">The value the function returns.</typeparam>
public sealed class FunctionResult<TResult>
{
    private readonly JsonTypeInfo<TResult> _resultTypeInfo;

    internal FunctionResult(FunctionResult untyped, JsonTypeInfo<TResult> resultTypeInfo)
    {
        Untyped = untyped;
        _resultTypeInfo = resultTypeInfo;
    }

    /// <summary>Gets the result as the client delivered it.</summary>
    public FunctionResult Untyped { get; }

    /// <summary>Gets a value indicating whether the function succeeded.</summary>
    public bool IsSuccess => Untyped.IsSuccess;

    /// <summary>Gets a value indicating whether the function threw a <c>ConvexError</c> (so <see cref="ErrorData"/> is set).</summary>
    public bool IsConvexError => Untyped.IsConvexError;

    /// <summary>Gets the server's error message when the function failed; otherwise <see langword="null"/>.</summary>
    public string? ErrorMessage => Untyped.ErrorMessage;

    /// <summary>Gets the <c>data</c> of a <c>ConvexError</c> thrown by the function; otherwise <see langword="null"/>.</summary>
    public ConvexValue? ErrorData => Untyped.ErrorData;

    /// <summary>Gets the function's log lines.</summary>
    public ImmutableArray<string> LogLines => Untyped.LogLines;

    /// <summary>Gets the value, converted to <typeparamref name="TResult"/>.</summary>
    /// <exception cref="InvalidOperationException">The function failed; inspect <see cref="ErrorMessage"/>.</exception>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="TResult"/>.</exception>
    public TResult Value => Untyped.GetValue(_resultTypeInfo);

    /// <summary>Describes the outcome without its data.</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => Untyped.ToString();
}
