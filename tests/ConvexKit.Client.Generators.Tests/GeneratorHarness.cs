using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ConvexKit.Client.Generators.Tests;

/// <summary>Runs <see cref="FunctionsGenerator"/> through Roslyn's own driver and compiles what it emits.</summary>
internal static class GeneratorHarness
{
    private static readonly Lazy<ImmutableArray<MetadataReference>> s_references = new(() =>
    [
        .. ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Where(path => Path.GetFileName(path).StartsWith("System.", StringComparison.Ordinal) || Path.GetFileName(path) is "mscorlib.dll" or "netstandard.dll")
            .Select(path => MetadataReference.CreateFromFile(path)),
        MetadataReference.CreateFromFile(typeof(ConvexClient).Assembly.Location),
        MetadataReference.CreateFromFile(typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location),
    ]);

    public sealed record Result(GeneratorDriverRunResult Run, Compilation Output, GeneratorDriver Driver)
    {
        public string Source => string.Concat(Run.GeneratedTrees.Select(tree => tree.ToString()));

        public ImmutableArray<Diagnostic> GeneratorDiagnostics => Run.Diagnostics;

        public ImmutableArray<Diagnostic> CompileErrors =>
            [.. Output.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)];
    }

    /// <summary>Generates from <paramref name="spec"/> and compiles the output together with <paramref name="code"/>.</summary>
    public static Result Run(string spec, string code = "", string ns = "Sample.Api")
    {
        var compilation = CSharpCompilation.Create(
            "Sample",
            [CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest))],
            s_references.Value,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        GeneratorDriver driver = CSharpGeneratorDriver.Create(
            [new FunctionsGenerator().AsSourceGenerator()],
            [new SpecText("/repo/convex/_generated/functionSpec.json", spec)],
            new CSharpParseOptions(LanguageVersion.Latest),
            new Options(ns),
            new GeneratorDriverOptions(IncrementalGeneratorOutputKind.None, trackIncrementalGeneratorSteps: true));
        driver = driver.RunGeneratorsAndUpdateCompilation(compilation, out var output, out _);
        return new Result(driver.GetRunResult(), output, driver);
    }

    /// <summary>A spec of one function, in the CLI's format.</summary>
    public static string OneFunction(string identifier, string kind, string args, string returns, string visibility = "public", string tables = "[]") =>
        $$"""
        {"functions": [{"identifier": "{{identifier}}", "functionType": "{{kind}}", "visibility": {"kind": "{{visibility}}"}, "args": {{args}}, "returns": {{returns}}}],
         "tables": {{tables}}}
        """;

    private sealed class SpecText(string path, string text) : AdditionalText
    {
        public override string Path { get; } = path;

        public override SourceText GetText(CancellationToken cancellationToken = default) => SourceText.From(text);
    }

    private sealed class Options(string ns) : AnalyzerConfigOptionsProvider
    {
        public override AnalyzerConfigOptions GlobalOptions { get; } = new Values(ns);

        public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => GlobalOptions;

        public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;

        private sealed class Values(string ns) : AnalyzerConfigOptions
        {
            public override bool TryGetValue(string key, out string value)
            {
                value = key == "build_property.RootNamespace" ? ns : "";
                return key == "build_property.RootNamespace";
            }
        }
    }
}
