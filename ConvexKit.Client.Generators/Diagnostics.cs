using Microsoft.CodeAnalysis;

namespace ConvexKit.Client.Generators;

/// <summary>
/// What the generator reports. Both are warnings that the package's .targets keeps out of TreatWarningsAsErrors: a
/// validator the generator cannot map never breaks a build.
/// </summary>
internal static class Diagnostics
{
    public static readonly DiagnosticDescriptor UnmappedValidator = new(
        "CONVEX001",
        "Convex validator typed as ConvexValue",
        "Convex function '{0}': {1} is {2}, which has no C# mapping; it is typed ConvexValue",
        "ConvexKit.Client.Generators",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);

    public static readonly DiagnosticDescriptor UnreadableSpec = new(
        "CONVEX002",
        "Convex function spec unreadable",
        "The Convex function spec '{0}' cannot be read ({1}); no typed functions are generated",
        "ConvexKit.Client.Generators",
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true);
}
