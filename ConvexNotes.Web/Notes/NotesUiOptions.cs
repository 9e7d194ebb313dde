using System.ComponentModel.DataAnnotations;

namespace ConvexNotes.Web.Notes;

/// <summary>Settings of the notes page (section <c>Notes</c>).</summary>
public sealed class NotesUiOptions
{
    public const string SectionName = "Notes";

    /// <summary>Gets or sets how many notes a page loads (the first one, and each one scrolling adds).</summary>
    [Range(1, 100)]
    public int PageSize { get; set; } = 20;
}
