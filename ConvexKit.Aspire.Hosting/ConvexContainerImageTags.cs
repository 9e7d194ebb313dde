namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// The one place that records which upstream Convex release this library runs: the images' tag and the Convex CLI
/// (npm <c>convex</c>) version. Tests check package.json files against it (docs/hosting.md, "Version guard").
/// </summary>
internal static class ConvexContainerImageTags
{
    /// <remarks>ghcr.io</remarks>
    public const string Registry = "ghcr.io";

    /// <remarks>get-convex/convex-backend</remarks>
    public const string BackendImage = "get-convex/convex-backend";

    /// <remarks>get-convex/convex-dashboard</remarks>
    public const string DashboardImage = "get-convex/convex-dashboard";

    /// <summary>
    /// The head of get-convex/convex-backend's <c>release</c> branch in the 2026-08-21 snapshot that
    /// this project's facts about self-hosting were read from. Every push to <c>release</c> is built and tagged with its commit SHA for
    /// both images (.github/workflows/release_self_hosted_images.yml), and this is the era of the Convex CLI in
    /// package.json (1.48.0), whose <c>convex deploy</c> calls <c>/api/deploy2/evaluate_push</c>.
    /// </summary>
    /// <remarks>
    /// NOT VERIFIED against ghcr.io: no registry access from the machines this was written on, so the tag's existence
    /// is inferred from the workflow, not observed. The newest SHA that self-hosted/CHANGELOG.md names as a release,
    /// 4d3b0a5de955a258e70e3813bbff486051d88820 (2025-09-12), is known to exist but predates evaluate_push, so CLI
    /// 1.48's deploy would fail against it with a 404 (get-convex/convex-backend issue #258). Upgrade the tag and the
    /// <c>convex</c> npm package together.
    /// </remarks>
    public const string Tag = "652b828b5129e6cdbcaa3c20efa8d116d09ff3bf";

    /// <summary>
    /// The npm <c>convex</c> version that <see cref="Tag"/>'s own tree carries (npm-packages/convex/package.json at that
    /// commit; its npm release is commit 9ff6a477a, 2026-08-21): the CLI upstream tested this backend with.
    /// </summary>
    public const string TagCliVersion = "1.45.0";

    /// <summary>
    /// The npm <c>convex</c> version the project pins (package.json, tools/convex-emulator/package.json). It is NOT
    /// <see cref="TagCliVersion"/>: 1.48.0 was published on 2026-10-22, after the newest convex-backend history
    /// available here (2026-08-22), so its matching backend commit can't be named; and 1.45.0 lacks the deploy flags
    /// the push uses (--skip-large-indexes-check, --allow-unstaging-schema). Until the pair is moved together, the
    /// AppHost warns at start when the running backend's /version names another version than the CLI.
    /// </summary>
    public const string CliVersion = "1.48.0";
}
