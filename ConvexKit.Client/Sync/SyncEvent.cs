using System.Collections.Immutable;
using ConvexKit.Client.Protocol;

namespace ConvexKit.Client.Sync;

/// <summary>Something the transport or the public client must act on, produced by <see cref="SyncState"/>.</summary>
internal abstract record SyncEvent;

/// <summary>
/// A Transition was applied. <see cref="ChangedQueryIds"/> are the live queries whose result differs from the last
/// published one (byte-for-byte), so a reconnect that re-delivers identical results changes nothing.
/// </summary>
internal sealed record QueriesChanged(ImmutableArray<uint> ChangedQueryIds, QueryResults Results) : SyncEvent;

/// <summary>A mutation or action is resolved (mutations only once a Transition covers their commit timestamp).</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Kind">Mutation or action.</param>
/// <param name="UdfPath">The canonical function path.</param>
/// <param name="Result">The outcome.</param>
/// <param name="ConnectionLost">An action failed locally because its connection dropped; it may or may not have run.</param>
internal sealed record RequestCompleted(uint RequestId, ConvexFunctionKind Kind, string UdfPath, FunctionResult Result, bool ConnectionLost = false) : SyncEvent;

/// <summary>The server confirmed the current identity (a Transition raised <c>endVersion.identity</c>).</summary>
internal sealed record AuthConfirmed(uint IdentityVersion) : SyncEvent;

/// <summary>
/// The server rejected authentication. <see cref="IsStale"/>: it concerns an identity the client has already replaced
/// (JavaScript's <c>baseVersion + 1</c> rule), so it should be ignored.
/// </summary>
internal sealed record AuthErrorReceived(AuthErrorMessage Error, bool IsStale) : SyncEvent;

/// <summary>The server sent <c>FatalError</c>: the client sent something deterministically invalid.</summary>
internal sealed record FatalErrorReceived(string Message) : SyncEvent;

/// <summary>The server broke the protocol (e.g. a Transition from the wrong start version); the socket must be replaced.</summary>
internal sealed record ReconnectRequired(string Reason) : SyncEvent;

/// <summary>A function's <c>console.log</c> output, to be logged under the function-log category.</summary>
internal sealed record FunctionLogLines(ConvexFunctionKind Kind, string UdfPath, ImmutableArray<string> Lines) : SyncEvent;

/// <summary>A message the client ignores, worth a debug log: an unknown type or a response to a request it no longer tracks.</summary>
internal sealed record MessageIgnored(string Description) : SyncEvent;
