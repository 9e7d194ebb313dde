using ConvexKit.Client;
using ConvexKit.Client.Values;
using ConvexNotes.Notes;

namespace ConvexNotes.Web.Notes;

/// <summary>What went wrong with a save, placed where a person looks: next to the field it concerns, or above the form.</summary>
public sealed record NoteFormErrors(string? Title, string? Content, string? Form)
{
    public static NoteFormErrors None { get; } = new(null, null, null);

    public bool Any => Title is not null || Content is not null || Form is not null;

    /// <summary>Places a failed save: a ConvexError by its field and code, anything else above the form.</summary>
    public static NoteFormErrors From(Exception exception) => exception switch
    {
        ConvexErrorException convexError => FromConvexError(convexError),
        TimeoutException or OperationCanceledException => new(null, null, "Convex did not answer in time; the change may still be applied."),
        ConvexConnectionLostException => new(null, null, "The connection to Convex was lost; try again once it is back."),
        _ => new(null, null, "Convex could not save the note."),
    };

    private static NoteFormErrors FromConvexError(ConvexErrorException exception)
    {
        NoteErrorData? data;
        try
        {
            data = exception.GetErrorData(NoteErrorDataJsonContext.Default.NoteErrorData);
        }
        catch (ConvexValueException)
        {
            data = null;
        }

        if (data is null)
        {
            return new(null, null, "Convex refused the note.");
        }

        var text = $"{data.Message} ({data.Code})";
        return data.Field switch
        {
            "title" => new(text, null, null),
            "content" => new(null, text, null),
            _ => new(null, null, text),
        };
    }
}
