using ConvexNotes.Api.Notes;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Api.Extensions;

internal static class NotesExtensions
{
    /// <summary>The notes feature: options, the shared live feed, the store, strict JSON and request validation.</summary>
    public static IHostApplicationBuilder AddNotes(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<NotesOptions>().BindConfiguration(NotesOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<NotesOptions>, NotesOptionsValidator>();

        builder.Services.AddSingleton<NotesFeed>();
        builder.Services.AddHostedService(services => services.GetRequiredService<NotesFeed>());
        builder.Services.AddSingleton<NotesStore>();
        builder.Services.AddHealthChecks().AddCheck<NotesFeedHealthCheck>("notes-feed");

        builder.Services.ConfigureHttpJsonOptions(options =>
        {
            // Strict bodies: null where the contract says string, or a missing required field, is a 400.
            options.SerializerOptions.RespectNullableAnnotations = true;
            options.SerializerOptions.RespectRequiredConstructorParameters = true;

            // {"title":"a","title":"b"} is a 400: letting the last one win would store what the sender may not have meant.
            options.SerializerOptions.AllowDuplicateProperties = false;
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, NotesJsonContext.Default);
        });

        // Bad bodies throw, so ApiExceptionHandler answers every one of them with a problem, in every environment.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddValidation();

        return builder;
    }
}
