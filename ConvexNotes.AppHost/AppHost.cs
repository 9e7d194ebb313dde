var builder = DistributedApplication.CreateBuilder(args);

builder.AddProject<Projects.ConvexNotes_Api>("api");
builder.AddProject<Projects.ConvexNotes_Worker>("worker");

builder.Build().Run();
