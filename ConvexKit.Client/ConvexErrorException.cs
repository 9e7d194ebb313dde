using System.Collections.Immutable;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client;

/// <summary>
/// A Convex function threw <c>ConvexError(data)</c>: an application error with structured <see cref="ErrorData"/>, such as
/// <c>{ code: "NOT_FOUND", message: "…" }</c>. The data is never redacted by the server, so it is the part of the
/// error an application should branch on; convert it with <see cref="GetErrorData{T}(JsonTypeInfo{T})"/>.
/// </summary>
public sealed class ConvexErrorException : ConvexFunctionException
{
    private readonly ConvexJsonPayload _data;

    /// <summary>Creates an exception with a default message and <c>null</c> data.</summary>
    public ConvexErrorException()
        : this("A Convex function threw a ConvexError.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> and <c>null</c> data.</summary>
    /// <param name="message">What went wrong.</param>
    public ConvexErrorException(string message)
        : this(message, innerException: null)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>, caused by <paramref name="innerException"/>, and <c>null</c> data.</summary>
    /// <param name="message">What went wrong.</param>
    /// <param name="innerException">The cause.</param>
    public ConvexErrorException(string message, Exception? innerException)
        : base(message, innerException)
    {
        _data = ConvexJsonPayload.Null;
    }

    /// <summary>Creates an exception for a <c>ConvexError</c> thrown by <paramref name="functionPath"/>.</summary>
    /// <param name="kind">The kind of function that was called.</param>
    /// <param name="functionPath">The canonical function path, such as <c>notes:get</c>.</param>
    /// <param name="serverMessage">The error message the server sent.</param>
    /// <param name="data">The <c>data</c> of the <c>ConvexError</c>.</param>
    /// <param name="logLines">The function's log lines, if any.</param>
    public ConvexErrorException(ConvexFunctionKind kind, string functionPath, string serverMessage, ConvexValue data, ImmutableArray<string> logLines = default)
        : this(kind, functionPath, serverMessage, ConvexJsonPayload.From(data ?? throw new ArgumentNullException(nameof(data))), logLines)
    {
    }

    internal ConvexErrorException(ConvexFunctionKind kind, string functionPath, string serverMessage, ConvexJsonPayload data, ImmutableArray<string> logLines)
        : base(kind, functionPath, serverMessage, logLines)
    {
        _data = data;
    }

    /// <summary>Gets the <c>data</c> the function passed to <c>ConvexError</c> (Convex <c>null</c> when it passed none).</summary>
    /// <exception cref="ConvexValueException">The server sent malformed Convex-JSON.</exception>
    public ConvexValue ErrorData => _data.Value;

    /// <summary>Converts <see cref="ErrorData"/> to <typeparamref name="T"/> (trimming- and AOT-safe).</summary>
    /// <typeparam name="T">The CLR type, e.g. a record with <c>Code</c> and <c>Message</c>.</typeparam>
    /// <param name="jsonTypeInfo">Metadata from your <see cref="System.Text.Json.Serialization.JsonSerializerContext"/>.</param>
    /// <returns>The data; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The data does not fit <typeparamref name="T"/>.</exception>
    public T GetErrorData<T>(JsonTypeInfo<T> jsonTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(jsonTypeInfo);
        return _data.Deserialize(jsonTypeInfo);
    }

    /// <summary>Converts <see cref="ErrorData"/> to <typeparamref name="T"/> with reflection-based System.Text.Json (camelCase by default).</summary>
    /// <typeparam name="T">The CLR type, e.g. a record with <c>Code</c> and <c>Message</c>.</typeparam>
    /// <param name="options">Serializer options; the Convex converters are layered over them.</param>
    /// <returns>The data; <see langword="default"/> for Convex <c>null</c>.</returns>
    /// <exception cref="ConvexValueException">The data does not fit <typeparamref name="T"/>.</exception>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public T GetErrorData<T>(JsonSerializerOptions? options = null) =>
        ConvexSerializer.FromJson(_data.Utf8, ConvexSerializer.GetConvexTypeInfo<T>(options));
}
