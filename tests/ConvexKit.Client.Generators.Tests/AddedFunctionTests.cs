using ConvexNotes.Testing;

namespace ConvexKit.Client.Generators.Tests;

/// <summary>
/// The whole loop on a temporary copy of convex/: add a function, build a project that uses the generator (the build
/// rewrites the spec), and call the new function typed against the emulator running that copy.
/// </summary>
public sealed class AddedFunctionTests : IAsyncLifetime
{
    private static readonly TimeSpan s_build = TimeSpan.FromMinutes(8);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("convexkit-generator-loop-");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string FunctionsDirectory => Path.Combine(_root.FullName, "convex");

    public ValueTask InitializeAsync()
    {
        var repository = RepositoryPaths.Root;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(repository, "convex"), "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(Path.Combine(repository, "convex"), file);
            if (!relative.EndsWith(".test.ts", StringComparison.Ordinal) && relative != "test.modules.ts")
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(FunctionsDirectory, relative))!);
                File.Copy(file, Path.Combine(FunctionsDirectory, relative));
            }
        }

        // The copied modules import "convex/…": resolved through the repository's node_modules.
        File.CreateSymbolicLink(Path.Combine(_root.FullName, "node_modules"), Path.Combine(repository, "node_modules"));
        File.WriteAllText(Path.Combine(_root.FullName, "package.json"), """{ "private": true, "type": "module" }""");
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _root.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task AFunctionAddedToConvexIsCallableTypedAfterABuild()
    {
        File.WriteAllText(Path.Combine(FunctionsDirectory, "greetings.ts"), """
            import { v } from "convex/values";
            import { query } from "./_generated/server";

            export const hello = query({
              args: { name: v.string(), times: v.optional(v.int64()) },
              returns: v.object({ text: v.string(), count: v.int64() }),
              handler: async (_ctx, { name, times }) => ({ text: `Hello, ${name}`, count: times ?? 1n }),
            });
            """);
        var project = WriteConsumerProject();

        var build = await ToolCommand.RunDotnetAsync(
            ["build", project, "-p:BuildProjectReferences=false", "-nologo", "-v:q"], s_build, Ct);

        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Contains("\"greetings.js:hello\"", File.ReadAllText(Path.Combine(FunctionsDirectory, "_generated", "functionSpec.json")), StringComparison.Ordinal);
        await using var emulator = await ConvexEmulator.StartAsync(new ConvexEmulatorOptions { FunctionsDirectory = FunctionsDirectory }, Ct);
        var run = await ToolCommand.RunDotnetAsync(
            [Path.Combine(_root.FullName, "app", "bin", "Debug", "net10.0", "Loop.dll"), emulator.Url.ToString()], TimeSpan.FromMinutes(2), Ct);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains("Hello, typed C# x3", run.Output, StringComparison.Ordinal);
    }

    private string WriteConsumerProject()
    {
        var repository = RepositoryPaths.Root;
        var app = Directory.CreateDirectory(Path.Combine(_root.FullName, "app")).FullName;
        File.WriteAllText(Path.Combine(app, "Loop.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
                <RootNamespace>Loop</RootNamespace>
                <RepoRoot>{repository}/</RepoRoot>
                <ConvexFunctionsDir>{FunctionsDirectory}/</ConvexFunctionsDir>
              </PropertyGroup>
              <Import Project="{repository}/ConvexKit.Client.Generators/build/ConvexKit.Client.Generators.props" />
              <Import Project="{repository}/ConvexKit.Client.Generators/build/ConvexKit.Client.Generators.targets" />
              <Import Project="{repository}/build/FunctionSpec.targets" />
              <ItemGroup>
                <ProjectReference Include="{repository}/ConvexKit.Client/ConvexKit.Client.csproj" />
                <ProjectReference Include="{repository}/ConvexKit.Client.Generators/ConvexKit.Client.Generators.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(app, "Program.cs"), """
            using ConvexKit.Client;
            using ConvexKit.Client.Functions;
            using Loop;

            await using var client = new ConvexClient(new Uri(args[0]));
            var greeting = await client.QueryAsync(ConvexApi.Greetings.Hello, new() { Name = "typed C#", Times = 3 });
            Console.WriteLine($"{greeting.Text} x{greeting.Count}");
            """);
        return Path.Combine(app, "Loop.csproj");
    }
}
