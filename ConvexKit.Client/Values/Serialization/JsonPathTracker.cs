using System.Text;

namespace ConvexKit.Client.Values.Serialization;

/// <summary>Tracks where a reader or validator is, so errors can say <c>$.notes[3].title</c>.</summary>
internal sealed class JsonPathTracker
{
    // (name, -1) for a field, (null, index) for an array element: no boxing on the hot path.
    private readonly List<(string? Name, int Index)> _segments = [];

    public void Push(string fieldName) => _segments.Add((fieldName, -1));

    public void Push(int index) => _segments.Add((null, index));

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public void Clear() => _segments.Clear();

    public ConvexValueException Error(string message) => new($"{message} (at {this})", ToString(), null);

    public override string ToString()
    {
        var sb = new StringBuilder("$");
        foreach (var segment in _segments)
        {
            if (segment.Name is null)
            {
                sb.Append('[').Append(segment.Index).Append(']');
            }
            else
            {
                sb.Append('.').Append(segment.Name);
            }
        }

        return sb.ToString();
    }
}
