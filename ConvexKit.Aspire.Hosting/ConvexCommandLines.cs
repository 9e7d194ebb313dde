using System.Globalization;

namespace ConvexKit.Aspire.Hosting;

/// <summary>
/// Every Node command line the AppHost runs, in one place. The CLI runs have the functions project (the folder that
/// holds the functions directory and package.json) as their working directory, and the Convex CLI is always that
/// project's own (<c>node_modules/convex</c>): <c>npx</c> would contact the npm registry when the package is missing.
/// </summary>
internal static class ConvexCommandLines
{
    public const string Node = "node";

    public const string Cli = "node_modules/convex/bin/main.js";

    // The generated code in convex/_generated is committed; a push must not rewrite it in the developer's tree.
    // Type errors are the tests' job (npm test), not the push's.
    private static readonly string[] s_pushOptions = ["--typecheck", "disable", "--codegen", "disable"];

    /// <summary><c>npm ci</c> when node_modules is missing or stale; a no-op otherwise.</summary>
    public static string[] Install() => [Script("ensure-node-modules.mjs")];

    /// <summary>
    /// Installs the packaged emulator into <paramref name="cacheDirectory"/> (<c>npm ci</c> there) unless it is
    /// installed already.
    /// </summary>
    public static string[] InstallEmulator(string packagedDirectory, string cacheDirectory) =>
        [Script("install-emulator.mjs"), packagedDirectory, cacheDirectory];

    /// <summary>
    /// One-shot push. <c>convex deploy</c>, not <c>convex dev --once</c>: deploy turns every error into exit code 1,
    /// whereas <c>dev --once</c> retries transient errors forever and exits 0 on fatal ones (npm-packages/convex/src/cli/lib/dev.ts).
    /// The two skip flags answer the confirmations a non-interactive deploy would otherwise fail on (CLI 1.48).
    /// </summary>
    public static string[] Push() => [Cli, "deploy", .. s_pushOptions, "--skip-large-indexes-check", "--allow-unstaging-schema"];

    /// <summary>
    /// The watcher: <c>convex dev</c> pushes on every change under convex/ and tails the function logs into the
    /// Aspire console. Wrapped so that any exit, even code 0, is reported as a failure.
    /// </summary>
    public static string[] Watch() =>
        [Script("fail-on-exit.mjs"), Cli, "dev", .. s_pushOptions, "--tail-logs", "always"];

    /// <summary>
    /// The emulator, per its command-line contract. The admin key travels in <see cref="EmulatorAdminKeyVariable"/>,
    /// which the emulator reads and then removes from its environment: an argument would be printed in Aspire's
    /// "Starting process" log line and in process listings. Given <paramref name="functionsDirectory"/>, it loads the
    /// functions itself; otherwise (<c>--await-push</c>) it starts empty and serves what the Convex CLI pushes, as the
    /// backend does. Given <paramref name="dataFile"/>, it keeps its data (and the last push) there across runs.
    /// </summary>
    public static string[] Emulator(string mainScript, ConvexHostPorts ports, string instanceName, string? functionsDirectory, string? dataFile) =>
    [
        "--import", "tsx", mainScript,
        "--port", ports.Api.ToString(CultureInfo.InvariantCulture),
        "--site-port", ports.Site.ToString(CultureInfo.InvariantCulture),
        "--instance-name", instanceName,
        .. functionsDirectory is null ? (string[])["--await-push"] : ["--functions", functionsDirectory],
        .. dataFile is null ? Array.Empty<string>() : ["--data", dataFile],
    ];

    public const string EmulatorAdminKeyVariable = "CONVEX_EMULATOR_ADMIN_KEY";

    /// <summary>
    /// The environment of every Convex CLI run: the self-hosted deployment and nothing else. Stale deployment
    /// settings in a developer's .env.local are blanked (dotenv never overrides a variable that is present, even
    /// empty), and CI=1 keeps the CLI non-interactive and its Sentry reporting off (cli/lib/deploymentSelection.ts and cli/lib/utils/sentry.ts in npm-packages/convex/src).
    /// </summary>
    public static IEnumerable<KeyValuePair<string, object>> CliEnvironment(IConvexBackendResource backend) =>
    [
        new("CONVEX_SELF_HOSTED_URL", ConvexEndpoints.HostUrl(backend, ConvexEndpoints.HttpName)),
        new("CONVEX_SELF_HOSTED_ADMIN_KEY", backend.Parent.AdminKeyParameter),
        new("CONVEX_DEPLOYMENT", ""),
        new("CONVEX_DEPLOY_KEY", ""),
        new("CONVEX_DEPLOYMENT_TOKEN", ""),
        new("CI", "1"),
    ];

    /// <summary>
    /// The functions project: the folder that holds the functions directory, package.json (with <c>convex</c>) and
    /// node_modules. The npm install and the CLI run there; the CLI finds <c>convex/</c> (or convex.json) from there.
    /// </summary>
    public static string FunctionsProject(string functionsDirectory) =>
        Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(functionsDirectory))
        ?? throw new ArgumentException($"The functions directory '{functionsDirectory}' has no parent folder.", nameof(functionsDirectory));

    // The scripts ship beside this assembly (copied to the AppHost's output and packed with the library).
    private static string Script(string name) => Path.Combine(AppContext.BaseDirectory, ScriptsFolder, name);

    /// <summary>Where the Node helper scripts are, relative to the AppHost's output directory.</summary>
    public const string ScriptsFolder = "convex-hosting-scripts";
}
