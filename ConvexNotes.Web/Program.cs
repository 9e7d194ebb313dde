using ConvexNotes.Web.Components;
using ConvexNotes.Web.Notes;
using Microsoft.FluentUI.AspNetCore.Components;

var builder = WebApplication.CreateBuilder(args);

// Telemetry (this app's ActivitySource is traced under its application name), health checks, service discovery
builder.AddServiceDefaults();

// The Convex client, from ConnectionStrings:convex, with its health check, traces and metrics; one for all circuits
builder.AddConvexClient("convex");

// The notes page: its options and the traced actions
builder.AddNotesUi();

// Blazor with interactive server rendering, and the Fluent UI components
builder.Services.AddRazorComponents().AddInteractiveServerComponents();
builder.Services.AddFluentUIComponents();

var app = builder.Build();

if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseAntiforgery();
app.MapDefaultEndpoints();
app.MapStaticAssets();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

app.Run();
