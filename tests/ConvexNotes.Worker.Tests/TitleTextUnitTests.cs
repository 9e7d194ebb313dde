using ConvexNotes.Worker.Watcher;

namespace ConvexNotes.Worker.Tests;

public sealed class TitleTextUnitTests
{
    [Theory]
    [InlineData("Short", 10, "Short")]
    [InlineData("Exactly 10", 10, "Exactly 10")]
    [InlineData("Eleven char", 10, "Eleven ch…")]
    [InlineData("Groceries", 1, "…")]
    [InlineData("G", 1, "G")]
    [InlineData("", 5, "")]
    public void TitlesLongerThanTheLimitEndInAnEllipsisWithinIt(string title, int maxLength, string expected)
    {
        Assert.Equal(expected, TitleText.ForLog(title, maxLength));
    }

    [Fact]
    public void AnEmojiIsNeverCutInHalf()
    {
        // A family emoji: seven UTF-16 code units joined by zero-width joiners, one character to the reader.
        const string Family = "\U0001F468\u200D\U0001F469\u200D\U0001F467";

        Assert.Equal($"ab{Family}…", TitleText.ForLog($"ab{Family}{Family}cd", 4));
        Assert.Equal($"{Family}{Family}", TitleText.ForLog($"{Family}{Family}", 2));
    }

    [Fact]
    public void ControlCharactersBecomeSpacesSoATitleCannotForgeLogLines()
    {
        Assert.Equal("one two three", TitleText.ForLog("one\ntwo\rthree", 40));
    }

    [Fact]
    public void ALimitBelowOneIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TitleText.ForLog("title", 0));
    }
}
