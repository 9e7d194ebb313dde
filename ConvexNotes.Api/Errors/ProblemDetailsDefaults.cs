using ConvexNotes.Api.Notes;

namespace ConvexNotes.Api.Errors;

/// <summary>
/// Fills in what a problem lacks, so that every error body says what went wrong, including the ones the framework
/// writes itself (no route, wrong method, oversized body, validation).
/// </summary>
internal static class ProblemDetailsDefaults
{
    public static void Apply(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var request = context.HttpContext.Request;
        problem.Instance ??= request.Path;
        problem.Detail ??= problem switch
        {
            HttpValidationProblemDetails { Errors.Count: > 0 } validation =>
                string.Join(" ", validation.Errors.SelectMany(error => error.Value).Distinct()),
            _ => problem.Status switch
            {
                StatusCodes.Status404NotFound => $"There is nothing at {request.Path}.",
                StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not accept {request.Method}.",
                StatusCodes.Status413PayloadTooLarge => $"The request body is larger than the limit of {NoteRules.MaxBodyBytes / 1024} KB.",
                StatusCodes.Status415UnsupportedMediaType => "The request body must be JSON, sent with Content-Type: application/json.",
                _ => null,
            },
        };
    }
}
