namespace ConvexKit.Client;

/// <summary>The three kinds of Convex function a client can call.</summary>
public enum ConvexFunctionKind
{
    /// <summary>A read-only, deterministic, cacheable function (<c>query</c>).</summary>
    Query,

    /// <summary>A transactional write (<c>mutation</c>).</summary>
    Mutation,

    /// <summary>A function with side effects outside the database (<c>action</c>).</summary>
    Action,
}
