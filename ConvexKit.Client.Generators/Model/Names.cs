using System;
using System.Collections.Generic;
using System.Text;

namespace ConvexKit.Client.Generators.Model;

/// <summary>C# names from Convex names (<c>createdAt</c> → <c>CreatedAt</c>, <c>_id</c> → <c>Id</c>), unique within each container.</summary>
internal sealed class Names
{
    private readonly Dictionary<string, HashSet<string>> _used = new(StringComparer.Ordinal);

    public static string Pascal(string name)
    {
        var builder = new StringBuilder();
        var upper = true;
        foreach (var c in name)
        {
            if (!char.IsLetterOrDigit(c) || c > 127)
            {
                upper = true;
                continue;
            }

            builder.Append(upper ? char.ToUpperInvariant(c) : c);
            upper = false;
        }

        if (builder.Length == 0)
        {
            return "Value";
        }

        return char.IsDigit(builder[0]) ? "_" + builder : builder.ToString();
    }

    /// <summary>Takes <paramref name="desired"/> in <paramref name="container"/>, or the first free <c>desired2</c>, <c>desired3</c>…</summary>
    public string Allocate(string container, string desired)
    {
        if (!_used.TryGetValue(container, out var used))
        {
            used = new HashSet<string>(StringComparer.Ordinal);
            var dot = container.LastIndexOf('.');
            used.Add(container.Substring(dot + 1)); // a member may not share its enclosing type's name
            _used[container] = used;
        }

        var name = desired;
        for (var i = 2; !used.Add(name); i++)
        {
            name = desired + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return name;
    }
}
