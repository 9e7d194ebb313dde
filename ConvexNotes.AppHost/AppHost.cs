var builder = DistributedApplication.CreateBuilder(args);

// Convex:Backend = container | emulator | auto (default: the containers when a container runtime answers).
// Container mode adds the backend, the Convex dashboard and the functions push + watcher; emulator mode the emulator.
var convex = builder.AddConvexBackend("convex");
// The "Seed sample data" command on convex: appends these notes (convex import --append --table notes).
convex.Backend.WithSeedData("notes", "seed/notes.jsonl");

builder.AddProject<Projects.ConvexNotes_Api>("api")
    .WithReference(convex.Backend)
    .WaitFor(convex.Backend)
    .WaitForFunctions(convex)
    .WithServiceHttpEndpoint()
    .WithHttpHealthCheck("/health");

builder.AddProject<Projects.ConvexNotes_Worker>("worker")
    .WithReference(convex.Backend)
    .WaitFor(convex.Backend)
    .WaitForFunctions(convex)
    .WithServiceHttpEndpoint()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
