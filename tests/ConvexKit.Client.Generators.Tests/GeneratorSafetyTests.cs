using Microsoft.CodeAnalysis;

namespace ConvexKit.Client.Generators.Tests;

/// <summary>What the compiler refuses (kinds, ids), and how the generator degrades instead of breaking a build.</summary>
public sealed class GeneratorSafetyTests
{
    private const string NotesSpec = """
        {"functions": [
          {"identifier": "notes.js:list", "functionType": "Query", "visibility": {"kind": "public"}, "args": {"type": "object", "value": {}}, "returns": {"type": "array", "value": {"type": "id", "tableName": "notes"}}},
          {"identifier": "notes.js:create", "functionType": "Mutation", "visibility": {"kind": "public"}, "args": {"type": "object", "value": {"title": {"fieldType": {"type": "string"}, "optional": false}}}, "returns": {"type": "id", "tableName": "notes"}},
          {"identifier": "users.js:me", "functionType": "Query", "visibility": {"kind": "public"}, "args": {"type": "object", "value": {}}, "returns": {"type": "id", "tableName": "users"}}
        ]}
        """;

    [Fact]
    public void TheCallsMatchingAFunctionsKindCompile()
    {
        var result = GeneratorHarness.Run(NotesSpec, """
            using ConvexKit.Client;
            using ConvexKit.Client.Functions;
            using Sample.Api;
            public static class Calls
            {
                public static async System.Threading.Tasks.Task Run(ConvexClient client)
                {
                    System.Collections.Generic.IReadOnlyList<NotesId> ids = await client.QueryAsync(ConvexApi.Notes.List);
                    NotesId id = await client.MutationAsync(ConvexApi.Notes.Create, new ConvexApi.Notes.CreateArgs { Title = "t" });
                    await using var live = client.Subscribe(ConvexApi.Notes.List);
                    FunctionResult<NotesId> tried = await client.TryMutationAsync(ConvexApi.Notes.Create, new() { Title = "t" });
                }
            }
            """);

        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void AQueryPassedAsAMutationDoesNotCompile()
    {
        var result = GeneratorHarness.Run(NotesSpec, """
            using ConvexKit.Client;
            using ConvexKit.Client.Functions;
            public static class Calls
            {
                public static System.Threading.Tasks.Task Run(ConvexClient client) => client.MutationAsync(Sample.Api.ConvexApi.Notes.List);
            }
            """);

        Assert.Contains(result.CompileErrors, d => d.GetMessage().Contains("MutationReference", StringComparison.Ordinal) || d.Id == "CS1503");
    }

    [Fact]
    public void RequiredArgumentsMustBeSet()
    {
        var result = GeneratorHarness.Run(NotesSpec, """
            public static class Calls
            {
                public static object Run() => new Sample.Api.ConvexApi.Notes.CreateArgs();
            }
            """);

        Assert.Contains(result.CompileErrors, d => d.Id == "CS9035");
    }

    [Theory]
    [InlineData("Sample.Api.UsersId other = id;")]
    [InlineData("string text = id;")]
    [InlineData("Sample.Api.NotesId fromText = \"abc\";")]
    public void IdsOfOneTableMixWithNeitherOtherTablesNorStrings(string statement)
    {
        var result = GeneratorHarness.Run(NotesSpec, $$"""
            public static class Ids
            {
                public static void Run(Sample.Api.NotesId id) { {{statement}} }
            }
            """);

        Assert.Contains(result.CompileErrors, d => d.Id == "CS0029");
    }

    [Fact]
    public void IdsConvertExplicitly()
    {
        var result = GeneratorHarness.Run(NotesSpec, """
            public static class Ids
            {
                public static string Run() => (string)(Sample.Api.NotesId)"abc";
            }
            """);

        Assert.Empty(result.CompileErrors);
    }

    [Fact]
    public void AnUnmappableValidatorIsAWarningNamingTheFunctionAndFallsBackToConvexValue()
    {
        var spec = GeneratorHarness.OneFunction(
            "mixed.js:either", "Query", """{"type": "object", "value": {}}""", """{"type": "union", "value": [{"type": "string"}, {"type": "number"}]}""");

        var result = GeneratorHarness.Run(spec);

        var diagnostic = Assert.Single(result.GeneratorDiagnostics);
        Assert.Equal("CONVEX001", diagnostic.Id);
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Contains("mixed.js:either", diagnostic.GetMessage(), StringComparison.Ordinal);
        Assert.Empty(result.CompileErrors);
        Assert.Equal(
            "ConvexKit.Client.Functions.QueryReference<ConvexKit.Client.Functions.NoArgs, ConvexKit.Client.Values.ConvexValue?>",
            GeneratorMappingTests.PropertyType(GeneratorMappingTests.Type(result, "Sample.Api.ConvexApi+Mixed"), "Either"));
    }

    [Fact]
    public void AnUnreadableSpecIsAWarningAndGeneratesNothing()
    {
        var result = GeneratorHarness.Run("{\"functions\": [");

        Assert.Equal("CONVEX002", Assert.Single(result.GeneratorDiagnostics).Id);
        Assert.Empty(result.Run.GeneratedTrees);
    }

    [Fact]
    public void NamesThatCollideGetSuffixesAndStillCompile()
    {
        var spec = """
            {"functions": [
              {"identifier": "list.js:list", "functionType": "Query", "visibility": {"kind": "public"}, "args": {"type": "object", "value": {"a-b": {"fieldType": {"type": "string"}, "optional": false}, "a_b": {"fieldType": {"type": "string"}, "optional": false}, "2x": {"fieldType": {"type": "string"}, "optional": false}}}, "returns": {"type": "null"}},
              {"identifier": "list.js:listArgs", "functionType": "Query", "visibility": {"kind": "public"}, "args": {"type": "object", "value": {}}, "returns": {"type": "null"}}
            ]}
            """;

        var result = GeneratorHarness.Run(spec);

        Assert.Empty(result.CompileErrors);
        Assert.Contains("\"a-b\"", result.Source, StringComparison.Ordinal);
        Assert.Contains("\"a_b\"", result.Source, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecondRunOnTheSameSpecReusesTheOutput()
    {
        var first = GeneratorHarness.Run(NotesSpec);
        var compilation = first.Output.AddSyntaxTrees(Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public static class Unrelated { }", cancellationToken: TestContext.Current.CancellationToken));

        var second = first.Driver.RunGenerators(compilation, TestContext.Current.CancellationToken).GetRunResult();

        var steps = second.Results.Single().TrackedOutputSteps.SelectMany(step => step.Value).SelectMany(step => step.Outputs);
        Assert.All(steps, output => Assert.True(output.Reason is IncrementalStepRunReason.Cached or IncrementalStepRunReason.Unchanged, output.Reason.ToString()));
    }
}
