namespace ConvexKit.Client.Protocol;

/// <summary><c>Authenticate</c>: sets the connection's identity; <see cref="BaseVersion"/> counts identities accepted so far.</summary>
internal sealed record AuthenticateMessage(uint BaseVersion, AuthenticationToken Token) : ClientMessage
{
    public override string Type => "Authenticate";
}

/// <summary>The identity to authenticate as. <see cref="ToString"/> never prints the token or key.</summary>
internal abstract record AuthenticationToken
{
    private protected AuthenticationToken()
    {
    }

    public abstract string TokenType { get; }

    /// <summary>A user's JWT (OIDC or custom auth).</summary>
    public sealed record User(string Token) : AuthenticationToken
    {
        public override string TokenType => "User";

        public override string ToString() => "User(token: <redacted>)";
    }

    /// <summary>An admin or deploy key, optionally acting as a user (<c>impersonating</c>).</summary>
    public sealed record Admin(string Key, UserIdentityAttributes? Impersonating) : AuthenticationToken
    {
        public override string TokenType => "Admin";

        public override string ToString() => Impersonating is null ? "Admin(key: <redacted>)" : "Admin(key: <redacted>, impersonating)";
    }

    /// <summary>Logged out.</summary>
    public sealed record None : AuthenticationToken
    {
        public static None Instance { get; } = new();

        public override string TokenType => "None";

        public override string ToString() => "None";
    }
}
