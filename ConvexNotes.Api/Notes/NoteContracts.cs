using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;

namespace ConvexNotes.Api.Notes;

/// <summary>A note as the API returns it; timestamps are UTC and serialize as ISO-8601 with a <c>Z</c>.</summary>
public sealed record NoteResponse(string Id, string Title, string Content, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>The body of <c>POST /notes</c>. Unknown fields are rejected rather than silently dropped.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record CreateNoteRequest(
    [property: Description("1–200 characters after trimming; stored trimmed.")] string Title,
    [property: Description("At most 100,000 characters; empty when omitted.")] string Content = "") : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (NoteRules.CheckTitle(Title) is { } titleError)
        {
            yield return new ValidationResult(titleError, ["title"]);
        }

        if (NoteRules.CheckContent(Content) is { } contentError)
        {
            yield return new ValidationResult(contentError, ["content"]);
        }
    }
}

/// <summary>The body of <c>PATCH /notes/{id}</c>: the fields to change; a missing or null field stays as it is.</summary>
[JsonUnmappedMemberHandling(JsonUnmappedMemberHandling.Disallow)]
public sealed record UpdateNoteRequest(
    [property: Description("1–200 characters after trimming; stored trimmed.")] string? Title = null,
    [property: Description("At most 100,000 characters.")] string? Content = null) : IValidatableObject
{
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Title is null && Content is null)
        {
            yield return new ValidationResult("Give at least one of title and content to change.", ["title", "content"]);
        }

        if (Title is not null && NoteRules.CheckTitle(Title) is { } titleError)
        {
            yield return new ValidationResult(titleError, ["title"]);
        }

        if (Content is not null && NoteRules.CheckContent(Content) is { } contentError)
        {
            yield return new ValidationResult(contentError, ["content"]);
        }
    }
}
