using ConvexNotes.Worker.Extensions;

var builder = WebApplication.CreateBuilder(args);

// Telemetry, health checks (/health, /alive), service discovery, resilience
builder.AddServiceDefaults();

// The Convex client, from ConnectionStrings:convex (reconnect tuning from Convex:Client)
builder.AddConvexClient("convex", WatcherConvexClient.Settings, WatcherConvexClient.Options(builder.Configuration));

// The watcher: one live subscription to the notes, a report per change, health from the subscription
builder.AddNotesWatcher();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
