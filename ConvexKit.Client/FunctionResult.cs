using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client;

/// <summary>
/// The outcome of a Convex function: a value, or an error message, or a <c>ConvexError</c> with structured
/// <see cref="ErrorData"/>. Subscriptions deliver these; the awaited calls turn failures into exceptions.
/// </summary>
public sealed class FunctionResult
{
    private readonly ConvexJsonPayload? _value;
    private readonly ConvexJsonPayload? _errorData;

    private FunctionResult(ConvexJsonPayload? value, string? errorMessage, ConvexJsonPayload? errorData, ImmutableArray<string> logLines)
    {
        _value = value;
        ErrorMessage = errorMessage;
        _errorData = errorData;
        LogLines = logLines.IsDefault ? [] : logLines;
    }

    /// <summary>Gets a value indicating whether the function succeeded.</summary>
    [MemberNotNullWhen(false, nameof(ErrorMessage))]
    public bool IsSuccess => ErrorMessage is null;

    /// <summary>Gets a value indicating whether the function threw a <c>ConvexError</c> (so <see cref="ErrorData"/> is set).</summary>
    public bool IsConvexError => _errorData is not null;

    /// <summary>Gets the returned value (Convex <c>null</c> included), or <see langword="null"/> when the function failed.</summary>
    /// <exception cref="ConvexValueException">The server sent malformed Convex-JSON.</exception>
    public ConvexValue? Value => _value?.Value;

    /// <summary>Gets the server's error message when the function failed; otherwise <see langword="null"/>.</summary>
    public string? ErrorMessage { get; }

    /// <summary>Gets the <c>data</c> of a <c>ConvexError</c> thrown by the function; otherwise <see langword="null"/>.</summary>
    public ConvexValue? ErrorData => _errorData?.Value;

    /// <summary>Gets the function's log lines (<c>console.log</c> output such as <c>[LOG] 'hi'</c>).</summary>
    public ImmutableArray<string> LogLines { get; }

    internal ConvexJsonPayload? ValuePayload => _value;

    internal ConvexJsonPayload? ErrorDataPayload => _errorData;

    /// <summary>Converts the returned value to <typeparamref name="T"/> (trimming- and AOT-safe).</summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="jsonTypeInfo">Metadata from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <returns>The value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="InvalidOperationException">The function failed; inspect <see cref="ErrorMessage"/>.</exception>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="T"/>.</exception>
    public T GetValue<T>(JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        return SuccessPayload().Deserialize(jsonTypeInfo);
    }

    /// <summary>Converts the returned value to <typeparamref name="T"/> with reflection-based System.Text.Json (camelCase by default).</summary>
    /// <typeparam name="T">The CLR type.</typeparam>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <returns>The value; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="InvalidOperationException">The function failed; inspect <see cref="ErrorMessage"/>.</exception>
    /// <exception cref="ConvexValueException">The value does not fit <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public T GetValue<T>(JsonSerializerOptions? options = null) =>
        ConvexSerializer.FromJson(SuccessPayload().Utf8, ConvexSerializer.GetConvexTypeInfo<T>(options));

    /// <summary>Describes the outcome without its data (results may hold user content, so it is not printed).</summary>
    /// <returns>A short description.</returns>
    public override string ToString() => IsSuccess
        ? $"Success ({_value!.Length} bytes of Convex-JSON, {LogLines.Length} log lines)"
        : IsConvexError ? "ConvexError (with data)" : "Error";

    // Most mutations return null and log nothing: they share one result.
    private static readonly FunctionResult s_nullWithoutLogs = new(ConvexJsonPayload.Null, null, null, []);

    internal static FunctionResult Success(ConvexJsonPayload value, ImmutableArray<string> logLines) =>
        ReferenceEquals(value, ConvexJsonPayload.Null) && logLines.IsDefaultOrEmpty ? s_nullWithoutLogs : new(value, null, null, logLines);

    internal static FunctionResult Failure(string errorMessage, ConvexJsonPayload? errorData, ImmutableArray<string> logLines) =>
        new(null, errorMessage, errorData, logLines);

    private ConvexJsonPayload SuccessPayload() =>
        _value ?? throw new InvalidOperationException("The function failed, so it has no value; inspect ErrorMessage and ErrorData.");
}
