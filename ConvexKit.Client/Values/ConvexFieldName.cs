namespace ConvexKit.Client.Values;

/// <summary>The field-name rules the server and the JavaScript client enforce (npm-packages/convex/src/values/value.ts, validateObjectField).</summary>
internal static class ConvexFieldName
{
    /// <summary>Returns why <paramref name="name"/> is not a valid field name, or <see langword="null"/> when it is.</summary>
    public static string? Validate(string? name)
    {
        if (name is null)
        {
            return "A field name must not be null.";
        }

        if (name.Length > ConvexObject.MaxFieldNameLength)
        {
            return $"The field name '{name[..32]}…' is longer than {ConvexObject.MaxFieldNameLength} characters.";
        }

        if (name.StartsWith('$'))
        {
            return $"The field name '{name}' starts with '$', which is reserved.";
        }

        foreach (var c in name)
        {
            if (c < 0x20 || c > 0x7E)
            {
                return $"The field name '{name}' contains the character U+{(int)c:X4}; field names may only contain non-control ASCII characters.";
            }
        }

        return null;
    }
}
