using NewsMonitor.Matching;

namespace NewsMonitor.Feeds.Stories;

/// <summary>The words that carry a story, as 64-bit hashes: normalised like the watchlist, without the commonest French and English words.</summary>
internal static class StoryWords
{
    private static readonly HashSet<ulong> StopWords = new(
        """
        a au aux avec ce ces cet cette d dans de des du elle en est et il ils l la le les leur leurs lui mais ne ni nous on ou
        par pas pour qu que qui s sa se ses son sont sur un une y a ete etre fait plus comme aussi selon apres avant entre
        the of to and in for on is are was were be been by with as at that this it its from an or has have had will would
        not their they he she his her we you said says after before about into than also which who but
        """.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(w => StableHash.Of(w)));

    [ThreadStatic]
    private static char[]? wordBuffer;

    [ThreadStatic]
    private static uint[]? hashBuffer;

    /// <summary>Appends the hashes of <paramref name="text"/>'s words to <paramref name="words"/> from <paramref name="count"/>; returns the new count (at most the buffer's length).</summary>
    public static int Append(string text, ulong[] words, int count)
    {
        if (string.IsNullOrEmpty(text) || count >= words.Length)
        {
            return count;
        }

        var sink = new Collector(words, count);
        WordSplitter.Split(text, foldCase: true, wordBuffer ??= new char[64], hashBuffer ??= new uint[64], ref sink);
        return sink.Count;
    }

    /// <summary>Keeps the words that say something, until the buffer is full.</summary>
    private struct Collector(ulong[] words, int count) : IWordSink
    {
        public int Count { get; private set; } = count;

        public void OnWord(ReadOnlySpan<char> word, ReadOnlySpan<uint> prefixHashes, bool truncated, int start, int end)
        {
            if (Count >= words.Length || (word.Length < 2 && !char.IsDigit(word[0])))
            {
                return;
            }

            var hash = StableHash.Of(word);
            if (!StopWords.Contains(hash))
            {
                words[Count++] = hash;
            }
        }
    }
}
