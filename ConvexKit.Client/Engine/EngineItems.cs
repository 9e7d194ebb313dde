using System.Buffers;
using ConvexKit.Client.Transport;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Engine;

/// <summary>Work for the engine: commands from API calls and events from connections and timers, handled one at a time.</summary>
internal abstract record EngineItem;

/// <summary>Connect for the first time (posted once, by <see cref="SyncEngine.Start"/>).</summary>
internal sealed record StartItem : EngineItem
{
    public static StartItem Instance { get; } = new();
}

internal sealed record SubscribeItem(ConvexSubscription Subscription) : EngineItem;

internal sealed record UnsubscribeItem(ConvexSubscription Subscription) : EngineItem;

internal sealed record CallItem(PendingCall Call) : EngineItem;

internal sealed record StopItem(TaskCompletionSource Stopped) : EngineItem;

/// <summary>Authenticate with tokens from <see cref="Provider"/> (forceRefresh, cancellation) → JWT or <see langword="null"/>.</summary>
internal sealed record SetTokenProviderItem(
    Func<bool, CancellationToken, ValueTask<string?>> Provider, Action<bool>? OnChange) : EngineItem;

internal sealed record SetAdminAuthItem(string Key, UserIdentityAttributes? ActingAs) : EngineItem;

internal sealed record ClearAuthItem : EngineItem;

internal sealed record TokenFetchedItem(int FetchId, string? Token) : EngineItem;

internal sealed record RefreshDueItem(int RefreshId) : EngineItem;

/// <summary>An item about one connection attempt; ignored once that attempt is no longer current.</summary>
internal abstract record ConnectionItem(int Epoch) : EngineItem;

internal sealed record OpenedItem(int Epoch, ISyncConnection Socket) : ConnectionItem(Epoch);

internal sealed record OpenFailedItem(int Epoch, Exception Error) : ConnectionItem(Epoch);

/// <summary>
/// A received frame: <see cref="Frame"/> itself, or its first <see cref="PooledLength"/> bytes when it is a pooled array
/// (see <see cref="SyncReceiveResult.Pooled"/>). Its connection reuses it for a later frame once the engine has
/// handled it, so it is filled in place: by the receive loop before it is posted, read by the engine after.
/// </summary>
internal sealed record FrameItem(int Epoch) : ConnectionItem(Epoch)
{
    public byte[] Frame { get; private set; } = [];

    public int PooledLength { get; private set; } = -1;

    public ReadOnlyMemory<byte> Memory => PooledLength >= 0 ? Frame.AsMemory(0, PooledLength) : Frame;

    public FrameItem Fill(byte[] frame, int pooledLength)
    {
        Frame = frame;
        PooledLength = pooledLength;
        return this;
    }

    /// <summary>Gives a pooled frame's array back, once nothing refers to its bytes any more, and empties the item.</summary>
    public void Release()
    {
        if (PooledLength >= 0)
        {
            ArrayPool<byte>.Shared.Return(Frame);
        }

        Frame = [];
        PooledLength = -1;
    }
}

internal sealed record ClosedItem(int Epoch, int? CloseStatus, string? CloseReason) : ConnectionItem(Epoch);

internal sealed record SendFailedItem(int Epoch) : ConnectionItem(Epoch);

internal sealed record InactiveItem(int Epoch) : ConnectionItem(Epoch);

internal sealed record ReconnectDueItem(int Epoch) : ConnectionItem(Epoch);

/// <summary>An awaited mutation or action; it is its own completion source (one object less per call).</summary>
internal sealed class PendingCall(ConvexFunctionKind kind, string functionPath, ConvexObject args)
    : TaskCompletionSource<FunctionResult>(TaskCreationOptions.RunContinuationsAsynchronously)
{
    public ConvexFunctionKind Kind { get; } = kind;

    public string FunctionPath { get; } = functionPath;

    public ConvexObject Args { get; } = args;

    public TaskCompletionSource<FunctionResult> Completion => this;
}
