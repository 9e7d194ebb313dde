using ConvexNotes.Testing;

namespace ConvexNotes.Emulator.Tests;

/// <summary>Runs each node:test file as one test case, so `dotnet test` covers the TypeScript suites too.</summary>
public sealed class NodeTestSuiteTests
{
    // The conformance files start emulators and wait for live updates; a healthy file takes seconds.
    private static readonly TimeSpan s_fileTimeout = TimeSpan.FromMinutes(5);

    [Theory]
    [MemberData(nameof(NodeTestFiles.All), MemberType = typeof(NodeTestFiles))]
    public async Task NodeTestFilePasses(string file)
    {
        var result = await ToolCommand.RunNodeAsync(
            ["--import", "tsx", "--test", "--test-reporter=spec", file],
            s_fileTimeout,
            TestContext.Current.CancellationToken);

        TestContext.Current.TestOutputHelper?.WriteLine(result.Output);
        Assert.False(result.TimedOut, $"node --test {file} was killed after {s_fileTimeout}:{Environment.NewLine}{result.Output}");
        Assert.True(result.ExitCode == 0, $"node --test {file} exited with {result.ExitCode}:{Environment.NewLine}{result.Output}");
    }

    [Theory]
    [InlineData(NodeTestFiles.FunctionTestsFolder)]
    [InlineData(NodeTestFiles.ConformanceTestsFolder)]
    public void EveryTestFolderHasTestFiles(string folder)
    {
        // Guards the glob: a folder that silently yields no files would let the theory above pass with nothing run.
        Assert.True(NodeTestFiles.In(folder).Count > 0, $"No *.test.ts file in {folder}/.");
    }
}
