using System.Xml.Linq;
using System.Xml.XPath;

namespace ConvexKit.Client.Tests.Calls;

/// <summary>
/// The call overloads' XML docs are written once and inherited (<c>&lt;inheritdoc cref path/&gt;</c>). The compiler
/// checks only that a cref exists, so this expands them as documentation tools do and checks that every overload of
/// every surface still ends up with its summary, a description of each parameter, its value and its exceptions.
/// </summary>
public sealed class CallDocsTests
{
    private static readonly string[] s_surfaces =
    [
        "M:ConvexKit.Client.ConvexClient.",
        "M:ConvexKit.Client.Http.ConvexHttpClient.",
        "M:ConvexKit.Client.Http.ConvexHttpSnapshot.",
        "M:ConvexKit.Client.Functions.ConvexClientFunctionExtensions.",
        "M:ConvexKit.Client.Functions.ConvexHttpClientFunctionExtensions.",
    ];

    private static readonly string[] s_calls = ["QueryAsync", "MutationAsync", "ActionAsync", "TryQueryAsync", "TryMutationAsync", "TryActionAsync"];

    private readonly Dictionary<string, XElement> _members = XDocument.Load(Path.Combine(AppContext.BaseDirectory, "ConvexKit.Client.xml"))
        .Root!.Element("members")!.Elements("member").ToDictionary(m => m.Attribute("name")!.Value);

    [Fact]
    public void EveryCallOverloadIsFullyDocumentedOnceInheritedDocsAreExpanded()
    {
        var overloads = _members.Keys.Where(IsCallOverload).ToList();
        Assert.Equal(15 + 15 + 5 + 9 + 11, overloads.Count); // ConvexClient, ConvexHttpClient, the snapshot, and the two extension classes.

        var problems = overloads.SelectMany(Problems).ToList();

        Assert.Empty(problems);
    }

    private static bool IsCallOverload(string id) =>
        s_surfaces.Any(s => id.StartsWith(s, StringComparison.Ordinal) && s_calls.Contains(id[s.Length..].Split('`', '(')[0]));

    private IEnumerable<string> Problems(string id)
    {
        var doc = Expand(_members[id], depth: 0);
        var parameters = ParameterCount(id);
        if (doc.Elements("summary").Count() != 1)
        {
            yield return $"{id}: {doc.Elements("summary").Count()} summaries";
        }

        if (doc.Elements("returns").Count() != 1)
        {
            yield return $"{id}: {doc.Elements("returns").Count()} returns";
        }

        var names = doc.Elements("param").Select(p => p.Attribute("name")!.Value).ToList();
        if (names.Count != parameters || names.Distinct().Count() != names.Count)
        {
            yield return $"{id}: params [{string.Join(", ", names)}] for {parameters} parameters";
        }

        if (!id.Contains("FunctionExtensions", StringComparison.Ordinal) && !doc.Elements("exception").Any())
        {
            yield return $"{id}: no exceptions";
        }
    }

    /// <summary>Replaces each inheritdoc with the nodes its path selects from its cref's (expanded) docs.</summary>
    private XElement Expand(XElement member, int depth)
    {
        Assert.True(depth < 8, $"inheritdoc cycle at {member.Attribute("name")!.Value}");
        var copy = new XElement(member);
        foreach (var inherit in copy.Elements("inheritdoc").ToList())
        {
            var cref = inherit.Attribute("cref")!.Value;
            Assert.True(_members.TryGetValue(cref, out var target), $"{member.Attribute("name")!.Value} inherits from undocumented {cref}");
            var source = new XDocument(new XElement("doc", Expand(target, depth + 1).Elements()));
            var path = inherit.Attribute("path")?.Value ?? "/*";
            var selected = ((IEnumerable<object>)source.XPathEvaluate("/doc" + path.Replace("|/", "|/doc/", StringComparison.Ordinal))).OfType<XElement>();
            inherit.ReplaceWith(selected.Select(e => new XElement(e)).ToList());
        }

        return copy;
    }

    /// <summary>The number of parameters in a documentation id: the commas outside generic braces, plus one.</summary>
    private static int ParameterCount(string id)
    {
        var open = id.IndexOf('(', StringComparison.Ordinal);
        if (open < 0)
        {
            return 0;
        }

        var depth = 0;
        var count = 1;
        foreach (var c in id[(open + 1)..^1])
        {
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            count += c == ',' && depth == 0 ? 1 : 0;
        }

        return count;
    }
}
