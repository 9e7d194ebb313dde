var builder = DistributedApplication.CreateBuilder(args);

// Convex:Backend = container | emulator | auto (default: the containers when a container runtime answers).
var convex = builder.AddConvex("convex")
    .WithFunctions("../convex")
    .WithDashboard()
    .WithDataVolume()
    // The "Seed sample data" command on convex: appends these notes (convex import --append --table notes).
    .WithSeedData("notes", "seed/notes.jsonl");

// Keeps convex/_generated/functionSpec.json, which the services' typed Convex functions are generated from, in step
// with edits under convex/, so the next build of a service sees them (docs/typed-functions.md).
builder.AddExecutable("function-spec", "node", Path.GetFullPath(Path.Combine(builder.AppHostDirectory, "..")),
    "--import", "tsx", "tools/function-spec/write-spec.ts", "--watch");

builder.AddProject<Projects.ConvexNotes_Api>("api")
    .WithReference(convex)
    .WaitFor(convex)
    .WithServiceHttpEndpoint()
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.ConvexNotes_Worker>("worker")
    .WithReference(convex)
    .WaitFor(convex)
    .WithServiceHttpEndpoint()
    .WithHttpHealthCheck("/health");

// The live notes page (Blazor, interactive server) talks to Convex directly over the sync protocol.
builder.AddProject<Projects.ConvexNotes_Web>("web")
    .WithReference(convex)
    .WaitFor(convex)
    .WithServiceHttpEndpoint()
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
