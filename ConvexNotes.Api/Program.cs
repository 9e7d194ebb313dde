using ConvexNotes.Api.Extensions;
using ConvexNotes.Api.Notes;

var builder = WebApplication.CreateBuilder(args);

// Telemetry, health checks, service discovery, resilience
builder.AddServiceDefaults();

// The Convex client, from ConnectionStrings:convex, with its traces and metrics. Its own health check is left out: the
// notes-feed check covers the same connection and reports an outage as Degraded, not Unhealthy, because reads keep
// serving the last list while Convex is away (writes answer 503).
builder.AddConvexClient("convex", settings => settings.DisableHealthChecks = true);

// Notes: the live feed, the store, strict JSON, validation
builder.AddNotes();

// Problem details for every error; Convex failures mapped in one place
builder.AddApiProblems();

// OpenAPI document (and the interactive page in Development)
builder.AddApiDocs();

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();

app.MapDefaultEndpoints();
app.MapApiDocs();
app.MapNotesApi();

app.Run();
