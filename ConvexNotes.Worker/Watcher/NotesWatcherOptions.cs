using System.ComponentModel.DataAnnotations;
using ConvexNotes.Notes;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Worker.Watcher;

/// <summary>
/// What the watcher follows and how it reports, bound from the <c>NotesWatcher</c> section, e.g.
/// <c>{ "NotesWatcher": { "FunctionPath": "notes:list", "TitleLogLength": 40, "LagWarningThreshold": "00:00:05",
/// "DegradedAfter": "00:00:00", "UnhealthyAfter": "00:00:30" } }</c>.
/// </summary>
internal sealed class NotesWatcherOptions
{
    public const string SectionName = "NotesWatcher";

    /// <summary>The query to watch. It must return the notes list: an array of notes documents.</summary>
    [Required(ErrorMessage = "NotesWatcher:FunctionPath is required: the query to watch, such as 'notes:list'.")]
    [RegularExpression(@"^[A-Za-z0-9_.]+(/[A-Za-z0-9_.]+)*(:[A-Za-z_][A-Za-z0-9_]*)?$",
        ErrorMessage = "NotesWatcher:FunctionPath must be a Convex function path such as 'notes:list'.")]
    public string FunctionPath { get; set; } = ConvexApi.Notes.List.Path;

    /// <summary>How many characters of a title a log line shows, the ellipsis included: 1 to 200.</summary>
    public int TitleLogLength { get; set; } = 40;

    /// <summary>A change seen later than this after its <c>updatedAt</c> is reported as a warning: 1 ms to a day.</summary>
    public TimeSpan LagWarningThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the watcher may be without a live result (reconnecting, or the query failing) and still report
    /// Healthy: a grace period for blips, zero to a day. Zero reports Degraded from the first moment.
    /// </summary>
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.Zero;

    /// <summary>How long the watcher may be without a live result before it reports Unhealthy: longer than <see cref="DegradedAfter"/>, at most a day.</summary>
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The data-annotation rules above, checked by generated code (no reflection).</summary>
[OptionsValidator]
internal sealed partial class NotesWatcherOptionsValidator : IValidateOptions<NotesWatcherOptions>;

/// <summary>
/// The ranges, and the rules that relate several options to each other. Written out rather than as [Range]
/// attributes: the options validator generator's copy of RangeAttribute ignores ErrorMessage, and a message should
/// name the configuration key to fix.
/// </summary>
internal sealed class NotesWatcherOptionsRules : IValidateOptions<NotesWatcherOptions>
{
    private static readonly TimeSpan s_day = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, NotesWatcherOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (options.TitleLogLength is < 1 or > 200)
        {
            failures.AddError($"NotesWatcher:TitleLogLength ({options.TitleLogLength}) must be between 1 and 200 characters.");
        }

        CheckRange(failures, "LagWarningThreshold", options.LagWarningThreshold, TimeSpan.FromMilliseconds(1));
        CheckRange(failures, "DegradedAfter", options.DegradedAfter, TimeSpan.Zero);
        CheckRange(failures, "UnhealthyAfter", options.UnhealthyAfter, TimeSpan.FromMilliseconds(1));
        if (options.DegradedAfter >= options.UnhealthyAfter)
        {
            failures.AddError(
                $"NotesWatcher:DegradedAfter ({options.DegradedAfter}) must be shorter than NotesWatcher:UnhealthyAfter ({options.UnhealthyAfter}).");
        }

        return failures.Build();
    }

    private static void CheckRange(ValidateOptionsResultBuilder failures, string key, TimeSpan value, TimeSpan minimum)
    {
        if (value < minimum || value > s_day)
        {
            failures.AddError($"NotesWatcher:{key} ({value}) must be between {minimum} and {s_day} (a day).");
        }
    }
}
