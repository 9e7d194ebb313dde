using System.Globalization;
using ConvexKit.Client;
using ConvexKit.Client.Http;
using ConvexKit.Client.Values;
using ConvexNotes.Api.Notes;
using ConvexNotes.Notes;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ConvexNotes.Api.Errors;

/// <summary>
/// The one place where failures become HTTP statuses: Convex domain errors by their <c>code</c>, an unreachable or slow
/// backend as 503 with <c>Retry-After</c>, unreadable requests by their status. Every answer is a problem details body.
/// </summary>
internal sealed class ApiExceptionHandler(
    IProblemDetailsService problemDetails, IOptions<NotesOptions> options, ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (Map(httpContext, exception) is not { } problem)
        {
            return false;
        }

        httpContext.Response.StatusCode = problem.Status!.Value;
        if (problem.Status == StatusCodes.Status503ServiceUnavailable)
        {
            httpContext.Response.Headers.RetryAfter =
                ((int)options.Value.RetryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        }

        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private ProblemDetails? Map(HttpContext httpContext, Exception exception)
    {
        switch (exception)
        {
            case BadHttpRequestException badRequest:
                return Problem(badRequest.StatusCode, RequestBodyErrors.Describe(badRequest, httpContext.Request));

            case InvalidCursorException invalidCursor:
                return Problem(StatusCodes.Status400BadRequest, invalidCursor.Message);

            case ConvexErrorException convexError:
                return FromConvexError(convexError);

            case ConvexFunctionException functionFailure:
                // The function itself failed (a bug or a deployment out of step with this API): not the caller's fault,
                // and the server's text may hold internals, so it is logged rather than returned.
                logger.ConvexFunctionFailed(functionFailure.FunctionPath, functionFailure.GetType().Name);
                return Problem(StatusCodes.Status502BadGateway, $"The notes backend failed to run {functionFailure.FunctionPath}.");

            case BackendUnavailableException or ConvexRequestException or TimeoutException:
                logger.BackendUnavailable(exception.GetType().Name, exception.Message);
                return Problem(StatusCodes.Status503ServiceUnavailable, "The notes backend is unreachable right now; retry shortly.");

            default:
                return null;
        }
    }

    private ProblemDetails FromConvexError(ConvexErrorException exception)
    {
        NoteErrorData? data;
        try
        {
            data = exception.GetErrorData(NoteErrorDataJsonContext.Default.NoteErrorData);
        }
        catch (ConvexValueException)
        {
            data = null;
        }

        return data?.Code switch
        {
            "NOT_FOUND" => Problem(StatusCodes.Status404NotFound, data.Message),
            "INVALID_ARGUMENT" => Problem(StatusCodes.Status400BadRequest, data.Message),
            _ => UnknownConvexError(exception, data?.Code),
        };
    }

    private ProblemDetails UnknownConvexError(ConvexErrorException exception, string? code)
    {
        logger.UnknownConvexErrorCode(exception.FunctionPath, code ?? "(none)");
        return Problem(StatusCodes.Status502BadGateway, $"The notes backend refused the request ({code ?? "no error code"}).");
    }

    private static ProblemDetails Problem(int status, string? detail) => new() { Status = status, Detail = detail };
}
