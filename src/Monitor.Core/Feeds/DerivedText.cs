namespace NewsMonitor.Feeds;

/// <summary>
/// A title and a summary made from an item's text when the feed gives none (an untitled item whose words are only in
/// its content): digests and the page need something to show, and a cut mid-word reads as a mistake.
/// </summary>
public static class DerivedText
{
    private const int TitleLength = 80;
    private const int SummaryLength = 300;

    /// <summary>The first sentence when it is short enough, else the first words up to about 80 characters, with an ellipsis.</summary>
    public static string Title(string text)
    {
        var sentenceEnd = FirstSentenceEnd(text);
        return sentenceEnd is > 0 and <= TitleLength ? text[..sentenceEnd] : Shorten(text, TitleLength);
    }

    /// <summary>The text cut after whole words at about 300 characters, with an ellipsis when cut.</summary>
    public static string Summary(string text) => Shorten(text, SummaryLength);

    private static int FirstSentenceEnd(string text)
    {
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] is '.' or '!' or '?' && text[i + 1] == ' ' && i > 0 && !char.IsDigit(text[i - 1]))
            {
                return i + 1;
            }
        }

        return text.Length;
    }

    private static string Shorten(string text, int length)
    {
        if (text.Length <= length)
        {
            return text;
        }

        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > length / 2 ? cut : length)].TrimEnd(' ', ',', ';', ':', '-', '—') + "…";
    }
}
