using ConvexKit.Aspire.Hosting;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace ConvexNotes.AppHost.Tests;

// The dev secret is public in the Convex repository (crates/keybroker/dev/secret.txt); the keys were produced by the
// backend's algorithm (crates/keybroker/src/broker.rs) and cross-checked with an independent AES-GCM-SIV implementation.
public sealed class AdminKeyTests
{
    public const string DevSecret = "4361726e697461732c206c69746572616c6c79206d65616e696e6720226c6974";
    private const string InstanceName = "convex-self-hosted";

    [Fact]
    public void DerivedSubkeyForTheDevSecretMatchesTheVector()
    {
        var key = ConvexAdminKey.DeriveKey(Convert.FromHexString(DevSecret));

        Assert.Equal("a7526e1715ea4effa55636bee910d731", Convert.ToHexStringLower(key));
    }

    [Fact]
    public void PayloadForIssuedAt1750000000IsTheVectorProto()
    {
        Assert.Equal("1080c3bbc2061800", Convert.ToHexStringLower(ConvexAdminKey.AdminKeyProto(1_750_000_000)));
    }

    [Fact]
    public void NewFormatKeyWithZeroNonceMatchesTheVector()
    {
        var key = ConvexAdminKey.Issue(InstanceName, DevSecret, DateTimeOffset.FromUnixTimeSeconds(1_750_000_000), new byte[12]);

        Assert.Equal(
            "convex-self-hosted|01000000000000000000000000573620eadbf10c9068a4f12e35eaaba422c8b245c27e3d24",
            key);
    }

    [Fact]
    public void BouncyCastleGcmSivReproducesRfc8452VectorC1()
    {
        // RFC 8452 Appendix C.1, first vector: empty plaintext, no AAD.
        var cipher = new GcmSivBlockCipher(new AesEngine());
        cipher.Init(true, new AeadParameters(
            new KeyParameter(Convert.FromHexString("01000000000000000000000000000000")), 128,
            Convert.FromHexString("030000000000000000000000")));
        var tag = new byte[cipher.GetOutputSize(0)];
        cipher.DoFinal(tag, 0);

        Assert.Equal("dc20e2d83f25705bb49e439eca56de25", Convert.ToHexStringLower(tag));
    }

    [Fact]
    public void IssuedKeyDecryptsToANowTimestampAndMemberZero()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeSeconds();

        var key = ConvexAdminKey.Issue(InstanceName, DevSecret);
        var payload = ConvexAdminKey.Open(key, DevSecret);

        Assert.StartsWith($"{InstanceName}|01", key, StringComparison.Ordinal);
        Assert.Equal(InstanceName.Length + 1 + 74, key.Length);
        Assert.Equal([0x10], payload[..1]);
        Assert.Equal([0x18, 0x00], payload[^2..]);
        Assert.InRange(ReadVarint(payload.AsSpan(1, payload.Length - 3)), before, before + 60);
    }

    [Fact]
    public void EveryIssueUsesAFreshNonce()
    {
        Assert.NotEqual(ConvexAdminKey.Issue(InstanceName, DevSecret), ConvexAdminKey.Issue(InstanceName, DevSecret));
    }

    [Fact]
    public void KeyDoesNotOpenWithAnotherSecret()
    {
        var key = ConvexAdminKey.Issue(InstanceName, DevSecret);
        var otherSecret = new string('a', 64);

        Assert.Throws<InvalidCipherTextException>(() => ConvexAdminKey.Open(key, otherSecret));
    }

    [Theory]
    [InlineData("")]
    [InlineData("4361726e")]
    [InlineData("zz61726e697461732c206c69746572616c6c79206d65616e696e6720226c6974")]
    public void SecretThatIsNot64HexCharactersIsRejected(string secret)
    {
        var error = Assert.Throws<ArgumentException>(() => ConvexAdminKey.Issue(InstanceName, secret));

        Assert.Contains("64 hexadecimal characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GeneratedInstanceSecretIs64LowercaseHexCharacters()
    {
        var secret = new HexSecretParameterDefault().GetDefaultValue();

        Assert.Matches("^[0-9a-f]{64}$", secret);
        Assert.NotEqual(secret, new HexSecretParameterDefault().GetDefaultValue());
    }

    private static long ReadVarint(ReadOnlySpan<byte> bytes)
    {
        long value = 0;
        for (var i = 0; i < bytes.Length; i++)
        {
            value |= (long)(bytes[i] & 0x7F) << (7 * i);
        }

        return value;
    }
}
