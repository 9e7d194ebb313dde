using ConvexKit.Client.Values;

namespace ConvexKit.Client.Transport;

/// <summary>Work for the pump: commands from API calls and events from connections and timers, handled one at a time.</summary>
internal abstract record PumpItem;

internal sealed record SubscribeItem(ConvexSubscription Subscription) : PumpItem;

internal sealed record UnsubscribeItem(ConvexSubscription Subscription) : PumpItem;

internal sealed record CallItem(PendingCall Call) : PumpItem;

internal sealed record StopItem(TaskCompletionSource Stopped) : PumpItem;

/// <summary>An item about one connection attempt; ignored once that attempt is no longer current.</summary>
internal abstract record ConnectionItem(int Epoch) : PumpItem;

internal sealed record OpenedItem(int Epoch, ISyncConnection Socket) : ConnectionItem(Epoch);

internal sealed record OpenFailedItem(int Epoch, Exception Error) : ConnectionItem(Epoch);

internal sealed record FrameItem(int Epoch, byte[] Frame) : ConnectionItem(Epoch);

internal sealed record ClosedItem(int Epoch, int? CloseStatus, string? CloseReason) : ConnectionItem(Epoch);

internal sealed record InactiveItem(int Epoch) : ConnectionItem(Epoch);

internal sealed record ReconnectDueItem(int Epoch) : ConnectionItem(Epoch);

/// <summary>An awaited mutation or action.</summary>
internal sealed class PendingCall(ConvexFunctionKind kind, string functionPath, ConvexObject args)
{
    public ConvexFunctionKind Kind { get; } = kind;

    public string FunctionPath { get; } = functionPath;

    public ConvexObject Args { get; } = args;

    public TaskCompletionSource<FunctionResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
