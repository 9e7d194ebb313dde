using System;
using System.Collections.Generic;
using System.Linq;

namespace ConvexKit.Client.Generators.Spec;

/// <summary>
/// convex/_generated/functionSpec.json: <c>functions</c> in the format <c>npx convex function-spec</c> prints
/// (identifier <c>notes.js:create</c>, functionType, visibility, args and returns as validator JSON), and <c>tables</c>,
/// each table's name and document validator from the schema.
/// </summary>
internal sealed class FunctionSpecFile
{
    public List<ConvexFunction> Functions { get; } = [];

    public List<ConvexTable> Tables { get; } = [];

    /// <exception cref="FormatException">The text is not a function spec.</exception>
    public static FunctionSpecFile Parse(string text)
    {
        var root = Json.Parse(text);
        // The CLI prints { url, functions }; a bare array of functions is accepted too.
        var functions = root switch
        {
            JsonObject obj => obj["functions"] as List<object?>,
            List<object?> list => list,
            _ => null,
        } ?? throw new FormatException("The spec has no \"functions\" array.");

        var spec = new FunctionSpecFile();
        foreach (var item in functions.OfType<JsonObject>())
        {
            if (ConvexFunction.From(item) is { } function)
            {
                spec.Functions.Add(function);
            }
        }

        var tables = (root as JsonObject)?["tables"] as List<object?> ?? ((root as JsonObject)?.GetObject("schema"))?["tables"] as List<object?>;
        foreach (var table in tables?.OfType<JsonObject>() ?? [])
        {
            if (table.GetString("tableName") is { Length: > 0 } name)
            {
                spec.Tables.Add(new ConvexTable(name, table.GetObject("documentType")));
            }
        }

        spec.Functions.Sort((a, b) => string.CompareOrdinal(a.Identifier, b.Identifier));
        spec.Tables.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return spec;
    }
}

/// <summary>One query, mutation or action of the spec.</summary>
internal sealed class ConvexFunction
{
    private ConvexFunction(string identifier, string modulePath, string name, string kind, bool isPublic, object? args, object? returns)
    {
        Identifier = identifier;
        ModulePath = modulePath;
        Name = name;
        Kind = kind;
        IsPublic = isPublic;
        Args = args;
        Returns = returns;
    }

    /// <summary>As the spec names it: <c>notes.js:create</c>.</summary>
    public string Identifier { get; }

    /// <summary>The module without its extension: <c>notes</c>, <c>dir/file</c>.</summary>
    public string ModulePath { get; }

    /// <summary>The export name: <c>create</c>, <c>default</c>.</summary>
    public string Name { get; }

    /// <summary>The path clients call: <c>notes:create</c>.</summary>
    public string Path => ModulePath + ":" + Name;

    /// <summary><c>Query</c>, <c>Mutation</c> or <c>Action</c>.</summary>
    public string Kind { get; }

    public bool IsPublic { get; }

    public object? Args { get; }

    public object? Returns { get; }

    public static ConvexFunction? From(JsonObject item)
    {
        var identifier = item.GetString("identifier");
        var kind = item.GetString("functionType") ?? item.GetString("function_type");
        if (identifier is null || kind is not ("Query" or "Mutation" or "Action"))
        {
            return null; // HTTP actions have no identifier and are not called through the client.
        }

        var colon = identifier.LastIndexOf(':');
        var module = colon < 0 ? identifier : identifier.Substring(0, colon);
        var name = colon < 0 ? "default" : identifier.Substring(colon + 1);
        var slash = module.LastIndexOf('/');
        var dot = module.LastIndexOf('.');
        if (dot > slash)
        {
            module = module.Substring(0, dot);
        }

        var visibility = item.GetObject("visibility")?.GetString("kind") ?? "public";
        return new ConvexFunction(identifier, module, name, kind, visibility == "public", item["args"], item["returns"]);
    }
}

/// <summary>A table of the schema and its document validator (without the system fields).</summary>
internal sealed class ConvexTable(string name, JsonObject? documentType)
{
    public string Name { get; } = name;

    public JsonObject? DocumentType { get; } = documentType;
}
