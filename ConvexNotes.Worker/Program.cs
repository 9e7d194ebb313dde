using ConvexNotes.Worker.Extensions;

var builder = WebApplication.CreateBuilder(args);

// Telemetry, health checks (/health, /alive), service discovery, resilience
builder.AddServiceDefaults();

// The Convex client, from ConnectionStrings:convex
builder.AddConvexClientShim("convex");

// The watcher: one live subscription to the notes, a report per change, health from the subscription
builder.AddNotesWatcher();

var app = builder.Build();

app.MapDefaultEndpoints();

app.Run();
