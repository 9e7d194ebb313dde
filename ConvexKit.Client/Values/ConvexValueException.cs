namespace ConvexKit.Client.Values;

/// <summary>
/// A value cannot be represented in the Convex data model, or Convex-JSON cannot be decoded: an unsupported CLR type
/// (such as <see cref="Guid"/>, <see cref="DateTime"/> or <see cref="decimal"/>), an invalid field name, a value over
/// one of Convex's limits, or malformed Convex-JSON. It is thrown before anything is sent.
/// </summary>
public sealed class ConvexValueException : ConvexException
{
    /// <summary>Creates an exception with a default message.</summary>
    public ConvexValueException()
        : this("The value is not a valid Convex value.")
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/>.</summary>
    /// <param name="message">What is wrong with the value.</param>
    public ConvexValueException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with <paramref name="message"/> caused by <paramref name="innerException"/>.</summary>
    /// <param name="message">What is wrong with the value.</param>
    /// <param name="innerException">The cause.</param>
    public ConvexValueException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception about the value at <paramref name="path"/>.</summary>
    /// <param name="message">What is wrong with the value.</param>
    /// <param name="path">The JSON path of the offending value, such as <c>$.tags[2]</c>.</param>
    /// <param name="clrType">The CLR type that could not be converted, when one is to blame.</param>
    /// <param name="innerException">The cause.</param>
    public ConvexValueException(string message, string? path, Type? clrType, Exception? innerException = null)
        : base(message, innerException)
    {
        Path = path;
        ClrType = clrType;
    }

    /// <summary>Gets the JSON path of the offending value (such as <c>$.tags[2]</c>), when known.</summary>
    public string? Path { get; }

    /// <summary>Gets the CLR type that could not be converted, when a type is to blame.</summary>
    public Type? ClrType { get; }
}
