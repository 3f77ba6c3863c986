namespace NewsMonitor.Matching;

/// <summary>Receives the words that <see cref="WordSplitter"/> finds, one call per word, in text order.</summary>
internal interface IWordSink
{
    /// <param name="word">The normalised word, cut to the splitter's buffer length.</param>
    /// <param name="prefixHashes">Element i is the <see cref="WordHash"/> of the first i + 1 characters of <paramref name="word"/>.</param>
    /// <param name="truncated">The word was longer than <paramref name="word"/>.</param>
    /// <param name="start">Index in the original text of the word's first character.</param>
    /// <param name="end">Index in the original text just after the word, trailing combining marks included.</param>
    void OnWord(ReadOnlySpan<char> word, ReadOnlySpan<uint> prefixHashes, bool truncated, int start, int end);
}
