using System;
using System.Collections.Generic;
using System.Linq;
using ConvexKit.Client.Generators.Spec;

namespace ConvexKit.Client.Generators.Model;

/// <summary>The C# shape of a function spec: function references, the types they use, and what could not be mapped.</summary>
internal sealed class ApiModel
{
    public const string PublicRoot = "ConvexApi";
    public const string InternalRoot = "ConvexInternal";
    public const string ContextName = "ConvexFunctionsJsonContext";

    private readonly Names _names = new();
    private readonly Dictionary<string, TypeRef> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeRef> _documents = new(StringComparer.Ordinal);

    // One C# type per shape: the same object validator (in arguments, or in results) or the same set of literals
    // anywhere in the spec is one record or enum, named where it first occurs.
    private readonly Dictionary<string, TypeRef> _shapes = new(StringComparer.Ordinal);

    private ApiModel(string ns) => Namespace = ns;

    public string Namespace { get; }

    public List<FunctionModel> Functions { get; } = [];

    public List<Declaration> Declarations { get; } = [];

    /// <summary>Every type whose JSON metadata the context serves, by <see cref="TypeRef.TypeOfCode"/>.</summary>
    public SortedDictionary<string, TypeRef> Types { get; } = new(StringComparer.Ordinal);

    /// <summary>Module containers (<c>ConvexApi.Notes</c>, <c>ConvexApi.Dir.File</c>), parents first.</summary>
    public SortedSet<string> Containers { get; } = new(StringComparer.Ordinal);

    /// <summary>The module path of each module container (<c>ConvexApi.Dir.File</c> → <c>dir/file</c>).</summary>
    public Dictionary<string, string> ModulePaths { get; } = new(StringComparer.Ordinal);

    /// <summary>Validators with no C# mapping: (function identifier, where, why).</summary>
    public List<(string Function, string Where, string Why)> Unmapped { get; } = [];

    public static ApiModel Build(FunctionSpecFile spec, string ns)
    {
        var model = new ApiModel(ns);
        foreach (var reserved in new[] { PublicRoot, InternalRoot, ContextName, "ConvexJson" })
        {
            model._names.Allocate("", reserved);
        }

        var containers = spec.Functions.ToDictionary(f => f, model.ReserveContainer);
        var properties = spec.Functions.ToDictionary(f => f, f => model._names.Allocate(containers[f], Names.Pascal(f.Name)));
        foreach (var table in spec.Tables)
        {
            model.MapTable(table);
        }

        foreach (var function in spec.Functions)
        {
            model.MapFunction(function, containers[function], properties[function]);
        }

        return model;
    }

    private string ReserveContainer(ConvexFunction function)
    {
        var container = function.IsPublic ? PublicRoot : InternalRoot;
        var segments = function.ModulePath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            var name = Names.Pascal(segment);
            var child = container + "." + name;
            if (!Containers.Contains(child))
            {
                // Reserve the class name in its parent once; a function of the parent module with the same name gets a suffix.
                _names.Allocate(container, name);
                Containers.Add(child);
                ModulePaths[child] = string.Join("/", segments, 0, i + 1);
            }

            container = child;
        }

        return container;
    }

    private void MapTable(ConvexTable table)
    {
        var pascal = Names.Pascal(table.Name);
        if (table.DocumentType is not { } documentType || documentType.GetString("type") != "object" || documentType.GetObject("value") is not { } fields)
        {
            return; // v.any() or a union of shapes: functions returning such documents are typed by their own validators.
        }

        var full = new JsonObject();
        full.Add("type", "object");
        var value = new JsonObject();
        value.Add("_id", Field(Validator("id", ("tableName", table.Name))));
        value.Add("_creationTime", Field(Validator("number")));
        foreach (var key in fields.Keys)
        {
            value.Add(key, fields[key]);
        }

        full.Add("value", value);
        var name = _names.Allocate("", pascal + "Document");
        var context = new MapContext(null, "schema", $"table {table.Name}", "", false);
        var type = MapObject(full, value, context, name, $"A document of the <c>{table.Name}</c> table.");
        _documents[JsonObject.Canonical(full)] = type;
    }

    private void MapFunction(ConvexFunction function, string container, string property)
    {
        var args = function.Args is JsonObject { } argsValidator && argsValidator.GetString("type") == "object"
            && argsValidator.GetObject("value") is { } argFields
            ? argFields.Keys.Count == 0
                ? TypeRef.NoArgs
                : MapObject(argsValidator, argFields, new MapContext(function, "args", "args", container, true), _names.Allocate(container, property + "Args"), $"The arguments of <c>{function.Path}</c>.")
            : TypeRef.AnyObject;
        var result = Map(function.Returns, new MapContext(function, "returns", "returns", container, false), property + "Result");
        Register(args);
        Register(result);
        Functions.Add(new FunctionModel(function.IsPublic ? PublicRoot : InternalRoot, container, property, function.Path, function.Kind, args, result));
    }

    private TypeRef Map(object? validator, MapContext context, string hint)
    {
        if (validator is not JsonObject v)
        {
            return Unmappable(context, "a validator that is not an object");
        }

        switch (v.GetString("type"))
        {
            case "string":
                return TypeRef.String;
            case "number":
                return TypeRef.Double;
            case "bigint":
            case "int64":
                return TypeRef.Long;
            case "boolean":
                return TypeRef.Bool;
            case "bytes":
                return TypeRef.Bytes;
            case "any":
                return TypeRef.Any.AsNullable();
            case "null":
                return TypeRef.Any.AsNullable();
            case "literal":
                return LiteralType(v["value"]) ?? Unmappable(context, "a literal of an unknown kind");
            case "id":
                return IdOf(v.GetString("tableName") ?? "unknown");
            case "array":
                return Register(TypeRef.ListOf(Map(v["value"], context.At("[]"), hint + "Item")));
            case "record":
                return Register(TypeRef.DictionaryOf(Map(v.GetObject("values")?["fieldType"], context.At("{}"), hint + "Value")));
            case "object":
                if (_documents.TryGetValue(JsonObject.Canonical(v), out var document))
                {
                    return document;
                }

                var shape = (context.Settable ? "args:" : "result:") + JsonObject.Canonical(v);
                if (_shapes.TryGetValue(shape, out var same))
                {
                    return same;
                }

                if (v.GetObject("value") is not { } fields)
                {
                    return Unmappable(context, "an object without fields");
                }

                var record = MapObject(v, fields, context, _names.Allocate(context.Container, hint), $"A value of <c>{context.FunctionPath}</c> ({context.Where}).");
                _shapes[shape] = record;
                return record;
            case "union":
                return MapUnion(v["value"] as List<object?> ?? [], context, hint);
            default:
                return Unmappable(context, $"the validator type \"{v.GetString("type")}\"");
        }
    }

    private TypeRef MapObject(JsonObject validator, JsonObject fields, MapContext context, string name, string summary)
    {
        _ = validator;
        var declaration = new RecordDeclaration(context.Container, name, summary, context.Settable);
        var type = Register(TypeRef.Generated(TypeKind.Record, Qualify(context.Container, name), false, declaration.ConverterName));
        Declarations.Add(declaration);
        var propertyNames = new Names();
        propertyNames.Allocate(name, "ToString"); // reserve names a record already has
        propertyNames.Allocate(name, "EqualityContract");
        foreach (var key in fields.Keys)
        {
            var field = fields.GetObject(key);
            var optional = field?["optional"] is true;
            var propertyName = propertyNames.Allocate(name, Names.Pascal(key));
            var fieldType = Map(field?["fieldType"], context.At(key), name + propertyName);
            if (optional)
            {
                fieldType = fieldType.AsNullable();
            }

            declaration.Fields.Add(new FieldDeclaration(key, propertyName, Register(fieldType), optional));
        }

        return type;
    }

    private TypeRef MapUnion(List<object?> members, MapContext context, string hint)
    {
        var nonNull = members.OfType<JsonObject>().Where(m => m.GetString("type") != "null").ToList();
        var nullable = nonNull.Count != members.Count;
        TypeRef? type;
        if (nonNull.Count == 0)
        {
            type = TypeRef.Any;
        }
        else if (nonNull.Count == 1)
        {
            type = Map(nonNull[0], context, hint);
        }
        else if (nonNull.All(m => m.GetString("type") == "literal" && m["value"] is string))
        {
            type = EnumOf(nonNull.Select(m => (string)m["value"]!).ToList(), context, hint);
        }
        else
        {
            // string | "a" is a string, 1 | 2 a double: one C# type when every member maps to the same primitive.
            var kinds = nonNull.Select(m => m.GetString("type") == "literal" ? LiteralType(m["value"]) : Primitive(m.GetString("type"))).ToList();
            type = kinds.All(k => k is not null && k == kinds[0])
                ? kinds[0]
                : Unmappable(context, "a union of different kinds of values");
        }

        return Register(nullable ? type!.AsNullable() : type!);
    }

    private static TypeRef? Primitive(string? type) => type switch
    {
        "string" => TypeRef.String,
        "number" => TypeRef.Double,
        "bigint" or "int64" => TypeRef.Long,
        "boolean" => TypeRef.Bool,
        _ => null,
    };

    private static TypeRef? LiteralType(object? value) => value switch
    {
        string => TypeRef.String,
        double => TypeRef.Double,
        bool => TypeRef.Bool,
        JsonObject obj when obj.GetString("$integer") is not null => TypeRef.Long,
        _ => null,
    };

    private TypeRef EnumOf(List<string> literals, MapContext context, string hint)
    {
        var shape = "enum:" + string.Join("\u0000", literals);
        if (_shapes.TryGetValue(shape, out var same))
        {
            return same;
        }

        var name = _names.Allocate(context.Container, hint);
        var declaration = new EnumDeclaration(context.Container, name, $"The string literals of <c>{context.FunctionPath}</c> ({context.Where}).");
        var members = new Names();
        foreach (var literal in literals.Distinct(StringComparer.Ordinal))
        {
            declaration.Members.Add(new KeyValuePair<string, string>(members.Allocate(name, Names.Pascal(literal)), literal));
        }

        Declarations.Add(declaration);
        return _shapes[shape] = Register(TypeRef.Generated(TypeKind.Enum, Qualify(context.Container, name), true, declaration.ConverterName));
    }

    private TypeRef IdOf(string table)
    {
        if (!_ids.TryGetValue(table, out var type))
        {
            var name = _names.Allocate("", Names.Pascal(table) + "Id");
            var declaration = new IdDeclaration(name, table);
            Declarations.Add(declaration);
            type = Register(TypeRef.Generated(TypeKind.Id, Qualify("", name), true, declaration.ConverterName));
            _ids[table] = type;
        }

        return type;
    }

    private TypeRef Unmappable(MapContext context, string why)
    {
        Unmapped.Add((context.FunctionIdentifier, context.Where, why));
        return TypeRef.Any.AsNullable();
    }

    private TypeRef Register(TypeRef type)
    {
        Types[type.TypeOfCode] = type;
        if (type.Element is { } element)
        {
            Register(element);
        }

        return type;
    }

    private string Qualify(string container, string name) =>
        "global::" + (Namespace.Length == 0 ? "" : Namespace + ".") + (container.Length == 0 ? "" : container + ".") + name;

    private static JsonObject Validator(string type, params (string Key, string Value)[] extra)
    {
        var v = new JsonObject();
        v.Add("type", type);
        foreach (var (key, value) in extra)
        {
            v.Add(key, value);
        }

        return v;
    }

    private static JsonObject Field(JsonObject fieldType)
    {
        var field = new JsonObject();
        field.Add("fieldType", fieldType);
        field.Add("optional", false);
        return field;
    }

    private sealed class MapContext(ConvexFunction? function, string role, string where, string container, bool settable)
    {
        public string FunctionIdentifier => function?.Identifier ?? role;

        public string FunctionPath => function?.Path ?? Where;

        public string Where { get; } = where;

        public string Container { get; } = container;

        public bool Settable { get; } = settable;

        public MapContext At(string segment) =>
            new(function, role, segment is "[]" or "{}" ? Where + segment : Where + "." + segment, Container, Settable);
    }
}
