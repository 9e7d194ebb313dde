using ConvexKit.Client.Values.Serialization;

namespace ConvexKit.Client.Values;

/// <summary>The server's value limits (crates/value/src/ and crates/common/src/knobs.rs), checked before anything is sent.</summary>
internal static class ConvexLimits
{
    /// <summary>The largest function arguments the server accepts (<c>FUNCTION_MAX_ARGS_SIZE</c>, 16 MiB).</summary>
    public const long MaxArgumentsSize = 16L << 20;

    /// <summary>Throws <see cref="ConvexValueException"/> when <paramref name="args"/> nests too deeply or is too large.</summary>
    public static void CheckArguments(ConvexObject args)
    {
        // The server checks the nesting of the argument list, [args], so the arguments themselves get one level less.
        var size = MeasureChecked(args, 1);
        if (size > MaxArgumentsSize)
        {
            throw new ConvexValueException(
                $"The arguments are {size} bytes by Convex's size rules; the server accepts at most {MaxArgumentsSize}.", "$", null);
        }
    }

    /// <summary>Convex's size of a value: null/bool 1, numbers 9, strings and bytes 2 + length, containers 2 + contents.</summary>
    public static long Size(ConvexValue value) => MeasureChecked(value, 0);

    /// <summary>
    /// Measures without tracking the path (every call checks its arguments, so that would be a list per call); only a
    /// value that nests too deeply is walked again with the path, for the error.
    /// </summary>
    private static long MeasureChecked(ConvexValue value, int depth)
    {
        try
        {
            return Measure(value, path: null, depth);
        }
        catch (TooDeepException)
        {
            return Measure(value, new JsonPathTracker(), depth);
        }
    }

    private static long Measure(ConvexValue value, JsonPathTracker? path, int depth)
    {
        switch (value)
        {
            case ConvexNull or ConvexBoolean:
                return 1;
            case ConvexInt64 or ConvexFloat64:
                return 9;
            case ConvexString s:
                return 2 + System.Text.Encoding.UTF8.GetByteCount(s.Value);
            case ConvexBytes b:
                return 2 + b.Length;
            case ConvexArray array:
            {
                CheckDepth(path, depth + 1);
                long size = 2;
                for (var i = 0; i < array.Count; i++)
                {
                    path?.Push(i);
                    size += Measure(array[i], path, depth + 1);
                    path?.Pop();
                }

                return size;
            }

            case ConvexObject obj:
            {
                CheckDepth(path, depth + 1);
                long size = 2;
                foreach (var field in obj)
                {
                    path?.Push(field.Key);
                    size += field.Key.Length + 1 + Measure(field.Value, path, depth + 1);
                    path?.Pop();
                }

                return size;
            }

            default:
                throw new InvalidOperationException($"Unknown Convex value type {value.GetType()}.");
        }
    }

    private static void CheckDepth(JsonPathTracker? path, int depth)
    {
        if (depth > ConvexJsonReader.MaxNesting)
        {
            throw path is null
                ? new TooDeepException()
                : path.Error($"The value nests deeper than Convex's limit of {ConvexJsonReader.MaxNesting} levels.");
        }
    }

    /// <summary>Thrown by a walk without a path, so that the walk is repeated with one.</summary>
    private sealed class TooDeepException : Exception;
}
