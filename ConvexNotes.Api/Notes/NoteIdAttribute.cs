using System.ComponentModel.DataAnnotations;

namespace ConvexNotes.Api.Notes;

/// <summary>Rejects strings that cannot be a Convex document id (see <see cref="NoteRules.IsWellFormedId"/>) with a 400.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property)]
internal sealed class NoteIdAttribute : ValidationAttribute
{
    public NoteIdAttribute()
        : base($"A note id is 1–{NoteRules.IdMaxLength} ASCII letters and digits.")
    {
    }

    public override bool IsValid(object? value) => value is string id && NoteRules.IsWellFormedId(id);
}
