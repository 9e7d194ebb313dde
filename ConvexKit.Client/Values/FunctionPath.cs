namespace ConvexKit.Client.Values;

/// <summary>
/// Validates and canonicalizes Convex function paths (protocol doc §4) the way the JavaScript client does:
/// <c>"messages"</c> → <c>"messages:default"</c>, <c>"messages.js:list"</c> → <c>"messages:list"</c>.
/// </summary>
internal static class FunctionPath
{
    private const int MaxComponentLength = 64;

    /// <summary>Returns the canonical <c>module:function</c> form of <paramref name="path"/>.</summary>
    /// <exception cref="ArgumentException">The path is not a valid Convex function path.</exception>
    public static string Canonicalize(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return TryCanonicalize(path, out var canonical, out var error)
            ? canonical
            : throw new ArgumentException($"'{path}' is not a valid Convex function path: {error}", nameof(path));
    }

    public static bool TryCanonicalize(string path, out string canonical, out string? error)
    {
        canonical = "";
        var colon = path.LastIndexOf(':');
        var module = colon < 0 ? path : path[..colon];
        var function = colon < 0 ? "default" : path[(colon + 1)..];

        error = ValidateModule(module) ?? ValidateFunction(function);
        if (error is not null)
        {
            return false;
        }

        if (module.EndsWith(".js", StringComparison.Ordinal))
        {
            module = module[..^3];
        }

        canonical = $"{module}:{function}";
        return true;
    }

    private static string? ValidateModule(string module)
    {
        if (module.Length == 0)
        {
            return "the module path is empty.";
        }

        if (module.StartsWith('/'))
        {
            return "the module path must be relative (no leading '/').";
        }

        var components = module.Split('/');
        foreach (var component in components)
        {
            if (component.Length == 0 || component.Length > MaxComponentLength)
            {
                return $"each module path component must be 1 to {MaxComponentLength} characters.";
            }

            if (!component.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.'))
            {
                return $"the module path component '{component}' may only contain letters, digits, '_' and '.'.";
            }

            if (!component.Any(char.IsAsciiLetterOrDigit))
            {
                return $"the module path component '{component}' must contain a letter or digit.";
            }
        }

        var file = components[^1];
        var dot = file.LastIndexOf('.');
        if (dot > 0 && file[(dot + 1)..] != "js")
        {
            return $"the module file '{file}' has the extension '{file[(dot + 1)..]}'; only '.js' (or none) is allowed.";
        }

        return null;
    }

    private static string? ValidateFunction(string function)
    {
        if (function.Length == 0 || function.Length > MaxComponentLength)
        {
            return $"the function name must be 1 to {MaxComponentLength} characters.";
        }

        if (!(char.IsAsciiLetter(function[0]) || function[0] == '_') || !function.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            return $"the function name '{function}' must be an identifier ([A-Za-z_][A-Za-z0-9_]*).";
        }

        return function.All(c => c == '_') ? $"the function name '{function}' must not be all underscores." : null;
    }
}
