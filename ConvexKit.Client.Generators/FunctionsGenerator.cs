using System;
using System.IO;
using System.Linq;
using ConvexKit.Client.Generators.Emit;
using ConvexKit.Client.Generators.Model;
using ConvexKit.Client.Generators.Spec;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace ConvexKit.Client.Generators;

/// <summary>
/// Emits typed Convex function references from the <c>functionSpec.json</c> among the project's AdditionalFiles:
/// <c>ConvexApi.&lt;Module&gt;.&lt;Function&gt;</c> (public functions), <c>ConvexInternal…</c> (internal ones), their
/// argument and result records, per-table id types and a JsonSerializerContext. The namespace is the MSBuild property
/// <c>ConvexApiNamespace</c>, else the project's root namespace.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FunctionsGenerator : IIncrementalGenerator
{
    /// <summary>The file name the generator reads.</summary>
    public const string SpecFileName = "functionSpec.json";

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var specs = context.AdditionalTextsProvider
            .Where(static text => string.Equals(Path.GetFileName(text.Path), SpecFileName, StringComparison.OrdinalIgnoreCase))
            .Select(static (text, cancellationToken) => new SpecText(text.Path, text.GetText(cancellationToken)?.ToString() ?? ""))
            .Collect();
        var ns = context.AnalyzerConfigOptionsProvider.Select(static (options, _) =>
            options.GlobalOptions.TryGetValue("build_property.ConvexApiNamespace", out var configured) && configured.Length > 0
                ? configured
                : options.GlobalOptions.TryGetValue("build_property.RootNamespace", out var root) ? root : "");
        context.RegisterSourceOutput(specs.Combine(ns), static (output, input) => Generate(output, input.Left.OrderBy(s => s.Path, StringComparer.Ordinal).FirstOrDefault(), input.Right));
    }

    private static void Generate(SourceProductionContext output, SpecText? spec, string ns)
    {
        if (spec is null)
        {
            return;
        }

        var location = Location.Create(spec.Path, default, default);
        FunctionSpecFile file;
        try
        {
            file = FunctionSpecFile.Parse(spec.Text);
        }
        catch (FormatException ex)
        {
            output.ReportDiagnostic(Diagnostic.Create(Diagnostics.UnreadableSpec, location, spec.Path, ex.Message));
            return;
        }

        var model = ApiModel.Build(file, ns);
        foreach (var (function, where, why) in model.Unmapped)
        {
            output.ReportDiagnostic(Diagnostic.Create(Diagnostics.UnmappedValidator, location, function, where, why));
        }

        output.AddSource("ConvexApi.g.cs", SourceText.From(ApiEmitter.Emit(model), System.Text.Encoding.UTF8));
    }

    private sealed record SpecText(string Path, string Text);
}
