namespace NewsMonitor.Matching;

/// <summary>One normalised query word (or prefix, before its '*', or fuzzy word, before its '~') and its key in the <see cref="WordIndex"/>.</summary>
/// <param name="IsCapitalised">Written with an upper-case first letter in the query: a name, probably rare in text.</param>
/// <param name="IsFuzzy">Matches words one Damerau edit away too (see <see cref="FuzzyWords"/>).</param>
internal readonly record struct QueryWord(string Text, bool IsPrefix, int Key, bool IsCapitalised = false, bool IsFuzzy = false)
{
    public override string ToString() => IsPrefix ? Text + "*" : IsFuzzy ? Text + "~" : Text;
}
