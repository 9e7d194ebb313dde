using ConvexNotes.Api.Errors;

namespace ConvexNotes.Api.Extensions;

internal static class ProblemExtensions
{
    /// <summary>RFC 7807 problem details for every error, with the exception-to-status mapping in one handler.</summary>
    public static IHostApplicationBuilder AddApiProblems(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(options => options.CustomizeProblemDetails = ProblemDetailsDefaults.Apply);
        builder.Services.AddExceptionHandler<ApiExceptionHandler>();
        return builder;
    }
}
