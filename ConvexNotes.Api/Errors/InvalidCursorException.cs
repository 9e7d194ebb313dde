namespace ConvexNotes.Api.Errors;

/// <summary>A <c>cursor</c> that Convex refused: not one it issued, damaged, or from another listing. The caller's fault (400).</summary>
internal sealed class InvalidCursorException(Exception innerException)
    : Exception("The cursor is not one this listing issued; start again without a cursor.", innerException);
