using System.Net.Http.Json;
using System.Text.Json;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace ConvexNotes.AppHost.Tests;

/// <summary>
/// Emulator mode outside this repository: the AppHost (AppHost.cs, as is) given a directory in the temp folder, where
/// no tools/convex-emulator is found above it. The emulator the hosting library carries is installed into a cache
/// folder (a real <c>npm ci</c>) and runs the consumer's own functions, which import <c>convex</c> from the
/// consumer's own node_modules. On free ports (WithHostPorts), so it runs beside anything else.
/// </summary>
public sealed class EmulatorPackageTests : IDisposable
{
    // npm ci of the emulator's packages on a loaded two-core machine, then Node and the emulator.
    private static readonly TimeSpan s_startTimeout = TimeSpan.FromSeconds(300);
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(60);
    private static readonly string s_repositoryRoot = Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", ".."));

    private readonly DirectoryInfo _consumer = Directory.CreateTempSubdirectory("convexkit-consumer-");
    private readonly DirectoryInfo _cache = Directory.CreateTempSubdirectory("convexkit-emulator-cache-");

    [Fact]
    public async Task TheCarriedEmulatorIsInstalledIntoTheCacheAndRunsTheConsumersOwnFunctionsWithTheirDeploymentVariables()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var appHostDirectory = WriteConsumerProject();
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.ConvexNotes_AppHost>(
            ["--Convex:Backend=emulator", $"--Convex:EmulatorCacheDirectory={_cache.FullName}",
             $"--Parameters:convex-instance-secret={AdminKeyTests.DevSecret}"],
            (options, _) => options.ProjectDirectory = appHostDirectory,
            cancellationToken).WaitAsync(s_timeout, cancellationToken);
        foreach (var service in builder.Resources.OfType<ProjectResource>().ToList())
        {
            builder.Resources.Remove(service);
        }

        // Applied with `convex env set` before the push; the query reads it from process.env.
        builder.CreateResourceBuilder(builder.Resources.OfType<ConvexResource>().Single())
            .WithHostPorts(FreePort(), FreePort())
            .WithDeploymentVariable("GREETING", "Hello");

        await using var app = await builder.BuildAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
        await app.StartAsync(cancellationToken).WaitAsync(s_startTimeout, cancellationToken);
        try
        {
            await app.ResourceNotifications.WaitForResourceHealthyAsync("convex", WaitBehavior.StopOnResourceUnavailable, cancellationToken)
                .WaitAsync(s_startTimeout, cancellationToken);
        }
        catch (Exception ex) when (ex is TimeoutException or DistributedApplicationException)
        {
            Assert.Fail($"convex did not become healthy ({ex.Message}).\n{await ResourceLogs.DescribeAsync(app, "convex-emulator-install", cancellationToken)}\n" +
                $"{await ResourceLogs.DescribeAsync(app, "convex-emulator", cancellationToken)}\n{await ResourceLogs.DescribeAsync(app, "convex-functions", cancellationToken)}");
        }

        var emulator = Assert.Single(builder.Resources.OfType<ConvexEmulatorResource>());
        using var http = app.CreateHttpClient("convex-emulator", "http");
        using var answer = await http.PostAsJsonAsync(
                new Uri("/api/query", UriKind.Relative), new { path = "hello:greet", args = new { name = "ConvexKit" }, format = "json" }, cancellationToken)
            .WaitAsync(s_timeout, cancellationToken);
        using var body = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(cancellationToken));
        var installLog = await ResourceLogs.ReadAsync(app, "convex-emulator-install", cancellationToken);

        Assert.Equal("success", body.RootElement.GetProperty("status").GetString());
        Assert.Equal("Hello, ConvexKit!", body.RootElement.GetProperty("value").GetString());
        Assert.Equal(_cache.FullName, Path.GetDirectoryName(emulator.WorkingDirectory));
        Assert.True(File.Exists(Path.Combine(emulator.WorkingDirectory, ".convexkit-installed")));
        Assert.True(Directory.Exists(Path.Combine(emulator.WorkingDirectory, "node_modules", "convex-test")));
        Assert.Contains(installLog, line => line.Contains("a test double, not Convex", StringComparison.Ordinal));

        await app.StopAsync(cancellationToken).WaitAsync(s_timeout, cancellationToken);
    }

    public void Dispose()
    {
        _consumer.Delete(recursive: true);
        _cache.Delete(recursive: true);
    }

    /// <summary>
    /// A project of its own: package.json, node_modules/convex (a copy of the one installed here, as npm would have
    /// put it), convex/_generated (the generic code <c>convex codegen</c> writes) and one query; an AppHost folder beside it.
    /// </summary>
    private string WriteConsumerProject()
    {
        var root = _consumer.FullName;
        File.WriteAllText(Path.Combine(root, "package.json"), """{ "name": "consumer", "private": true, "type": "module", "dependencies": { "convex": "1.48.0" } }""");
        // node_modules as npm would have laid it out, the packages linked from this repository's installation (the Convex
        // CLI that pushes the functions needs its own dependencies beside it).
        var nodeModules = Directory.CreateDirectory(Path.Combine(root, "node_modules")).FullName;
        foreach (var entry in new DirectoryInfo(Path.Combine(s_repositoryRoot, "node_modules")).EnumerateFileSystemInfos())
        {
            if (entry.Name != ".package-lock.json")
            {
                Directory.CreateSymbolicLink(Path.Combine(nodeModules, entry.Name), entry.FullName);
            }
        }

        // Newer than package.json, so the npm install step finds node_modules up to date.
        File.WriteAllText(Path.Combine(root, "node_modules", ".package-lock.json"), "{}");
        var generated = Directory.CreateDirectory(Path.Combine(root, "convex", "_generated")).FullName;
        foreach (var file in new[] { "server.js", "api.js" })
        {
            File.Copy(Path.Combine(s_repositoryRoot, "convex", "_generated", file), Path.Combine(generated, file));
        }

        File.WriteAllText(Path.Combine(root, "convex", "hello.ts"), """
            import { v } from "convex/values";
            import { query } from "./_generated/server";

            export const greet = query({
              args: { name: v.string() },
              handler: async (_ctx, { name }) => `${process.env.GREETING ?? "(GREETING is not set)"}, ${name}!`,
            });
            """);
        return Directory.CreateDirectory(Path.Combine(root, "AppHost")).FullName;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
