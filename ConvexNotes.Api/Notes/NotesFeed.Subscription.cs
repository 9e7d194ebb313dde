namespace ConvexNotes.Api.Notes;

internal sealed partial class NotesFeed
{
    // REVIEW: the subscription arrives with the WebSocket ConvexClient; until then reads fall back to queries.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.CompletedTask;
}
