using Scalar.AspNetCore;

namespace ConvexNotes.Api.Extensions;

internal static class ApiDocsExtensions
{
    /// <summary>The OpenAPI document, built from the endpoints' metadata.</summary>
    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "ConvexNotes API";
            document.Info.Description = "Notes stored in Convex: CRUD and a live Server-Sent Events stream.";
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// In Development: the document at <c>/openapi/v1.json</c> and an interactive page at <c>/scalar</c>. Scalar serves
    /// its script from the package itself; web fonts, telemetry and the AI agent are off, so the page loads nothing
    /// from the internet.
    /// </summary>
    public static WebApplication MapApiDocs(this WebApplication app)
    {
        if (app.Environment.IsDevelopment())
        {
            app.MapOpenApi();
            app.MapScalarApiReference(options => options
                .WithTitle("ConvexNotes API")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp());
        }

        return app;
    }
}
