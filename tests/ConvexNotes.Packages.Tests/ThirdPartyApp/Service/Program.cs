using ConvexKit.Client;
using ConvexKit.Client.Values;

var builder = WebApplication.CreateBuilder(args);

// ConnectionStrings:convex comes from the AppHost's WithReference(convex).
builder.AddConvexClient("convex");

var app = builder.Build();

app.MapHealthChecks("/health");
app.MapGet("/greeting", async (string name, ConvexClient convex, CancellationToken cancellationToken) =>
    (await convex.QueryAsync("greetings:hello", ConvexObject.Of(("name", name)), cancellationToken)).AsString());

app.Run();
