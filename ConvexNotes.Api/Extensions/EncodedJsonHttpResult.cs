using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;

namespace ConvexNotes.Api.Extensions;

/// <summary>
/// A 200 whose JSON body of type <typeparamref name="TValue"/> was encoded ahead of time (like <c>Ok&lt;TValue&gt;</c>,
/// but without serializing on every request). Its metadata documents <typeparamref name="TValue"/> for OpenAPI.
/// </summary>
internal sealed class EncodedJsonHttpResult<TValue>(ReadOnlyMemory<byte> utf8Json)
    : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = JsonContentType;
        response.ContentLength = utf8Json.Length;
        return response.Body.WriteAsync(utf8Json, httpContext.RequestAborted).AsTask();
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(TValue), ["application/json"]));
}
