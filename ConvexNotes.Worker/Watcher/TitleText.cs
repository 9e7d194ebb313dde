using System.Globalization;
using System.Text;

namespace ConvexNotes.Worker.Watcher;

/// <summary>Shortens a note title for a log line.</summary>
internal static class TitleText
{
    private const string Ellipsis = "…";

    /// <summary>
    /// Returns at most <paramref name="maxLength"/> characters as the reader sees them (grapheme clusters, so an emoji
    /// is never cut in half), ending in an ellipsis when shortened. Control characters become spaces, so a title
    /// cannot forge extra log lines.
    /// </summary>
    public static string ForLog(string title, int maxLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 1);
        var builder = new StringBuilder(Math.Min(title.Length, maxLength * 2) + 1);
        var elements = StringInfo.GetTextElementEnumerator(title);
        var count = 0;
        while (elements.MoveNext())
        {
            if (++count == maxLength && elements.ElementIndex + elements.GetTextElement().Length < title.Length)
            {
                return builder.Append(Ellipsis).ToString();
            }

            foreach (var c in elements.GetTextElement())
            {
                builder.Append(char.IsControl(c) ? ' ' : c);
            }
        }

        return builder.ToString();
    }
}
