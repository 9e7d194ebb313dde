namespace ConvexNotes.Web.Notes;

internal static class NotesUiExtensions
{
    /// <summary>The notes page's options (validated on start) and its traced Convex actions.</summary>
    public static IHostApplicationBuilder AddNotesUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotesUiOptions>()
            .BindConfiguration(NotesUiOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<NoteActions>();
        return builder;
    }
}
