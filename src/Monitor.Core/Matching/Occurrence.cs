namespace NewsMonitor.Matching;

/// <summary>
/// One place where a word, prefix or phrase occurs: its first and last word positions and the hits
/// (see <see cref="ArticleHits"/>) of its first and last words.
/// </summary>
internal readonly record struct Occurrence(int FirstPosition, int LastPosition, int FirstHit, int LastHit)
{
    public static int CompareByPosition(Occurrence x, Occurrence y) => x.FirstPosition.CompareTo(y.FirstPosition);
}
