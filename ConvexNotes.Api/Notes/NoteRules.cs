using System.Buffers;

namespace ConvexNotes.Api.Notes;

/// <summary>The input rules of the notes API, in one place (convex/lib/validation.ts enforces the same limits).</summary>
internal static class NoteRules
{
    public const int TitleMaxLength = 200;
    public const int ContentMaxLength = 100_000;
    public const long MaxBodyBytes = 256 * 1024;

    // Convex ids are opaque, but every id the backend mints (base32 on the real backend, digits and the table name on
    // the emulator) is a short run of ASCII letters and digits; anything else cannot name a note.
    public const int IdMaxLength = 64;

    private static readonly SearchValues<char> s_idCharacters =
        SearchValues.Create("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");

    public static bool IsWellFormedId(string? id) =>
        id is { Length: > 0 and <= IdMaxLength } && !id.AsSpan().ContainsAnyExcept(s_idCharacters);

    /// <summary>Returns why the title is invalid after trimming, or null when it is fine.</summary>
    public static string? CheckTitle(string? title)
    {
        var length = title?.Trim().Length ?? 0;
        return length switch
        {
            0 => "The title must not be empty or only whitespace.",
            > TitleMaxLength => $"The title must be at most {TitleMaxLength} characters after trimming (it has {length}).",
            _ => null,
        };
    }

    /// <summary>Returns why the content is invalid, or null when it is fine.</summary>
    public static string? CheckContent(string? content) =>
        content?.Length > ContentMaxLength
            ? $"The content must be at most {ContentMaxLength:N0} characters (it has {content!.Length:N0})."
            : null;
}
