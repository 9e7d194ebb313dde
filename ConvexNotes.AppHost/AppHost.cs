var builder = DistributedApplication.CreateBuilder(args);

// Convex:Backend = container | emulator | auto (default: the containers when a container runtime answers).
// Container mode adds the backend, the Convex dashboard and the functions push + watcher; emulator mode the emulator.
var convex = builder.AddConvexBackend("convex");

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

// The live notes page (Blazor, interactive server) talks to Convex directly over the sync protocol.
builder.AddProject<Projects.ConvexNotes_Web>("web")
    .WithReference(convex.Backend)
    .WaitFor(convex.Backend)
    .WaitForFunctions(convex)
    .WithServiceHttpEndpoint()
    .WithExternalHttpEndpoints()
    .WithHttpHealthCheck("/health");

builder.Build().Run();
