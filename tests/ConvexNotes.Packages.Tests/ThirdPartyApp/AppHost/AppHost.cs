var builder = DistributedApplication.CreateBuilder(args);

// Convex:Backend (configuration) picks container or emulator mode; the test runs the emulator.
var convex = builder.AddConvex("convex")
    .WithFunctions("../convex");

builder.AddProject<Projects.Service>("service")
    .WithHttpEndpoint()
    .WithHttpHealthCheck("/health")
    .WithReference(convex)
    .WaitFor(convex);

builder.Build().Run();
