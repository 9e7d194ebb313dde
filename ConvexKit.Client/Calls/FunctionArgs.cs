using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ConvexKit.Client.Values;
using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Calls;

/// <summary>Turns the caller's arguments into the arguments object every Convex function takes.</summary>
internal static class FunctionArgs
{
    public static ConvexObject From(ConvexObject? args) => args ?? ConvexObject.Empty;

    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent.</exception>
    /// <exception cref="ArgumentException">The arguments do not convert to an object.</exception>
    public static ConvexObject From<TArgs>(TArgs args, JsonTypeInfo<TArgs> argsTypeInfo)
    {
        ArgumentNullException.ThrowIfNull(argsTypeInfo);
        return AsObject(ConvexValue.FromObject(args, argsTypeInfo), typeof(TArgs));
    }

    /// <exception cref="ConvexValueException">The arguments hold a value Convex cannot represent.</exception>
    /// <exception cref="ArgumentException">The arguments do not convert to an object.</exception>
    [RequiresUnreferencedCode(ConvexSerializer.ReflectionMessage)]
    [RequiresDynamicCode(ConvexSerializer.ReflectionMessage)]
    public static ConvexObject FromReflection(object? args, JsonSerializerOptions? options) => args switch
    {
        null => ConvexObject.Empty,
        ConvexValue value => AsObject(value, args.GetType()),
        _ => AsObject(ConvexValue.FromObject(args, options), args.GetType()),
    };

    private static ConvexObject AsObject(ConvexValue value, Type type) => value switch
    {
        ConvexObject obj => obj,
        ConvexNull => ConvexObject.Empty,
        _ => throw new ArgumentException($"The arguments of a Convex function must be an object, but {type.Name} converts to a Convex {value.Kind}.", "args"),
    };
}
