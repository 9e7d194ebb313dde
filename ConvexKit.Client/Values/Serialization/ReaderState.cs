using System.Text.Json;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>
/// What <see cref="ConvexJsonReader"/> carries through one parse: the JSON path for errors, the field names seen so far,
/// and per-depth scratch lists, so that decoding a large value allocates little beyond the values themselves.
/// </summary>
internal sealed class ReaderState
{
    // Scratch lists that grew past this are dropped on return rather than kept for the thread's lifetime.
    private const int MaxKeptCapacity = 1024;

    // One state per thread, reused by the next parse: a fresh one per value (its name cache alone is 1 KB) was the
    // largest allocation of a mutation round trip. Taken out while in use, so a nested parse gets its own.
    [ThreadStatic]
    private static ReaderState? s_threadState;

    private readonly List<List<ConvexValue>?> _items = [];
    private readonly List<List<KeyValuePair<string, ConvexValue>>?> _fields = [];

    public JsonPathTracker Path { get; } = new();

    public FieldNameCache Names { get; } = new();

    /// <summary>Takes this thread's reusable state, or a new one while it is in use; give it back with <see cref="Return"/>.</summary>
    public static ReaderState Rent()
    {
        var state = s_threadState ?? new ReaderState();
        s_threadState = null;
        return state;
    }

    /// <summary>Gives <paramref name="state"/> back for the thread's next parse, holding no values of the last one.</summary>
    public static void Return(ReaderState state)
    {
        state.Path.Clear();
        Release(state._items);
        Release(state._fields);
        s_threadState = state;
    }

    /// <summary>The empty scratch list for the array being read at <paramref name="depth"/> (a child is one deeper, so never shares it).</summary>
    public List<ConvexValue> ItemsAt(int depth) => Scratch(_items, depth);

    /// <summary>The empty scratch list for the object being read at <paramref name="depth"/>.</summary>
    public List<KeyValuePair<string, ConvexValue>> FieldsAt(int depth) => Scratch(_fields, depth);

    private static List<T> Scratch<T>(List<List<T>?> lists, int depth)
    {
        while (lists.Count <= depth)
        {
            lists.Add(null);
        }

        var list = lists[depth] ??= [];
        list.Clear();
        return list;
    }

    private static void Release<T>(List<List<T>?> lists)
    {
        for (var i = 0; i < lists.Count; i++)
        {
            if (lists[i] is { } list)
            {
                list.Clear();
                if (list.Capacity > MaxKeptCapacity)
                {
                    lists[i] = null;
                }
            }
        }
    }
}

/// <summary>
/// Remembers the validated field names of recent objects by (depth, position): the objects of a list repeat the same
/// keys, so a name is compared as raw UTF-8 instead of being decoded, allocated and validated again.
/// </summary>
internal sealed class FieldNameCache
{
    private const int Size = 128;

    private readonly Entry[] _entries = new Entry[Size];

    /// <summary>Returns the cached name when the reader's current property name is byte-for-byte the cached one.</summary>
    public bool TryGet(ref Utf8JsonReader reader, int depth, int position, out string name)
    {
        var entry = _entries[Slot(depth, position)];
        if (entry is not null && !reader.ValueIsEscaped && !reader.HasValueSequence && reader.ValueSpan.SequenceEqual(entry.Utf8))
        {
            name = entry.Name;
            return true;
        }

        name = "";
        return false;
    }

    /// <summary>Remembers the reader's current property name, already validated as <paramref name="validatedName"/>.</summary>
    public void Add(ref Utf8JsonReader reader, int depth, int position, string validatedName)
    {
        if (!reader.ValueIsEscaped && !reader.HasValueSequence)
        {
            _entries[Slot(depth, position)] = new Entry(reader.ValueSpan.ToArray(), validatedName);
        }
    }

    private static int Slot(int depth, int position) => ((depth * 17) + position) & (Size - 1);

    private sealed record Entry(byte[] Utf8, string Name);
}
