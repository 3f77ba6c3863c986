using NewsMonitor.Storage;

namespace NewsMonitor.Matching;

/// <summary>Reads an article's fields word by word and records in <see cref="ArticleHits"/> every watchlist key each word satisfies.</summary>
internal readonly ref struct ArticleScanner(WordIndex index, ArticleHits hits)
{
    // Words of different fields are this many positions apart, farther than any NEAR reaches,
    // so that neither a phrase nor a NEAR joins the end of the title to the start of the summary.
    private const int FieldGap = QueryLimits.MaxNearDistance + 2;

    public void Scan(ArticleText article)
    {
        var position = 0;
        position = ScanField(article.Title, ArticleField.Title, position) + FieldGap;
        position = ScanField(article.Summary, ArticleField.Summary, position) + FieldGap;
        ScanField(article.Content, ArticleField.Content, position);
    }

    private int ScanField(string? text, ArticleField field, int position)
    {
        var scanner = new WordScanner(text, hits.WordBuffer);
        while (scanner.MoveNext())
        {
            hits.BeginWord(position, field, scanner.Start, scanner.End - scanner.Start);
            index.FindKeys(scanner.Word, scanner.Truncated, hits.FoldBuffer, hits);
            position++;
        }

        return position;
    }
}
