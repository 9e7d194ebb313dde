using ConvexKit.Client.Values;

namespace ConvexKit.Client;

/// <summary>
/// The identity an admin key acts as (<c>impersonating</c> in the protocol), e.g. to test authorization rules.
/// Give <see cref="TokenIdentifier"/>, or both <see cref="Issuer"/> and <see cref="Subject"/>; any other claims go in
/// <see cref="CustomClaims"/>. <see cref="ToString"/> does not print the values, which are personal data.
/// </summary>
public sealed record UserIdentityAttributes
{
    /// <summary>Gets the stable identifier <c>"&lt;issuer&gt;|&lt;subject&gt;"</c>.</summary>
    public string? TokenIdentifier { get; init; }

    /// <summary>Gets the issuer (<c>iss</c>).</summary>
    public string? Issuer { get; init; }

    /// <summary>Gets the subject (<c>sub</c>).</summary>
    public string? Subject { get; init; }

    /// <summary>Gets the full name.</summary>
    public string? Name { get; init; }

    /// <summary>Gets the given name.</summary>
    public string? GivenName { get; init; }

    /// <summary>Gets the family name.</summary>
    public string? FamilyName { get; init; }

    /// <summary>Gets the nickname.</summary>
    public string? Nickname { get; init; }

    /// <summary>Gets the preferred username.</summary>
    public string? PreferredUsername { get; init; }

    /// <summary>Gets the profile URL.</summary>
    public string? ProfileUrl { get; init; }

    /// <summary>Gets the picture URL.</summary>
    public string? PictureUrl { get; init; }

    /// <summary>Gets the website URL.</summary>
    public string? WebsiteUrl { get; init; }

    /// <summary>Gets the email address.</summary>
    public string? Email { get; init; }

    /// <summary>Gets whether the email address is verified.</summary>
    public bool? EmailVerified { get; init; }

    /// <summary>Gets the gender.</summary>
    public string? Gender { get; init; }

    /// <summary>Gets the birthday.</summary>
    public string? Birthday { get; init; }

    /// <summary>Gets the time zone.</summary>
    public string? Timezone { get; init; }

    /// <summary>Gets the language.</summary>
    public string? Language { get; init; }

    /// <summary>Gets the phone number.</summary>
    public string? PhoneNumber { get; init; }

    /// <summary>Gets whether the phone number is verified.</summary>
    public bool? PhoneNumberVerified { get; init; }

    /// <summary>Gets the address.</summary>
    public string? Address { get; init; }

    /// <summary>Gets when the profile was last updated (RFC 3339).</summary>
    public string? UpdatedAt { get; init; }

    /// <summary>Gets any other claims, sent after the standard ones.</summary>
    public ConvexObject? CustomClaims { get; init; }

    /// <summary>Lists which attributes are set, without their values.</summary>
    /// <returns>A description.</returns>
    public override string ToString() =>
        $"UserIdentityAttributes {{ {string.Join(", ", ToFields().Select(f => f.Name))} }}";

    /// <summary>The attributes in the documented order (npm-packages/convex/src/server/authentication.ts, UserIdentity), which is the wire order.</summary>
    internal IEnumerable<(string Name, ConvexValue Value)> ToFields()
    {
        (string Name, object? Value)[] standard =
        [
            ("tokenIdentifier", TokenIdentifier), ("issuer", Issuer), ("subject", Subject), ("name", Name), ("givenName", GivenName),
            ("familyName", FamilyName), ("nickname", Nickname), ("preferredUsername", PreferredUsername), ("profileUrl", ProfileUrl),
            ("pictureUrl", PictureUrl), ("websiteUrl", WebsiteUrl), ("email", Email), ("emailVerified", EmailVerified),
            ("gender", Gender), ("birthday", Birthday), ("timezone", Timezone), ("language", Language), ("phoneNumber", PhoneNumber),
            ("phoneNumberVerified", PhoneNumberVerified), ("address", Address), ("updatedAt", UpdatedAt),
        ];
        foreach (var (name, value) in standard)
        {
            switch (value)
            {
                case string s:
                    yield return (name, s);
                    break;
                case bool b:
                    yield return (name, b);
                    break;
            }
        }

        foreach (var claim in CustomClaims ?? ConvexObject.Empty)
        {
            yield return (claim.Key, claim.Value);
        }
    }

    internal static UserIdentityAttributes FromObject(ConvexObject fields)
    {
        string? S(string name) => fields.TryGetField(name, out var v) && v is ConvexString s ? s.Value : null;
        bool? B(string name) => fields.TryGetField(name, out var v) && v is ConvexBoolean b ? b.Value : null;
        var custom = fields.Where(f => !s_standardNames.Contains(f.Key)).ToList();
        return new UserIdentityAttributes
        {
            TokenIdentifier = S("tokenIdentifier"), Issuer = S("issuer"), Subject = S("subject"), Name = S("name"), GivenName = S("givenName"),
            FamilyName = S("familyName"), Nickname = S("nickname"), PreferredUsername = S("preferredUsername"), ProfileUrl = S("profileUrl"),
            PictureUrl = S("pictureUrl"), WebsiteUrl = S("websiteUrl"), Email = S("email"), EmailVerified = B("emailVerified"),
            Gender = S("gender"), Birthday = S("birthday"), Timezone = S("timezone"), Language = S("language"), PhoneNumber = S("phoneNumber"),
            PhoneNumberVerified = B("phoneNumberVerified"), Address = S("address"), UpdatedAt = S("updatedAt"),
            CustomClaims = custom.Count == 0 ? null : new ConvexObject(custom.Select(f => new KeyValuePair<string, ConvexValue?>(f.Key, f.Value))),
        };
    }

    private static readonly HashSet<string> s_standardNames =
    [
        "tokenIdentifier", "issuer", "subject", "name", "givenName", "familyName", "nickname", "preferredUsername", "profileUrl",
        "pictureUrl", "websiteUrl", "email", "emailVerified", "gender", "birthday", "timezone", "language", "phoneNumber",
        "phoneNumberVerified", "address", "updatedAt",
    ];
}
