namespace NewsMonitor.Matching;

/// <summary>One normalised query word (or prefix, before its '*') and its key in the <see cref="WordIndex"/>.</summary>
/// <param name="IsCapitalised">Written with an upper-case first letter in the query: a name, probably rare in text.</param>
internal readonly record struct QueryWord(string Text, bool IsPrefix, int Key, bool IsCapitalised = false)
{
    public override string ToString() => IsPrefix ? Text + "*" : Text;
}
