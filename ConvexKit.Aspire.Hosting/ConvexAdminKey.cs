using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Issues Convex admin keys exactly as the backend's keybroker does (crates/keybroker/src/broker.rs and encryptor.rs in get-convex/convex-backend), so the AppHost knows
/// the key without running <c>generate_admin_key.sh</c> inside the container.
/// </summary>
/// <remarks>
/// Key string: <c>&lt;instance name&gt;|&lt;hex(version 1 || nonce(12) || AES-128-GCM-SIV(ciphertext || tag))&gt;</c>.
/// The AES key is the first 16 bytes of HMAC-SHA256(secret, 00000001 || "admin key") (SP 800-108 counter mode with
/// no label framing, which is why .NET's <c>SP800108HmacCounterKdf</c> does not fit). The AAD is the version byte.
/// The plaintext is the protobuf <c>AdminKey { issued_s = 2; member_id = 3 }</c> with member 0.
/// </remarks>
internal static class ConvexAdminKey
{
    private const byte Version = 1;
    private const int NonceLength = 12;
    private const int TagBits = 128;
    private const int SecretLength = 32;

    /// <summary>Issues a new admin key with a random nonce; every call returns a different, equally valid key.</summary>
    public static string Issue(string instanceName, string instanceSecretHex) =>
        Issue(instanceName, instanceSecretHex, DateTimeOffset.UtcNow, RandomNumberGenerator.GetBytes(NonceLength));

    /// <summary>Issues an admin key with a chosen nonce and issue time (deterministic, for test vectors).</summary>
    public static string Issue(string instanceName, string instanceSecretHex, DateTimeOffset issuedAt, ReadOnlySpan<byte> nonce)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceName);
        if (nonce.Length != NonceLength)
        {
            throw new ArgumentException($"The nonce must be {NonceLength} bytes.", nameof(nonce));
        }

        var plaintext = AdminKeyProto(checked((ulong)issuedAt.ToUnixTimeSeconds()));
        var sealedBytes = Run(forEncryption: true, DeriveKey(ParseSecret(instanceSecretHex)), nonce.ToArray(), plaintext);

        var blob = new byte[1 + NonceLength + sealedBytes.Length];
        blob[0] = Version;
        nonce.CopyTo(blob.AsSpan(1));
        sealedBytes.CopyTo(blob.AsSpan(1 + NonceLength));
        return $"{instanceName}|{Convert.ToHexStringLower(blob)}";
    }

    /// <summary>Decrypts a key issued for <paramref name="instanceSecretHex"/> and returns its protobuf payload.</summary>
    /// <exception cref="FormatException">The key is not a new-format Convex admin key.</exception>
    /// <exception cref="Org.BouncyCastle.Crypto.InvalidCipherTextException">The key was not issued with this secret.</exception>
    public static byte[] Open(string adminKey, string instanceSecretHex)
    {
        var separator = adminKey.IndexOf('|', StringComparison.Ordinal);
        var blob = Convert.FromHexString(adminKey.AsSpan(separator + 1));
        if (blob.Length < 1 + NonceLength + TagBits / 8 || blob[0] != Version)
        {
            throw new FormatException("Not a version 1 Convex admin key.");
        }

        var nonce = blob.AsSpan(1, NonceLength).ToArray();
        var sealedBytes = blob.AsSpan(1 + NonceLength).ToArray();
        return Run(forEncryption: false, DeriveKey(ParseSecret(instanceSecretHex)), nonce, sealedBytes);
    }

    /// <summary>The AES-128 key: the first 16 bytes of HMAC-SHA256(secret, 00 00 00 01 || "admin key").</summary>
    public static byte[] DeriveKey(ReadOnlySpan<byte> secret)
    {
        Span<byte> info = stackalloc byte[4 + 9];
        BinaryPrimitives.WriteUInt32BigEndian(info, 1);
        Encoding.ASCII.GetBytes("admin key", info[4..]);
        return HMACSHA256.HashData(secret, info)[..16];
    }

    /// <summary><c>0x10 varint(issued_s) 0x18 0x00</c>: issued_s (field 2) and member_id = 0 (field 3, in a oneof).</summary>
    internal static byte[] AdminKeyProto(ulong issuedSeconds)
    {
        var bytes = new List<byte>(12) { 0x10 };
        do
        {
            var next = (byte)(issuedSeconds & 0x7F);
            issuedSeconds >>= 7;
            bytes.Add(issuedSeconds == 0 ? next : (byte)(next | 0x80));
        }
        while (issuedSeconds != 0);
        bytes.Add(0x18);
        bytes.Add(0x00);
        return [.. bytes];
    }

    internal static byte[] ParseSecret(string instanceSecretHex)
    {
        ArgumentNullException.ThrowIfNull(instanceSecretHex);
        var secret = instanceSecretHex.Length == SecretLength * 2 ? TryFromHex(instanceSecretHex) : null;
        if (secret is null)
        {
            // The backend refuses anything else too (crates/keybroker/src/secret.rs); say so before the container does.
            throw new ArgumentException("The Convex instance secret must be 64 hexadecimal characters (32 bytes).", nameof(instanceSecretHex));
        }

        return secret;
    }

    private static byte[]? TryFromHex(string hex)
    {
        var bytes = new byte[hex.Length / 2];
        return Convert.FromHexString(hex, bytes, out _, out _) == System.Buffers.OperationStatus.Done ? bytes : null;
    }

    private static byte[] Run(bool forEncryption, byte[] key, byte[] nonce, byte[] input)
    {
        var cipher = new GcmSivBlockCipher(new AesEngine());
        cipher.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagBits, nonce, [Version]));
        var output = new byte[cipher.GetOutputSize(input.Length)];
        var written = cipher.ProcessBytes(input, 0, input.Length, output, 0);
        written += cipher.DoFinal(output, written);
        return output[..written];
    }
}
