using System.Security.Cryptography;
using Aspire.Hosting.Publishing;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Generates a Convex instance secret: 32 random bytes as 64 lowercase hex characters, the only form the backend
/// accepts. Aspire's <see cref="GenerateParameterDefault"/> can't restrict its alphabet to hex, hence this class.
/// </summary>
internal sealed class HexSecretParameterDefault : ParameterDefault
{
    public override string GetDefaultValue() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));

    // Only used in run mode (see ConvexBuilderExtensions); a published app must be given its secret explicitly,
    // because the manifest format has no way to ask a deployer for a hex value.
    public override void WriteToManifest(ManifestPublishingContext context) =>
        throw new NotSupportedException("The generated Convex instance secret is for local runs only; supply the parameter when publishing.");
}
