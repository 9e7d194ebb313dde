using Aspire.Hosting.ApplicationModel;

namespace ConvexNotes.AppHost.Tests;

/// <summary>The dev loop of the typed functions: the AppHost keeps the function spec in step with convex/.</summary>
public sealed class FunctionSpecModelTests
{
    [Theory]
    [InlineData("emulator")]
    [InlineData("container")]
    public async Task TheFunctionSpecWatcherRunsFromTheRepositoryRootInEveryMode(string backend)
    {
        await using var builder = await AppModel.CreateAsync(backend);
        var watcher = builder.Resource<ExecutableResource>("function-spec");

        var args = await watcher.ArgumentsAsync();

        Assert.Equal("node", watcher.Command);
        Assert.Equal(["--import", "tsx", "tools/function-spec/write-spec.ts", "--watch"], args);
        Assert.True(File.Exists(Path.Combine(watcher.WorkingDirectory, args[2])), args[2]);
    }
}
