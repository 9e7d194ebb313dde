namespace ConvexKit.Client.Values;

/// <summary>
/// Validates and canonicalizes Convex function paths (crates/convex/sync_types/src/udf_path.rs, npm-packages/convex/src/server/api.ts) the way the JavaScript client does:
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
        if (IsCanonical(path))
        {
            // Every call names its function, most often already canonical: keep the string (no substrings, no copy).
            canonical = path;
            error = null;
            return true;
        }

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

    /// <summary>
    /// Whether <paramref name="path"/> is <c>module:function</c> that the full validation would keep unchanged, checked
    /// without allocating: plain components (ASCII letters, digits, '_', at least one letter or digit, no '.'), an
    /// identifier that is not all underscores. Anything else takes the full path, which also words the errors.
    /// </summary>
    private static bool IsCanonical(string path)
    {
        var colon = path.LastIndexOf(':');
        if (colon <= 0)
        {
            return false;
        }

        var module = path.AsSpan(0, colon);
        var function = path.AsSpan(colon + 1);
        if (function.Length is 0 or > MaxComponentLength || char.IsAsciiDigit(function[0]) || !function.ContainsAnyExcept('_'))
        {
            return false;
        }

        foreach (var c in function)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }
        }

        foreach (var range in module.Split('/'))
        {
            var component = module[range];
            if (component.Length is 0 or > MaxComponentLength)
            {
                return false;
            }

            var letterOrDigit = false;
            foreach (var c in component)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    letterOrDigit = true;
                }
                else if (c != '_')
                {
                    return false;
                }
            }

            if (!letterOrDigit)
            {
                return false;
            }
        }

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
