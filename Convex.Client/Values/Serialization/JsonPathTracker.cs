using System.Text;

namespace Convex.Client.Values.Serialization;

/// <summary>Tracks where a reader or validator is, so errors can say <c>$.notes[3].title</c>.</summary>
internal sealed class JsonPathTracker
{
    private readonly List<object> _segments = [];

    public void Push(string fieldName) => _segments.Add(fieldName);

    public void Push(int index) => _segments.Add(index);

    public void Pop() => _segments.RemoveAt(_segments.Count - 1);

    public ConvexValueException Error(string message) => new($"{message} (at {this})", ToString(), null);

    public override string ToString()
    {
        var sb = new StringBuilder("$");
        foreach (var segment in _segments)
        {
            if (segment is int index)
            {
                sb.Append('[').Append(index).Append(']');
            }
            else
            {
                sb.Append('.').Append((string)segment);
            }
        }

        return sb.ToString();
    }
}
