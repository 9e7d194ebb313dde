using System.Diagnostics.CodeAnalysis;

namespace ConvexNotes.Notes;

/// <summary>Notes decoded from a function result, or why there are none (<see cref="NoteResults"/>).</summary>
/// <typeparam name="T">What was decoded: a list, or a page.</typeparam>
public sealed class NotesDecoded<T>
    where T : class
{
    private NotesDecoded(T? value, string? failure)
    {
        Value = value;
        Failure = failure;
    }

    /// <summary>Gets the decoded notes, or null when decoding failed.</summary>
    public T? Value { get; }

    /// <summary>
    /// Gets why there are no notes, in words safe to log: "ConvexError", "function error", or where the value had an
    /// unexpected shape. Never the server's message, which can quote documents and so user content.
    /// </summary>
    public string? Failure { get; }

    /// <summary>Gets a value indicating whether <see cref="Value"/> holds the notes.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Value is not null;

    internal static NotesDecoded<T> Success(T value) => new(value, null);

    internal static NotesDecoded<T> Failed(string failure) => new(null, failure);
}
