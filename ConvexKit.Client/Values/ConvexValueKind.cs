namespace ConvexKit.Client.Values;

/// <summary>The eight kinds of value in the Convex data model.</summary>
public enum ConvexValueKind
{
    /// <summary>The <c>null</c> value.</summary>
    Null,

    /// <summary>A signed 64-bit integer (<c>bigint</c> in JavaScript, <c>v.int64()</c> in a validator).</summary>
    Int64,

    /// <summary>An IEEE-754 double (<c>number</c> in JavaScript, <c>v.number()</c> in a validator).</summary>
    Float64,

    /// <summary>A boolean.</summary>
    Boolean,

    /// <summary>A string.</summary>
    String,

    /// <summary>A byte sequence (<c>ArrayBuffer</c> in JavaScript, <c>v.bytes()</c> in a validator).</summary>
    Bytes,

    /// <summary>An ordered list of values.</summary>
    Array,

    /// <summary>A map from field names to values.</summary>
    Object,
}
