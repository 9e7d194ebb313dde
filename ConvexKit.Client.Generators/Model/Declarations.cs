using System.Collections.Generic;

namespace ConvexKit.Client.Generators.Model;

/// <summary>A type the generator declares: a record, an enum or an id struct, in a container (<c>ConvexApi.Notes</c>, or the namespace when empty).</summary>
internal abstract class Declaration(string container, string name, string summary)
{
    public string Container { get; } = container;

    public string Name { get; } = name;

    public string Summary { get; } = summary;

    public string ConverterName => (Container.Length == 0 ? Name : Container.Replace(".", "_") + "_" + Name) + "Converter";
}

internal sealed class RecordDeclaration(string container, string name, string summary, bool settable) : Declaration(container, name, summary)
{
    public bool Settable { get; } = settable;

    public List<FieldDeclaration> Fields { get; } = [];
}

internal sealed class FieldDeclaration(string jsonName, string propertyName, TypeRef type, bool optional)
{
    public string JsonName { get; } = jsonName;

    public string PropertyName { get; } = propertyName;

    public TypeRef Type { get; } = type;

    public bool Optional { get; } = optional;
}

internal sealed class EnumDeclaration(string container, string name, string summary) : Declaration(container, name, summary)
{
    public List<KeyValuePair<string, string>> Members { get; } = [];
}

internal sealed class IdDeclaration(string name, string table) : Declaration("", name, $"The id of a document of the <c>{table}</c> table.")
{
    public string Table { get; } = table;
}

/// <summary>A function of the spec with its C# types.</summary>
internal sealed class FunctionModel(string root, string container, string propertyName, string path, string kind, TypeRef args, TypeRef result)
{
    /// <summary><c>ConvexApi</c> or <c>ConvexInternal</c>.</summary>
    public string Root { get; } = root;

    public string Container { get; } = container;

    public string PropertyName { get; } = propertyName;

    public string Path { get; } = path;

    public string Kind { get; } = kind;

    public TypeRef Args { get; } = args;

    public TypeRef Result { get; } = result;
}
