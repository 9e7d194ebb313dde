using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Api.Notes;

/// <summary>
/// Tuning of the notes API, bound from the <c>Notes</c> section, e.g.
/// <c>{ "Notes": { "HeartbeatInterval": "00:00:15", "BackendTimeout": "00:00:10", "RetryAfter": "00:00:05" } }</c>.
/// </summary>
internal sealed class NotesOptions
{
    public const string SectionName = "Notes";

    /// <summary>How often an idle event stream sends a comment, so proxies and clients see the connection is alive.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long one call to Convex may take before the request fails with 503.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan BackendTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The <c>Retry-After</c> a 503 carries: roughly how long a reconnect to Convex takes.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}

[OptionsValidator]
internal sealed partial class NotesOptionsValidator : IValidateOptions<NotesOptions>;
