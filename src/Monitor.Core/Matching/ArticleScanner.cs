using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>Reads an article's fields word by word and records in <see cref="ArticleHits"/> every watchlist key each word satisfies.</summary>
internal static class ArticleScanner
{
    // Words of different fields are this many positions apart, farther than any NEAR reaches,
    // so that neither a phrase nor a NEAR joins the end of the title to the start of the summary.
    private const int FieldGap = QueryLimits.MaxNearDistance + 2;

    public static void Scan(WordIndex index, ArticleHits hits, ArticleText article)
    {
        var sink = new KeyFinder(index, hits);
        ScanField(article.Title, ArticleField.Title, ref sink);
        ScanField(article.Summary, ArticleField.Summary, ref sink);
        ScanField(article.Content, ArticleField.Content, ref sink);
    }

    private static void ScanField(string? text, ArticleField field, ref KeyFinder sink)
    {
        sink.Field = field;
        WordSplitter.Split(text, sink.Index.ScanFoldsCase, sink.Hits.WordBuffer, sink.Hits.WordHashes, ref sink);
        sink.Position += FieldGap;
    }

    /// <summary>Looks each word up in the index and records the keys it satisfies, with the word's place.</summary>
    private struct KeyFinder(WordIndex index, ArticleHits hits) : IWordSink
    {
        public readonly WordIndex Index => index;

        public readonly ArticleHits Hits => hits;

        public ArticleField Field { get; set; }

        public int Position { get; set; }

        public void OnWord(ReadOnlySpan<char> word, ReadOnlySpan<uint> prefixHashes, bool truncated, int start, int end)
        {
            hits.BeginWord(Position++, Field, start, end - start);
            index.FindKeys(word, prefixHashes, truncated, hits);
        }
    }
}
