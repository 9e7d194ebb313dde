using System.ComponentModel.DataAnnotations;
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
    [Required]
    [RegularExpression(@"^[A-Za-z0-9_.]+(/[A-Za-z0-9_.]+)*(:[A-Za-z_][A-Za-z0-9_]*)?$",
        ErrorMessage = "The FunctionPath must be a Convex function path such as 'notes:list'.")]
    public string FunctionPath { get; set; } = "notes:list";

    /// <summary>How many characters of a title a log line shows, the ellipsis included.</summary>
    [Range(1, 200)]
    public int TitleLogLength { get; set; } = 40;

    /// <summary>A change seen later than this after its <c>updatedAt</c> is reported as a warning.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan LagWarningThreshold { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the watcher may be without a live result (reconnecting, or the query failing) and still report
    /// Healthy: a grace period for blips. Zero reports Degraded from the first moment.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "1.00:00:00")]
    public TimeSpan DegradedAfter { get; set; } = TimeSpan.Zero;

    /// <summary>How long the watcher may be without a live result before it reports Unhealthy. Longer than <see cref="DegradedAfter"/>.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan UnhealthyAfter { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The data-annotation rules above, checked by generated code (no reflection).</summary>
[OptionsValidator]
internal sealed partial class NotesWatcherOptionsValidator : IValidateOptions<NotesWatcherOptions>;

/// <summary>The rules that relate several options to each other.</summary>
internal sealed class NotesWatcherOptionsRules : IValidateOptions<NotesWatcherOptions>
{
    public ValidateOptionsResult Validate(string? name, NotesWatcherOptions options) =>
        options.DegradedAfter < options.UnhealthyAfter
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"NotesWatcher:DegradedAfter ({options.DegradedAfter}) must be shorter than NotesWatcher:UnhealthyAfter ({options.UnhealthyAfter}).");
}
