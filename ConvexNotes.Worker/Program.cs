using ConvexNotes.Worker.Extensions;

var builder = WebApplication.CreateBuilder(args);

// Telemetry, health checks (/health, /alive), service discovery, resilience
builder.AddServiceDefaults();

// The Convex client, from ConnectionStrings:convex and Aspire:Convex:Client (reconnect tuning in its ClientOptions).
// Its own health check is left out: it turns Unhealthy the moment the backend stops answering, while the worker's
// health is its subscription's, Degraded first and Unhealthy only after NotesWatcher:UnhealthyAfter.
builder.AddConvexClient("convex", settings => settings.DisableHealthChecks = true);

// The watcher: one live subscription to the notes, a report per change, health from the subscription
builder.AddNotesWatcher();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
