namespace ConvexKit.Client.Generators.Model;

internal enum TypeKind
{
    String,
    Double,
    Long,
    Bool,
    Bytes,
    Any,
    AnyObject,
    NoArgs,
    Record,
    Enum,
    Id,
    List,
    Dictionary,
    Nullable,
}

/// <summary>A C# type the generated code uses, and how its JSON metadata is made.</summary>
internal sealed class TypeRef
{
    private const string Values = "global::ConvexKit.Client.Values.";

    public static readonly TypeRef String = new(TypeKind.String, "string", false);
    public static readonly TypeRef Double = new(TypeKind.Double, "double", true);
    public static readonly TypeRef Long = new(TypeKind.Long, "long", true);
    public static readonly TypeRef Bool = new(TypeKind.Bool, "bool", true);
    public static readonly TypeRef Bytes = new(TypeKind.Bytes, "byte[]", false);
    public static readonly TypeRef Any = new(TypeKind.Any, Values + "ConvexValue", false);
    public static readonly TypeRef AnyObject = new(TypeKind.AnyObject, Values + "ConvexObject", false);
    public static readonly TypeRef NoArgs = new(TypeKind.NoArgs, "global::ConvexKit.Client.Functions.NoArgs", false);

    private TypeRef(TypeKind kind, string code, bool isValueType, TypeRef? element = null, string? converter = null)
    {
        Kind = kind;
        Code = code;
        IsValueType = isValueType;
        Element = element;
        Converter = converter;
    }

    public TypeKind Kind { get; }

    /// <summary>The type as written in declarations, nullable annotation included (<c>string?</c>, <c>long?</c>).</summary>
    public string Code { get; }

    public bool IsValueType { get; }

    /// <summary>A reference type annotated <c>?</c> (same metadata as the plain type).</summary>
    public bool IsNullableReference { get; private init; }

    /// <summary>Item type of a list, value type of a dictionary, underlying type of a nullable value type.</summary>
    public TypeRef? Element { get; }

    /// <summary>The converter class of a generated record, enum or id.</summary>
    public string? Converter { get; }

    /// <summary>The type for <c>typeof</c> and the metadata lookup: no annotation on reference types.</summary>
    public string TypeOfCode => IsNullableReference ? Code.Substring(0, Code.Length - 1) : Code;

    public bool AcceptsNull => IsNullableReference || Kind == TypeKind.Nullable;

    public static TypeRef Generated(TypeKind kind, string code, bool isValueType, string converter) => new(kind, code, isValueType, converter: converter);

    public static TypeRef ListOf(TypeRef item) =>
        new(TypeKind.List, $"global::System.Collections.Generic.IReadOnlyList<{item.Code}>", false, item);

    public static TypeRef DictionaryOf(TypeRef value) =>
        new(TypeKind.Dictionary, $"global::System.Collections.Generic.IReadOnlyDictionary<string, {value.Code}>", false, value);

    public TypeRef AsNullable()
    {
        if (AcceptsNull)
        {
            return this;
        }

        return IsValueType
            ? new TypeRef(TypeKind.Nullable, Code + "?", true, this)
            : new TypeRef(Kind, Code + "?", false, Element, Converter) { IsNullableReference = true };
    }
}
