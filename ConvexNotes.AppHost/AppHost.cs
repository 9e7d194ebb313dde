var builder = DistributedApplication.CreateBuilder(args);

// Convex:Backend = container | emulator | auto (default: the containers when a container runtime answers).
var convex = builder.AddConvex("convex")
    .WithFunctions("../convex")
    .WithDashboard()
    .WithDataVolume()
    // The "Seed sample data" command on convex: appends these notes (convex import --append --table notes).
    .WithSeedData("notes", "seed/notes.jsonl");

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

builder.Build().Run();
