using ConvexKit.Client.Values;

namespace ConvexKit.Client.Protocol;

/// <summary>A mutation or action request; one request-id counter serves both.</summary>
internal abstract record RequestMessage(uint RequestId, string UdfPath, ConvexObject Args) : ClientMessage;

/// <summary><c>Mutation</c>.</summary>
internal sealed record MutationMessage(uint RequestId, string UdfPath, ConvexObject Args) : RequestMessage(RequestId, UdfPath, Args)
{
    public override string Type => "Mutation";
}

/// <summary><c>Action</c>.</summary>
internal sealed record ActionMessage(uint RequestId, string UdfPath, ConvexObject Args) : RequestMessage(RequestId, UdfPath, Args)
{
    public override string Type => "Action";
}
