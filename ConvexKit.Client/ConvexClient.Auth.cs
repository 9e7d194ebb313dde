using ConvexKit.Client.Engine;

namespace ConvexKit.Client;

public sealed partial class ConvexClient
{
    /// <summary>
    /// Authenticates with JWTs from <paramref name="tokenProvider"/>, as the JavaScript client's <c>setAuth</c>:
    /// the provider is called with <c>forceRefresh: false</c> first (a cached token is fine) while queries and
    /// mutations are held back, then, once the deployment accepts it, with <c>forceRefresh: true</c> for a fresh token,
    /// which is refreshed <see cref="ConvexClientOptions.AuthRefreshLeeway"/> before it expires. When the deployment
    /// rejects a token the provider is asked for a fresh one; after repeated rejections the client continues
    /// unauthenticated and <paramref name="onAuthChange"/> reports <see langword="false"/>.
    /// </summary>
    /// <param name="tokenProvider">
    /// Returns a JWT, or <see langword="null"/> when none can be had (e.g. the user signed out). Its first argument is
    /// <c>forceRefresh</c>: <see langword="true"/> when a cached token must not be returned. Tokens are never logged.
    /// </param>
    /// <param name="onAuthChange">Called (on a thread-pool thread) with <see langword="true"/> once a token is accepted, <see langword="false"/> when auth fails.</param>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public void SetAuth(Func<bool, CancellationToken, ValueTask<string?>> tokenProvider, Action<bool>? onAuthChange = null)
    {
        ArgumentNullException.ThrowIfNull(tokenProvider);
        _engine.Post(new SetTokenProviderItem(tokenProvider, onAuthChange));
    }

    /// <summary>Authenticates with a fixed JWT (no refresh: when it expires the client continues unauthenticated).</summary>
    /// <param name="token">The JWT; never logged.</param>
    /// <exception cref="ArgumentException">The token is empty.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public void SetAuth(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        SetAuth((_, _) => ValueTask.FromResult<string?>(token));
    }

    /// <summary>
    /// Authenticates with the deployment's admin or deploy key (<c>tokenType: "Admin"</c>), optionally acting as
    /// <paramref name="actingAs"/>. Admin identities may call internal functions. Meant for trusted servers and tools.
    /// </summary>
    /// <param name="adminKey">The admin key; never logged.</param>
    /// <param name="actingAs">The user identity the functions should see, or <see langword="null"/> for the admin identity itself.</param>
    /// <exception cref="ArgumentException">The key is empty.</exception>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public void SetAdminAuth(string adminKey, UserIdentityAttributes? actingAs = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(adminKey);
        _engine.Post(new SetAdminAuthItem(adminKey, actingAs));
    }

    /// <summary>Logs out: later queries and mutations run unauthenticated (live queries re-run too).</summary>
    /// <exception cref="ObjectDisposedException">The client was disposed.</exception>
    public void ClearAuth() => _engine.Post(new ClearAuthItem());
}
