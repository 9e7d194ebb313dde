namespace ConvexKit.Client.Diagnostics;

/// <summary>
/// Span, attribute and instrument names, in OpenTelemetry semantic-convention style: the <c>server.*</c> and
/// <c>error.type</c> attributes are the standard ones, the rest live under <c>convex.</c>.
/// </summary>
internal static class ConvexTelemetryNames
{
    public const string FunctionPath = "convex.function.path";
    public const string FunctionType = "convex.function.type";
    public const string Transport = "convex.transport";
    public const string Outcome = "convex.call.outcome";
    public const string BatchSize = "convex.batch.size";
    public const string ServerAddress = "server.address";
    public const string ServerPort = "server.port";
    public const string ErrorType = "error.type";

    public const string CallDuration = "convex.client.call.duration";
    public const string ActiveSubscriptions = "convex.client.active_subscriptions";
    public const string Transitions = "convex.client.transitions";
    public const string Reconnects = "convex.client.reconnects";

    public const string QueryBatchSpan = "convex.query_batch";

    public const string Success = "success";
    public const string Error = "error";
    public const string ConvexError = "convex_error";

    /// <summary>The <c>error.type</c> of a function that failed with a plain error (a ConvexError is <see cref="ConvexError"/>).</summary>
    public const string FunctionError = "function_error";

    public const string Http = "http";
    public const string WebSocket = "websocket";

    public static string TypeName(ConvexFunctionKind kind) => kind switch
    {
        ConvexFunctionKind.Query => "query",
        ConvexFunctionKind.Mutation => "mutation",
        _ => "action",
    };
}
