using ConvexKit.Client.Values;

namespace ConvexKit.Client.Http;

/// <summary>One query of a <see cref="ConvexHttpClient.QueryBatchAsync"/> batch.</summary>
/// <param name="FunctionPath">The query, such as <c>notes:get</c>.</param>
/// <param name="Args">The arguments object; none when <see langword="null"/>.</param>
public sealed record ConvexQueryRequest(string FunctionPath, ConvexObject? Args = null);
