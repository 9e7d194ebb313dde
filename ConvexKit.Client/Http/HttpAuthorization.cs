using System.Net.Http.Headers;
using ConvexKit.Client.Values;

namespace ConvexKit.Client.Http;

/// <summary>
/// The <c>Authorization</c> header of one identity (crates/local_backend/src/authentication.rs): <c>Bearer &lt;jwt&gt;</c> for a user,
/// <c>Convex &lt;admin key&gt;[:&lt;base64 JSON identity&gt;]</c> for an admin, optionally acting as a user.
/// Immutable, so a client can swap identities atomically; <see cref="ToString"/> never prints the secret.
/// </summary>
internal sealed class HttpAuthorization
{
    private readonly AuthenticationHeaderValue _header;

    private HttpAuthorization(string scheme, string parameter, string description)
    {
        _header = new AuthenticationHeaderValue(scheme, parameter);
        Description = description;
    }

    /// <summary>Gets what kind of identity this is, without the secret: <c>user</c>, <c>admin</c> or <c>admin acting as a user</c>.</summary>
    public string Description { get; }

    public static HttpAuthorization User(string token) => new("Bearer", CheckSecret(token, nameof(token)), "user");

    public static HttpAuthorization Admin(string adminKey, UserIdentityAttributes? actingAs)
    {
        CheckSecret(adminKey, nameof(adminKey));
        if (actingAs is null)
        {
            return new("Convex", adminKey, "admin");
        }

        // What the JavaScript client's setAdminAuth(key, actingAs) sends: the identity as base64 JSON after the key.
        var identity = new ConvexObject(actingAs.ToFields().Select(f => new KeyValuePair<string, ConvexValue?>(f.Name, f.Value)));
        return new("Convex", $"{adminKey}:{Convert.ToBase64String(identity.ToUtf8Json())}", "admin acting as a user");
    }

    public void Apply(HttpRequestMessage request) => request.Headers.Authorization = _header;

    public override string ToString() => Description;

    private static string CheckSecret(string secret, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(secret, name);

        // Never echo the value: it is a credential.
        return secret.Any(char.IsControl) || secret != secret.Trim()
            ? throw new ArgumentException("The credential must not contain control characters or surrounding whitespace.", name)
            : secret;
    }
}
